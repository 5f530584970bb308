// formatExplanation(): a report of explain() rendered for a terminal or as
// Markdown, one function a section (the verdict, the causes, the server's
// view, the findings), then the correct computation as formatTrace() renders
// it.

import { rivals } from "./_naming.ts";
import type {
  BaseStringDiff,
  Explanation,
  Finding,
  NamedCause,
  ParameterRow,
  ServerView,
} from "./report.ts";
import { wrap, type Writer, writer } from "../core/format.ts";
import { formatTrace, type FormatTraceOptions } from "../client/trace.ts";

const STEP_TITLE = {
  "base-string-uri": "Step 1: the base string URI (RFC 5849 §3.4.1.2)",
  "parameters": "Step 2: the parameters (RFC 5849 §3.4.1.3)",
  "signature-base-string":
    "Step 3: the signature base string (RFC 5849 §3.4.1.1)",
  "signature": "Step 4: the signature (RFC 5849 §3.4.2)",
} as const;

// The writer, with the verdict's colours and the width prose wraps to.
interface Page extends Writer {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly width: number;
}

/**
 * Renders a report of `explain()` for a terminal or as Markdown, in
 * the manner of `formatTrace()`: the verdict, the causes with their evidence
 * and fix, the server's view with the aligned base strings, the findings,
 * and then the correct computation step by step.
 *
 * @param report The report.
 * @param options The format and whether to colour it.
 * @returns The rendered text.
 *
 * @example
 * ```ts
 * import { explain, formatExplanation } from "@oauth1/steps/explain";
 * import { importSignedUrl } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importSignedUrl(
 *   "http://example.com/r?foo=first%2Csecond&oauth_consumer_key=key" +
 *     "&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958" +
 *     "&oauth_signature=Kd9dEuKqq7mf2rIWHDTHxcVni3w%3D",
 * );
 * const text = formatExplanation(await explain(captured, { consumerSecret: "secret" }));
 * assert.match(text, /query values encoded twice/);
 * assert.ok(!text.includes("secret\""));
 * ```
 */
export function formatExplanation(
  report: Explanation,
  options: FormatTraceOptions = {},
): string {
  const w = writer(options);
  const page: Page = {
    ...w,
    red: w.paint("31"),
    green: w.paint("32"),
    width: w.markdown ? Infinity : options.width ?? Infinity,
  };
  verdictSection(page, report);
  causesSection(page, report);
  if (report.server !== undefined) serverSection(page, report.server);
  if (report.findings.length > 0) findingsSection(page, report.findings);
  page.heading("How a correct signer computes it");
  page.out.push("");
  return page.out.join("\n") + formatTrace(report.trace, options);
}

function verdictSection(page: Page, report: Explanation): void {
  const { out, red, green, heading, field, prose } = page;
  heading(
    `Verdict: ${
      report.verdict === "valid" ? green("valid") : red("invalid")
    } (${report.signatureMethod}, RFC 5849 §3.4)`,
  );
  field("sent", report.sentSignature);
  field("expected", report.expectedSignature);
  prose(
    report.signatureMatches
      ? "The signature sent is the one a correct signer computes."
      : "The signature sent is not the one a correct signer computes.",
  );
  out.push("");
}

function causesSection(page: Page, report: Explanation): void {
  const { markdown, out, bold, dim, heading, field, prose } = page;
  if (report.causes.length === 0) {
    if (report.verdict === "valid") return;
    heading("Cause");
    if (report.explained) {
      prose(
        "The signature is right, but the request breaks a rule of the protocol: see the errors under Findings.",
      );
    } else {
      prose(
        `No combination of up to 3 wrong settings of the ${report.searched.knobs} decisions that apply here reproduces what was seen. What the search cannot see, to check in this order:`,
      );
      report.unexplained.forEach((item, i) =>
        out.push(
          ...(markdown
            ? [`${i + 1}. ${item}`]
            : wrap(`${i + 1}. ${item}`, page.width, "  ", "     ")),
        )
      );
    }
    out.push("");
    return;
  }
  heading(report.causes.length === 1 ? "Cause" : "Causes");
  if (alternativesIn(report.causes)) {
    prose(
      "More than one cause reproduces what was seen: this request cannot tell them apart.",
    );
  }
  for (const cause of report.causes) {
    out.push(
      markdown
        ? `- **${cause.title}** (\`${cause.ids.join(" + ")}\`, RFC 5849 §${
          cause.sections.join(", §")
        })`
        : `  ${bold(cause.title)} ${dim(`[${cause.ids.join(" + ")}]`)}`,
    );
    field("evidence", cause.evidence);
    field("fix", cause.fix);
    if (cause.diff !== undefined) {
      diff(page, cause.diff, "correct", "wrong");
      legend(
        page,
        "correct is what a correct signer signs, wrong what this mistake signs",
      );
    }
  }
  out.push("");
}

function serverSection(page: Page, server: ServerView): void {
  const { out, heading, field } = page;
  heading(
    `Server view: ${
      server.divergence === undefined
        ? "agrees with the correct computation"
        : `departs at ${STEP_TITLE[server.divergence]}`
    }`,
  );
  if (server.problem !== undefined) field("oauth_problem", server.problem);
  if (server.signature !== undefined) field("expected", server.signature);
  parameterRows(page, server.parameters.filter((r) => r.status !== "same"));
  if (server.diff !== undefined) {
    diff(page, server.diff, "request", "server");
    legend(
      page,
      "request is what a correct signer signs, server what the server signed",
    );
  }
  out.push("");
}

// The parameters that differ, as a table in Markdown, in columns otherwise.
function parameterRows(page: Page, rows: readonly ParameterRow[]): void {
  const { markdown, out, dim } = page;
  if (rows.length === 0) return;
  if (markdown) {
    out.push("| name | request | server | status |");
    out.push("|---|---|---|---|");
    for (const r of rows) {
      out.push(
        `| \`${r.name}\` | \`${r.request ?? ""}\` | \`${
          r.server ?? ""
        }\` | ${r.status} |`,
      );
    }
    out.push("");
    return;
  }
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  out.push(
    dim(`  ${"name".padEnd(width)}  status          request → server`),
  );
  for (const r of rows) {
    out.push(
      `  ${r.name.padEnd(width)}  ${r.status.padEnd(15)} ${
        r.request ?? "(none)"
      } → ${r.server ?? "(none)"}`,
    );
  }
}

function findingsSection(page: Page, findings: readonly Finding[]): void {
  const { markdown, out, red, dim, heading, width } = page;
  heading("Findings");
  for (const f of findings) {
    if (markdown) {
      out.push(`- ${f.severity} (${f.kind}): ${f.message}`);
    } else {
      // Wrapped without colour, then the severity and kind painted.
      const [first = "", ...more] = wrap(
        `${f.severity} (${f.kind}) ${f.message}`,
        width,
        "  ",
        "    ",
      );
      const lead = `  ${f.severity} (${f.kind})`;
      out.push(
        `  ${f.severity === "error" ? red(f.severity) : f.severity} ${
          dim(`(${f.kind})`)
        }${first.slice(lead.length)}`,
        ...more,
      );
    }
  }
  out.push("");
}

function diff(
  page: Page,
  d: BaseStringDiff,
  top: string,
  bottom: string,
): void {
  const [correct = "", wrong = "", ...marks] = diffLines(
    d,
    top,
    bottom,
    page.width,
  );
  page.block([page.green(correct), page.red(wrong), ...marks]);
}

function legend(page: Page, text: string): void {
  if (page.markdown) {
    page.out.push(
      `${text}; · pads the shorter line, ^ marks where they differ.\n`,
    );
    return;
  }
  for (
    const line of wrap(
      `${text}; · pads the shorter line, ^ marks where they differ.`,
      page.width,
      "  ",
    )
  ) page.out.push(page.dim(line));
}

// Whether two causes reproduce the same thing: then they are alternatives,
// where a pair, or a cause seen in the values sent, is not.
function alternativesIn(list: readonly NamedCause[]): boolean {
  return list.some((c) => rivals(c, list).length > 0);
}

// A window of an aligned diff around its first difference, with the caret
// line and the name of the parameter under it: 100 columns of base string,
// or what fits in `width` after the indent and the labels.
function diffLines(
  d: BaseStringDiff,
  top: string,
  bottom: string,
  width: number,
): string[] {
  const span = Math.min(
    100,
    width - 2 - Math.max(top.length, bottom.length) - 3,
  );
  const start = Math.max(0, d.column - Math.min(30, Math.floor(span / 3)));
  const end = start + span;
  const lead = start > 0 ? "…" : "";
  const cut = (s: string): string =>
    lead + s.slice(start, end) + (s.length > end ? "…" : "");
  const pad = " ".repeat(Math.max(top.length, bottom.length) + 1);
  const caret = " ".repeat(d.column - start + lead.length);
  return [
    `${top.padEnd(pad.length)}${cut(d.request)}`,
    `${bottom.padEnd(pad.length)}${cut(d.server)}`,
    `${pad}${" ".repeat(lead.length)}${d.marks.slice(start, end)}`,
    `${pad}${caret}${d.parameter}${
      d.change === undefined || d.change === "order" ? "" : ` ${d.change}`
    }`,
  ];
}
