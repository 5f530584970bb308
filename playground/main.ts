/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="esnext" />
// The playground page: the library at work in the browser. State lives in one
// plain object; each panel is a function from what the library computed to
// its DOM, and a panel whose input did not change is left alone.

import {
  type BaseStringDiff,
  type CapturedRequest,
  type CauseEntry,
  type CauseId,
  causes,
  explain,
  type ExplainEvidence,
  type Explanation,
  FLOW_LEGS,
  formatExplanation,
  formatTrace,
  type ImportOptions,
  importRequest,
  narrateTrace,
  percentEncode,
  type SecretView,
  SIGNATURE_METHODS,
  type SignedRequest,
  type StepNarration,
  type Trace,
  type TracedParameter,
  type WhatIf,
  whatIf,
} from "../mod.ts";
import { rawPairs } from "../explain/conventions.ts";
import {
  findProfile,
  lintRequest,
  type ProfileName,
  PROFILES,
} from "../vendors/profiles.ts";
import { PRESETS } from "./presets.ts";
import {
  BLANK_FIELDS,
  capturedOf,
  DEFAULT_FIELDS,
  type Fields,
  fieldsOfCaptured,
  givenInputs,
  placementsOf,
  readFragment,
  secretsOf,
  sentOf,
  shareFragment,
  signFields,
  testVector,
  withProfile,
} from "./state.ts";

// ---------------------------------------------------------------- the state

const state: {
  fields: Fields;
  /** The vendor profile's inputs, by name, as typed. */
  profileInputs: Record<string, string>;
  reveal: boolean;
  preset: string | undefined;
  whatIf: CauseId[];
} = {
  profileInputs: {},
  fields: location.hash.length > 1
    ? { ...BLANK_FIELDS, ...readFragment(location.hash) }
    : { ...DEFAULT_FIELDS },
  reveal: false,
  preset: location.hash.length > 1 ? undefined : "rfc5849-1.2-photos",
  whatIf: [],
};

// A setting that is only seen in the values sent changes no signature.
const SIGNABLE = causes.filter((c) => c.whatIf);

// The page's group of each stage of the computation.
const STAGE_TITLES: Readonly<Record<CauseEntry["stage"], string>> = {
  uri: "The base string URI (§3.4.1.2)",
  parameters: "The parameters (§3.4.1.3)",
  order: "The parameters (§3.4.1.3)",
  encoder: "The encoding (§3.6)",
  base: "The base string (§3.4.1.1)",
  key: "The key (§3.4.2)",
  hash: "The digest (§3.4.2)",
  text: "The digest (§3.4.2)",
  transport: "The digest (§3.4.2)",
  sent: "The values sent",
};

/** The knobs whatIf() can sign with, by stage: one choice per knob. */
const STAGES: { title: string; knobs: CauseEntry[][] }[] = [];
for (const c of SIGNABLE) {
  const title = STAGE_TITLES[c.stage];
  let stage = STAGES.find((s) => s.title === title);
  if (stage === undefined) STAGES.push(stage = { title, knobs: [] });
  const knob = stage.knobs.find((k) => k[0]!.knob === c.knob);
  if (knob === undefined) stage.knobs.push([c]);
  else knob.push(c);
}

// ------------------------------------------------------------------ helpers

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (name === "class") element.className = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child);
    }
  }
  return element;
}

// Where a long token may wrap: after _ & = , / ? ; : and after a %XX.
const BREAK_AFTER = /(?<=[_&=,/?;:]|%[0-9A-Fa-f]{2})(?=.)/;

/**
 * The text with a `<wbr>` at each place it may wrap, so that a long name or
 * value breaks between its parts (`oauth_|consumer_|key`), never inside one.
 */
function breakable(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(BREAK_AFTER).forEach((piece, i) => {
    if (i > 0) fragment.append(document.createElement("wbr"));
    fragment.append(piece);
  });
  return fragment;
}

/** A `<code>` of the text, breakable at its parts. */
function code(text: string, props: Record<string, string> | null = null) {
  return h("code", props, breakable(text));
}

/** A sentence with its `backquoted` values as code. */
function sentence(text: string): Node[] {
  return text.split("`").map((piece, i) =>
    i % 2 === 1 ? code(piece) : document.createTextNode(piece)
  );
}

function $(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no #${id}`);
  return element;
}

const rendered = new Map<string, string>();

/** Replaces a panel's content when its key changed; says whether it did. */
function panel(id: string, key: string, build: () => Child[]): void {
  if (rendered.get(id) === key) return;
  rendered.set(id, key);
  $(id).replaceChildren(...build().filter((c): c is Node | string => !!c));
}

interface Keyed {
  key: string;
  build: () => Node;
}

const keys = new WeakMap<Node, string>();

/**
 * Makes `parent`'s children the nodes of `items`, in order, keeping each
 * child whose key is still wanted: a keystroke that changes one parameter of
 * two hundred rebuilds one row.
 */
function keyed(parent: HTMLElement, items: readonly Keyed[]): void {
  const old = new Map<string, Node[]>();
  for (const child of parent.childNodes) {
    const key = keys.get(child);
    if (key === undefined) continue;
    const list = old.get(key);
    if (list === undefined) old.set(key, [child]);
    else list.push(child);
  }
  const nodes = items.map(({ key, build }) => {
    let node = old.get(key)?.shift();
    if (node === undefined) {
      node = build();
      keys.set(node, key);
    }
    return node;
  });
  // What is no longer wanted goes first, so the kept nodes stay in place:
  // one changed item is one removal and one insertion, not a move of every
  // node after it.
  for (const list of old.values()) {
    for (const node of list) parent.removeChild(node);
  }
  for (const child of [...parent.childNodes]) {
    if (!keys.has(child)) parent.removeChild(child);
  }
  let at = parent.firstChild;
  for (const node of nodes) {
    if (node === at) at = at.nextSibling;
    else parent.insertBefore(node, at);
  }
}

function secretText(view: SecretView): string {
  if (view.value !== undefined) return JSON.stringify(view.value);
  return view.length === 0
    ? "(empty)"
    : `${view.length} characters, ${view.fingerprint} (masked)`;
}

/** Wraps the columns of `text` that `marks` marks with `^` in `<mark>`. */
function marked(text: string, marks: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < text.length) {
    const on = marks[i] === "^";
    let j = i;
    while (j < text.length && (marks[j] === "^") === on) j++;
    const piece = text.slice(i, j);
    nodes.push(on ? h("mark", null, piece) : document.createTextNode(piece));
    i = j;
  }
  return nodes;
}

/** `^` under each character where two strings differ. */
function charMarks(a: string, b: string): string {
  let marks = "";
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    marks += a[i] === b[i] ? " " : "^";
  }
  return marks;
}

/** The two base strings aligned; `whose` names the second in a sentence. */
function diffBlock(
  diff: BaseStringDiff,
  labels: [string, string],
  whose: string,
): Node {
  return h(
    "div",
    { class: "diff" },
    h("span", { class: "diff-label" }, labels[0]),
    h("pre", { class: "value" }, ...marked(diff.request, diff.marks)),
    h("span", { class: "diff-label" }, labels[1]),
    h("pre", { class: "value" }, ...marked(diff.server, diff.marks)),
    h(
      "p",
      { class: "caret" },
      `First difference at column ${diff.column}. `,
      ...changeSaid(diff, whose),
    ),
  );
}

/** What `diff.change` did to the parameter, in words. */
function changeSaid(diff: BaseStringDiff, whose: string): Child[] {
  const name = h("code", null, diff.parameter);
  switch (diff.change) {
    case "added":
      return [
        `${whose} signs `,
        name,
        ", which a correct signer does not.",
      ];
    case "removed":
      return [
        `${whose} leaves out `,
        name,
        ", which a correct signer signs.",
      ];
    case "changed":
      return [`${whose} signs another value of `, name, "."];
    case "order":
      return [`${whose} puts `, name, " in another order."];
    default:
      return ["They first differ in ", name, "."];
  }
}

function copyButton(targetId: string, what: string): HTMLButtonElement {
  return h("button", {
    type: "button",
    class: "copy",
    "data-copy": targetId,
    "aria-label": `Copy ${what}`,
  }, "Copy");
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const target = $(button.dataset.copy!);
  const text = target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement
    ? target.value
    : target.textContent ?? "";
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    getSelection()?.selectAllChildren(target);
    button.textContent = "Selected: press Ctrl+C";
  }
  setTimeout(() => button.textContent = "Copy", 1500);
}

// ------------------------------------------------------------ the four steps

const SOURCE_LABEL = { query: "query", body: "body", oauth: "protocol" };

interface Row extends TracedParameter {
  /** The name and value as written in the URL or body, undecoded. */
  given: readonly [string, string];
}

/** Each parameter with the text it was given as, in the order found. */
function rowsOf(trace: Trace, f: Fields): Row[] {
  const step = trace.find((s) => s.step === "parameters");
  if (step?.step !== "parameters") return [];
  const query = f.url.includes("?")
    ? f.url.slice(f.url.indexOf("?") + 1).split("#")[0]!
    : "";
  const given = {
    query: rawPairs(query),
    body: f.bodyKind === "form" ? rawPairs(f.body) : [],
  };
  const seen = { query: 0, body: 0 };
  const count = (source: string) =>
    step.parameters.filter((p) => p.source === source).length;
  return step.parameters.map((p) => {
    const list = p.source === "oauth" ? [] : given[p.source];
    // The raw pieces line up with the parameters unless the URL parser
    // read the query differently; then the decoded pair stands in.
    const raw = p.source !== "oauth" && list.length === count(p.source)
      ? list[seen[p.source]++]
      : undefined;
    return { ...p, given: raw ?? [p.name, p.value] };
  });
}

function step1(trace: Trace): void {
  const step = trace.find((s) => s.step === "base-string-uri");
  if (step?.step !== "base-string-uri") return;
  panel("step1-body", JSON.stringify([step.uri, step.rules]), () => [
    h(
      "dl",
      null,
      h("dt", null, "request URL"),
      // In pieces, as the long strings below: one text of a thousand
      // wrapping places took Firefox 12 ms to lay out per keystroke.
      h("dd", null, h("code", { class: "value", id: "request-url" })),
      h("dt", null, "rules that fired"),
      h(
        "dd",
        null,
        step.rules.length === 0
          ? "none: the URL was already in its base string form"
          : h(
            "ul",
            { class: "rules" },
            ...step.rules.map((r) => h("li", null, r)),
          ),
      ),
      h("dt", null, "base string URI"),
      h("dd", null, code(step.uri, { class: "value result" })),
    ),
  ]);
  keyed($("request-url"), pieces(step.url));
}

function spanOf(p: TracedParameter, text: string): HTMLSpanElement {
  return h("span", {
    class: `src src-${p.source}`,
    "data-pos": String(p.position),
    title: `${p.position}. ${p.name} (${SOURCE_LABEL[p.source]})`,
  }, breakable(text));
}

function row(p: Row): HTMLTableRowElement {
  return h(
    "tr",
    {
      "data-pos": String(p.position),
      class: `row-${p.source}`,
      role: "row",
    },
    h(
      "td",
      { class: "pos", role: "cell", "data-label": "#" },
      String(p.position),
    ),
    h(
      "td",
      { role: "cell", "data-label": "source" },
      h("span", { class: `badge src-${p.source}` }, SOURCE_LABEL[p.source]),
    ),
    h(
      "td",
      { role: "cell", "data-label": "name" },
      code(p.name),
      p.encodedName !== p.name &&
        code(` → ${p.encodedName}`, { class: "also" }),
    ),
    h(
      "td",
      { role: "cell", "data-label": "as given" },
      code(p.given[0] === p.name ? p.given[1] : p.given.join("=")),
    ),
    h(
      "td",
      { role: "cell", "data-label": "decoded" },
      code(JSON.stringify(p.value)),
    ),
    h(
      "td",
      { role: "cell", "data-label": "encoded" },
      code(p.encodedValue, { class: "encoded" }),
    ),
  );
}

/**
 * A parameter's span in a string, and the separator after it: a line
 * breaks after the & (or %26), never before.
 */
function pair(p: TracedParameter, text: string, separator: string): Keyed {
  return {
    key: JSON.stringify([separator, p.position, p.source, p.name, text]),
    build: () => h("span", null, spanOf(p, text), separator),
  };
}

// The text columns of the parameter table, each as its cell shows it.
const COLUMNS: readonly ((p: Row) => string)[] = [
  (p) => p.encodedName === p.name ? p.name : `${p.name} → ${p.encodedName}`,
  (p) => p.given[0] === p.name ? p.given[1] : p.given.join("="),
  (p) => JSON.stringify(p.value),
  (p) => p.encodedValue,
];

// The longest piece of text that has no place to wrap, in characters.
function longestPiece(text: string): number {
  return Math.max(
    0,
    ...text.split(/[\s-]|(?<=[_&=,/?;:]|%[0-9A-Fa-f]{2})/).map((p) => p.length),
  );
}

/**
 * Shares the table's width among its text columns by the longest piece each
 * holds (the font is monospaced), so a token breaks only when no width could
 * hold it; the layout stays fixed, which is cheap at two hundred rows.
 */
function sizeColumns(rows: readonly Row[]): void {
  // A name reads best whole, so its column asks for its full length.
  const weights = COLUMNS.map((column, i) =>
    Math.min(
      32,
      Math.max(
        6,
        ...rows.map((p) =>
          (i === 0 ? column(p).length : longestPiece(column(p))) + 1
        ),
      ),
    )
  );
  const total = weights.reduce((a, b) => a + b, 0);
  // The # and source columns take 18% (style.css), the text the rest.
  const widths = weights.map((w) => `${(82 * w / total).toFixed(1)}%`);
  const table = $("step2-body").querySelector<HTMLElement>("table")!;
  widths.forEach((width, i) => {
    const name = `--col-${i + 1}`;
    if (table.style.getPropertyValue(name) !== width) {
      table.style.setProperty(name, width);
    }
  });
}

function step2(rows: Row[]): void {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  panel("step2-body", "skeleton", () => [
    h(
      "div",
      {
        class: "table-wrap",
        tabindex: "0",
        "aria-label": "The parameters; arrow keys light each one up",
      },
      h(
        "table",
        // The rows are laid out as grids: the roles keep them a table.
        { class: "params", role: "table" },
        h(
          "thead",
          { role: "rowgroup" },
          h(
            "tr",
            { role: "row" },
            h("th", { role: "columnheader", scope: "col", class: "pos" }, "#"),
            h(
              "th",
              { role: "columnheader", scope: "col", class: "source" },
              "source",
            ),
            h(
              "th",
              { role: "columnheader", scope: "col", class: "name" },
              "name",
            ),
            h("th", { role: "columnheader", scope: "col" }, "as given"),
            h("th", { role: "columnheader", scope: "col" }, "decoded"),
            h("th", { role: "columnheader", scope: "col" }, "encoded"),
          ),
        ),
        h("tbody", { id: "params-body", role: "rowgroup" }),
      ),
    ),
    h("p", { class: "label" }, "normalized parameters (sorted, joined with &)"),
    h("pre", { class: "value", id: "normalized" }),
  ]);
  sizeColumns(sorted);
  keyed(
    $("params-body"),
    sorted.map((p) => ({ key: JSON.stringify(p), build: () => row(p) })),
  );
  keyed(
    $("normalized"),
    sorted.map((p, i) =>
      pair(
        p,
        `${p.encodedName}=${p.encodedValue}`,
        i === sorted.length - 1 ? "" : "&",
      )
    ),
  );
}

function step3(
  rows: Row[],
  method: string,
  uri: string,
  baseString: string,
): void {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  panel("step3-body", "skeleton", () => [
    h(
      "p",
      { class: "formula" },
      h("span", { class: "part-method" }, "METHOD"),
      " & ",
      h("span", { class: "part-uri" }, "encode(base string URI)"),
      " & encode(",
      h("span", { class: "src src-query" }, "query"),
      " + ",
      h("span", { class: "src src-body" }, "body"),
      " + ",
      h("span", { class: "src src-oauth" }, "protocol"),
      " parameters)",
    ),
    h("pre", { class: "value", id: "base-string" }),
  ]);
  const head = `${method}&${percentEncode(uri)}&`;
  const pieces = sorted.map((p) =>
    percentEncode(`${p.encodedName}=${p.encodedValue}`)
  );
  // The spans must rebuild the base string exactly, or it is shown plain.
  const fits = head + pieces.join("%26") === baseString;
  keyed(
    $("base-string"),
    fits
      ? [
        {
          key: JSON.stringify(["head", method, uri]),
          build: () =>
            h(
              "span",
              null,
              h("span", { class: "part-method" }, method),
              "&",
              h("span", { class: "part-uri" }, breakable(percentEncode(uri))),
              "&",
            ),
        },
        ...sorted.map((p, i) =>
          pair(p, pieces[i]!, i === sorted.length - 1 ? "" : "%26")
        ),
      ]
      : [{
        key: JSON.stringify(["plain", baseString]),
        build: () => document.createTextNode(baseString),
      }],
  );
}

function step4(trace: Trace, signed: SignedRequest): void {
  const step = trace.find((s) => s.step === "signature");
  if (step?.step !== "signature") return;
  const preset = PRESETS.find((p) => p.id === state.preset);
  const reproduced = preset !== undefined &&
    signed.baseString === preset.expected.baseString &&
    signed.signature === preset.expected.signature;
  panel(
    "step4-body",
    JSON.stringify([step, preset?.id, reproduced]),
    () => [
      h(
        "dl",
        null,
        h("dt", null, "method"),
        h("dd", null, `${step.method} (RFC 5849 §${step.section})`),
        h("dt", null, "key"),
        h("dd", null, h("code", null, step.key.structure)),
        h("dt", null, "consumer secret"),
        h("dd", { class: "secret" }, secretText(step.key.consumerSecret)),
        h("dt", null, "token secret"),
        h("dd", { class: "secret" }, secretText(step.key.tokenSecret)),
        step.digestHex !== undefined && h("dt", null, "digest (hex)"),
        step.digestHex !== undefined &&
          h("dd", null, h("code", { class: "value" }, step.digestHex)),
        step.digestBase64 !== undefined && h("dt", null, "digest (base64)"),
        step.digestBase64 !== undefined &&
          h("dd", null, h("code", { class: "value" }, step.digestBase64)),
        h("dt", null, "oauth_signature"),
        h(
          "dd",
          null,
          h("code", { class: "value result", id: "signature" }, step.signature),
        ),
      ),
      preset !== undefined &&
      h(
        "p",
        { class: reproduced ? "check ok" : "check bad", id: "preset-check" },
        reproduced
          ? `✓ Reproduces the published signature of “${preset.title}”`
          : `✗ Differs from “${preset.title}”${
            // A PLAINTEXT signature is the key: shown as the trace shows it.
            preset.fields.signatureMethod === "PLAINTEXT" && !state.reveal
              ? ""
              : ` (${preset.expected.signature})`}: an input was changed`,
      ),
    ],
  );
}

/**
 * A long string as keyed pieces, split after each & ? and ", ": a keystroke
 * rebuilds the pieces that changed, and each piece is laid out on its own.
 */
function pieces(text: string): Keyed[] {
  const seen = new Map<string, number>();
  return text.split(/(?<=[&?]|, )/).map((piece) => {
    const n = (seen.get(piece) ?? 0) + 1;
    seen.set(piece, n);
    return {
      key: `${n}:${piece}`,
      build: () => h("span", null, breakable(piece)),
    };
  });
}

async function sending(signed: SignedRequest): Promise<void> {
  const placed = await placementsOf(signed, state.fields, state.reveal);
  const block = (id: string, label: string, value: string | undefined) =>
    h(
      "div",
      { class: "placed" },
      h(
        "div",
        { class: "placed-head" },
        h("span", { class: "label" }, label),
        value !== undefined && copyButton(id, label),
      ),
      h("pre", { class: "value", id }),
    );
  panel(
    "sending-body",
    JSON.stringify([state.fields.placement, placed.body === undefined]),
    () => [
      block("placed-header", "Authorization header (§3.5.1)", placed.header),
      block("placed-url", "signed URL (§3.5.3)", placed.url),
      block("placed-body", "form body (§3.5.2)", placed.body),
      block(
        "placed-curl",
        `curl, with the ${state.fields.placement} placement`,
        placed.curl,
      ),
    ],
  );
  keyed($("placed-header"), pieces(placed.header));
  keyed($("placed-url"), pieces(placed.url));
  keyed(
    $("placed-body"),
    pieces(
      placed.body ?? "(none: the body is not a form, so it cannot carry them)",
    ),
  );
  keyed($("placed-curl"), pieces(placed.curl));
}

// ------------------------------------------------------ the steps in words

const SAY: Readonly<Record<StepNarration["step"], string>> = {
  "input": "say-input",
  "base-string-uri": "say-step1",
  "parameters": "say-step2",
  "signature-base-string": "say-step3",
  "signature": "say-step4",
  "placement": "say-sending",
};

/** Each step's sentences, from the library's narration of the trace. */
function say(trace: Trace): void {
  for (const { step, text } of narrateTrace(trace)) {
    panel(SAY[step], text, () => sentence(text));
  }
}

/** Which parameters each leg of the flow sends, and the leg this request is. */
function legs(f: Fields): void {
  const leg = f.callback !== ""
    ? 0
    : f.verifier !== ""
    ? 1
    : f.token !== ""
    ? 2
    : undefined;
  panel("legs-say", String(leg), () => [
    leg === undefined
      ? "This request has no token and no callback: a two-legged call, or a leg with something missing."
      : `This request is the ${
        ["first", "second", "third"][leg]
      } leg: it sends ${
        leg === 0
          ? "oauth_callback"
          : leg === 1
          ? "oauth_verifier and the temporary token"
          : "the access token"
      }.`,
  ]);
  panel("legs-body", String(leg), () => [
    h(
      "ol",
      { class: "legs" },
      ...FLOW_LEGS.map((l, i) =>
        h(
          "li",
          { class: i === leg ? "leg this" : "leg", "data-leg": String(i) },
          h("strong", null, l.title),
          h("small", null, ` §${l.section}`),
          h(
            "p",
            null,
            "sends ",
            ...l.sends.flatMap((name, j) => [j > 0 ? ", " : "", code(name)]),
            l.maySend.length > 0 && "; may send ",
            ...l.maySend.flatMap((name, j) => [j > 0 ? ", " : "", code(name)]),
          ),
          h("p", null, `key: ${l.key}; gets ${l.result}.`),
        )
      ),
    ),
  ]);
}

/** The profile's rules, checked on the request as signed. */
function profileLint(signed: SignedRequest): void {
  const f = state.fields;
  if (f.profile === "") {
    panel("profile-lint", "none", () => []);
    return;
  }
  const profile = findProfile(f.profile as ProfileName);
  const found = lintRequest(
    sentOf(f, signed),
    profile,
    givenInputs(state.profileInputs),
  );
  panel("profile-lint", JSON.stringify(found), () => [
    h(
      "p",
      {
        class: found.some((x) => x.severity === "error")
          ? "check bad"
          : "check ok",
        id: "profile-check",
      },
      found.length === 0
        ? `✓ Follows ${profile.brand}'s rules`
        : `✗ ${profile.brand}'s rules: ${found.length} finding${
          found.length === 1 ? "" : "s"
        }`,
    ),
    found.length > 0 &&
    h(
      "ul",
      null,
      ...found.map((x) =>
        h(
          "li",
          { class: `finding ${x.severity}`, "data-rule": x.rule },
          `${x.severity}: ${x.message}. `,
          h("span", { class: "label" }, "fix "),
          x.fix,
        )
      ),
    ),
  ]);
}

// ------------------------------------------------------------------ What if

/** `correct` is the signature as the trace shows it: PLAINTEXT's masked. */
function renderWhatIf(result: WhatIf | undefined, correct: string): void {
  panel(
    "whatif-body",
    JSON.stringify([result, correct]),
    () => {
      if (result === undefined) {
        return [
          h(
            "p",
            { class: "hint" },
            "Choose a wrong setting above: the page signs the request as a client that makes that choice would, and marks what changed.",
          ),
        ];
      }
      const title = (id: string) => causes.find((c) => c.id === id)!.title;
      const wrong = result.signature ?? "(cannot be signed this way)";
      return [
        result.skipped.length > 0 &&
        h(
          "p",
          { class: "hint" },
          `Nothing to change for this request: ${
            result.skipped.map(title).join(", ")
          }.`,
        ),
        result.diff === undefined
          ? h("p", null, "The base string is the same.")
          : diffBlock(
            result.diff,
            ["correct base string", "what-if"],
            "The what-if base string",
          ),
        h(
          "div",
          { class: "diff" },
          h("span", { class: "diff-label" }, "correct signature"),
          h(
            "pre",
            { class: "value" },
            ...marked(correct, charMarks(correct, wrong)),
          ),
          h("span", { class: "diff-label" }, "what-if signature"),
          h(
            "pre",
            { class: "value", id: "whatif-signature" },
            ...marked(wrong, charMarks(correct, wrong)),
          ),
        ),
      ];
    },
  );
}

// ----------------------------------------------------------------- updating

let generation = 0;
let pending: Promise<void> = Promise.resolve();

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const box = $("sign-error");
  box.textContent = message;
  box.hidden = false;
  document.body.classList.add("has-error");
}

async function recompute(mine: number): Promise<void> {
  let signed: SignedRequest;
  try {
    signed = await signFields(
      state.fields,
      state.reveal,
      state.profileInputs,
    );
  } catch (error) {
    if (mine === generation) showError(error);
    return;
  }
  if (mine !== generation) return;
  $("sign-error").hidden = true;
  document.body.classList.remove("has-error");
  const trace = signed.trace;
  const rows = rowsOf(trace, state.fields);
  step1(trace);
  step2(rows);
  step3(
    rows,
    state.fields.method.toUpperCase(),
    signed.baseStringUri,
    signed.baseString,
  );
  step4(trace, signed);
  say(trace);
  legs(state.fields);
  profileLint(signed);
  try {
    await sending(signed);
  } catch (error) {
    if (mine === generation) showError(error);
    return;
  }
  let result: WhatIf | undefined;
  if (state.whatIf.length > 0) {
    try {
      result = await whatIf(
        capturedOf(state.fields, signed),
        secretsOf(state.fields),
        state.whatIf,
        { revealSecrets: state.reveal },
      );
    } catch (error) {
      if (mine === generation) showError(error);
      return;
    }
  }
  const step = trace.find((s) => s.step === "signature");
  if (mine === generation && step?.step === "signature") {
    renderWhatIf(result, step.signature);
  }
}

function update(): void {
  pending = recompute(++generation);
}

// ------------------------------------------------------------- the controls

function fieldElements(): (
  | HTMLInputElement
  | HTMLSelectElement
  | HTMLTextAreaElement
)[] {
  return [...document.querySelectorAll<
    HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
  >("[data-field]")];
}

function writeFields(): void {
  for (const element of fieldElements()) {
    const name = element.dataset.field as keyof Fields;
    const value = state.fields[name];
    if (element instanceof HTMLInputElement && element.type === "checkbox") {
      element.checked = value === true;
    } else if (
      element instanceof HTMLInputElement && element.type === "radio"
    ) {
      element.checked = element.value === value;
    } else element.value = String(value);
  }
  showFor();
  showProfile();
}

function readField(
  element: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
): void {
  const name = element.dataset.field as keyof Fields;
  const fields = state.fields as unknown as Record<string, string | boolean>;
  if (element instanceof HTMLInputElement && element.type === "checkbox") {
    fields[name] = element.checked;
  } else if (element instanceof HTMLInputElement && element.type === "radio") {
    if (element.checked) fields[name] = element.value;
  } else fields[name] = element.value;
}

/** Shows the controls that apply: the PEM key for RSA, the body for a body. */
function showFor(): void {
  const f = state.fields;
  $("row-privateKey").hidden = !f.signatureMethod.startsWith("RSA-");
  $("row-body").hidden = f.bodyKind === "none";
  $("row-contentType").hidden = f.bodyKind !== "text";
}

function setReveal(reveal: boolean): void {
  state.reveal = reveal;
  for (
    const element of document.querySelectorAll<HTMLInputElement>(
      "input.secret-input",
    )
  ) element.type = reveal ? "text" : "password";
  for (const element of document.querySelectorAll("textarea.secret-input")) {
    element.classList.toggle("masked", !reveal);
  }
}

function loadPreset(id: string): void {
  const preset = PRESETS.find((p) => p.id === id)!;
  state.fields = { ...BLANK_FIELDS, ...preset.fields };
  state.preset = id;
  writeFields();
  $("preset-note").textContent = `${preset.title}: ${
    preset.note ?? ""
  } Source: ${preset.source}.`;
  update();
}

async function checkPresets(): Promise<void> {
  for (const preset of PRESETS) {
    const status = $(`preset-status-${preset.id}`);
    let ok = false;
    try {
      const signed = await signFields(
        { ...BLANK_FIELDS, ...preset.fields },
        false,
      );
      ok = signed.baseString === preset.expected.baseString &&
        signed.signature === preset.expected.signature;
    } catch {
      ok = false;
    }
    status.textContent = ok ? "✓" : "✗";
    status.className = ok ? "status ok" : "status bad";
    status.setAttribute(
      "aria-label",
      ok ? "reproduced" : "not reproduced",
    );
  }
  $("presets").dataset.checked = "true";
}

function buildPresets(): void {
  $("preset-list").replaceChildren(
    ...PRESETS.map((p) =>
      h(
        "li",
        null,
        h(
          "button",
          { type: "button", "data-preset": p.id, class: "preset" },
          h("span", {
            class: "status",
            id: `preset-status-${p.id}`,
            "aria-label": "checking",
          }, "…"),
          " ",
          p.title,
        ),
      )
    ),
  );
}

// The profile choices, from the library's table of vendor profiles.
function buildProfiles(): void {
  $("profile-select").append(
    ...Object.values(PROFILES).map((p) => new Option(p.vendor, p.name)),
  );
}

/** The chosen profile's inputs and what it wants, in words. */
function showProfile(): void {
  const name = state.fields.profile;
  ($("profile-select") as HTMLSelectElement).value = name;
  if (name === "") {
    panel("profile-inputs", "", () => []);
    panel("profile-about", "", () => []);
    return;
  }
  const p = findProfile(name as ProfileName);
  panel("profile-inputs", name, () =>
    p.inputs.map((input) =>
      h(
        "label",
        null,
        `${input.name}${input.required ? "" : " (optional)"}`,
        h("input", {
          id: `profile-input-${input.name}`,
          "data-input": input.name,
          spellcheck: "false",
          value: state.profileInputs[input.name] ?? "",
          placeholder: input.description.split(/[;(]/)[0]!.trim(),
        }),
      )
    ));
  panel("profile-about", name, () => [
    h(
      "dl",
      null,
      h("dt", null, "signs with"),
      h("dd", null, p.signatureMethods.join(" or ")),
      h("dt", null, "parameters in"),
      h("dd", null, `the ${p.placements.join(" or the ")}`),
      h("dt", null, "oauth_version"),
      h("dd", null, p.version),
      p.realmRule !== undefined && h("dt", null, "realm"),
      p.realmRule !== undefined && h("dd", null, p.realmRule),
      h("dt", null, "quirks"),
      h("dd", null, h("ul", null, ...p.quirks.map((q) => h("li", null, q)))),
    ),
  ]);
}

/** Writes the profile's settings into the form, when it has its inputs. */
function applyProfile(): void {
  try {
    state.fields = withProfile(state.fields, state.profileInputs);
  } catch {
    // A missing input: the form stays, and signing asks for it.
  }
  state.preset = undefined;
  writeFields();
  showProfile();
  update();
  runExplain();
}

// A choice per knob, the RFC's value first, grouped by stage.
function buildToggles(): void {
  $("whatif-toggles").replaceChildren(
    ...STAGES.map((stage) =>
      h(
        "fieldset",
        { class: "stage" },
        h("legend", null, stage.title),
        ...stage.knobs.map((settings) => {
          const first = settings[0]!;
          return h(
            "label",
            { class: "knob" },
            h("span", null, first.decision),
            h(
              "select",
              { "data-knob": first.knob },
              h("option", { value: "" }, `RFC: ${first.rfc}`),
              ...settings.map((c) => h("option", { value: c.id }, c.title)),
            ),
          );
        }),
      )
    ),
  );
}

/** The settings chosen, in the order of causes (the computation's). */
function chosenSettings(): CauseId[] {
  const chosen = new Set(
    [...document.querySelectorAll<HTMLSelectElement>("[data-knob]")].map((
      select,
    ) => select.value),
  );
  return SIGNABLE.filter((c) => chosen.has(c.id)).map((c) => c.id);
}

// ---------------------------------------------------------------- exporting

async function exportAs(kind: string): Promise<void> {
  const out = $("export-output") as HTMLTextAreaElement;
  try {
    if (kind === "link") {
      out.value = `${location.origin}${location.pathname}#${
        shareFragment(state.fields)
      }`;
      return;
    }
    // Exports are redacted: signed again with the secrets masked.
    const signed = await signFields(state.fields, false, state.profileInputs);
    out.value = kind === "markdown"
      ? formatTrace(signed.trace, { format: "markdown" })
      : kind === "json"
      ? JSON.stringify(signed.trace, null, 2)
      : JSON.stringify(
        testVector(
          state.fields,
          await signFields(state.fields, state.reveal, state.profileInputs),
          state.reveal,
        ),
        null,
        2,
      );
  } catch (error) {
    out.value = error instanceof Error ? error.message : String(error);
  }
}

// ----------------------------------------------------------- paste & explain

let explainGeneration = 0;

function explainOptions(): ImportOptions {
  const value = (id: string) => ($(id) as HTMLInputElement).value.trim();
  const options: ImportOptions = {};
  if (value("e-url") !== "") options.url = value("e-url");
  if (value("e-method") !== "") options.method = value("e-method");
  if (value("e-body") !== "") {
    options.body = ($("e-body") as HTMLTextAreaElement).value;
  }
  if (value("e-contentType") !== "") {
    options.contentType = value("e-contentType");
  }
  return options;
}

/** The pasted request, read; `undefined` when it needs a URL first. */
function importPasted(
  text: string,
): { captured: CapturedRequest; note: string } | undefined {
  const options = explainOptions();
  try {
    return { captured: importRequest(text, options), note: "" };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // A bare Authorization header does not carry the URL: ask for it here.
    if (options.url === undefined && /options\.url/.test(error.message)) {
      return undefined;
    }
    if (!/does not apply/.test(error.message)) throw error;
    return {
      captured: importRequest(text),
      note:
        "The method, URL and body fields are ignored: the text carries them.",
    };
  }
}

/** What was read: method, URL (wrapping at its parts) and placement. */
function readLine(captured: CapturedRequest, note: string): Node {
  const where = captured.placement === "header"
    ? "Authorization header"
    : captured.placement === "query"
    ? "query (a signed URL)"
    : captured.placement === "body"
    ? "form body"
    : "request: none found";
  return h(
    "p",
    { class: "hint", id: "e-read" },
    "Read: ",
    code(`${captured.method} ${captured.url.split("?")[0]}`),
    ` · protocol parameters in the ${where} · ${captured.oauth.length} oauth_* parameters. ${note}`,
  );
}

let pasted: CapturedRequest | undefined;

/** The search in flight: stopped by Stop, or by the next input. */
let search: AbortController | undefined;

/** How long a search runs before its progress and Stop are shown. */
const PROGRESS_AFTER_MS = 500;

/**
 * Shows the search's progress once it has run for half a second; returns the
 * onProgress callback and a function that hides it again.
 */
function progressShown(): {
  onProgress: (done: number, total: number) => void;
  done: () => void;
  tried: () => string;
} {
  const bar = $("e-progress-bar") as HTMLProgressElement;
  const said = $("e-progress-text");
  let latest = [0, 0];
  const show = () => {
    bar.max = Math.max(latest[1]!, 1);
    bar.value = latest[0]!;
    said.textContent = latest[1] === 0
      ? "Searching the wrong settings…"
      : `Searching: ${latest[0]} of ${
        latest[1]
      } combinations of wrong settings tried`;
  };
  const timer = setTimeout(() => {
    show();
    $("e-progress").hidden = false;
  }, PROGRESS_AFTER_MS);
  return {
    onProgress: (done, total) => {
      latest = [done, total];
      if (!$("e-progress").hidden) show();
    },
    done: () => {
      clearTimeout(timer);
      $("e-progress").hidden = true;
    },
    tried: () => `${latest[0]} of ${latest[1]} combinations tried`,
  };
}

/** The evidence fields of the explain form, as explain() takes them. */
function evidenceOf(read: (id: string) => string): ExplainEvidence {
  const response = read("e-response");
  const signature = read("e-signature").trim();
  const clientBase = read("e-clientBase").trim();
  const profile = state.fields.profile;
  return {
    ...(response.trim() === "" ? {} : { response }),
    ...(signature === "" ? {} : { signature }),
    ...(clientBase === "" ? {} : { clientBaseString: clientBase }),
    // The vendor profile, as `cli explain --profile` gives it.
    ...(profile === "" ? {} : {
      profile: profile as ProfileName,
      profileInputs: givenInputs(state.profileInputs),
    }),
    revealSecrets: state.reveal,
  };
}

async function runExplain(): Promise<void> {
  const mine = ++explainGeneration;
  search?.abort();
  search = undefined;
  const text = ($("e-text") as HTMLTextAreaElement).value;
  const read = (id: string) => ($(id) as HTMLInputElement).value;
  pasted = undefined;
  if (text.trim() === "") {
    $("e-url-row").hidden = read("e-url") === "";
    $("e-output").replaceChildren(
      h("p", { class: "hint" }, "Paste a request above to see its verdict."),
    );
    return;
  }
  const run = new AbortController();
  const progress = progressShown();
  try {
    const imported = importPasted(text);
    $("e-url-row").hidden = imported !== undefined && read("e-url") === "";
    if (imported === undefined) {
      $("e-output").replaceChildren(
        h(
          "p",
          { class: "ask", id: "e-ask" },
          "This is an Authorization header on its own: it does not say where the request went. Type the request's URL in the field under the text, the one the header was sent to.",
        ),
      );
      return;
    }
    const { captured, note } = imported;
    search = run;
    const report = await explain(
      captured,
      {
        consumerSecret: read("e-consumerSecret"),
        tokenSecret: read("e-tokenSecret"),
        ...(read("e-privateKey").trim() === ""
          ? {}
          : { privateKey: read("e-privateKey") }),
      },
      {
        ...evidenceOf(read),
        signal: run.signal,
        onProgress: progress.onProgress,
      },
    );
    if (mine !== explainGeneration) return;
    pasted = captured;
    $("e-output").replaceChildren(
      readLine(captured, note),
      h(
        "p",
        null,
        h(
          "button",
          { type: "button", id: "e-load" },
          "Load into Sign and watch",
        ),
        " ",
        h(
          "span",
          { class: "hint" },
          "the request, its parameters and the secrets above, to watch each step",
        ),
      ),
      ...explanation(report, read("e-clientBase").trim()),
    );
  } catch (error) {
    if (mine !== explainGeneration) return;
    $("e-output").replaceChildren(
      run.signal.aborted
        ? h(
          "p",
          { class: "hint", id: "e-stopped" },
          `Stopped: ${progress.tried()}. Change a field to explain again.`,
        )
        : h(
          "p",
          { class: "error", role: "alert" },
          error instanceof Error ? error.message : String(error),
        ),
    );
  } finally {
    progress.done();
    if (search === run) search = undefined;
  }
}

/** Loads the pasted request, with the secrets typed beside it, into the form. */
function loadPasted(): void {
  if (pasted === undefined) return;
  const read = (id: string) => ($(id) as HTMLInputElement).value;
  state.fields = {
    ...fieldsOfCaptured(pasted, state.fields),
    consumerSecret: read("e-consumerSecret"),
    tokenSecret: read("e-tokenSecret"),
    privateKey: read("e-privateKey"),
  };
  state.preset = undefined;
  writeFields();
  update();
  $("sign").scrollIntoView({ block: "start" });
}

/** The settings of a cause, one sentence per step, in the computation's order. */
function stepsSaid(ids: readonly string[]): Node {
  const entries = causes.filter((c) => ids.includes(c.id));
  return h(
    "ol",
    { class: "steps-said" },
    ...entries.map((c) =>
      h(
        "li",
        { "data-step": c.id },
        h("strong", null, `§${c.section}, ${c.decision}. `),
        `RFC 5849: ${c.rfc}. Your code: ${c.title}.`,
      )
    ),
  );
}

/** What explain() found from the base string the user's own code logged. */
function clientSaid(report: Explanation, clientBase: string): Node[] {
  const step = report.trace.find((s) => s.step === "signature-base-string");
  const correct = step?.step === "signature-base-string" ? step.baseString : "";
  const found = report.causes.filter((c) =>
    c.targets.includes("client-base-string") ||
    c.targets.includes("client-signature")
  );
  const nodes: Node[] = [h("h3", null, "Your code's base string")];
  if (clientBase === correct) {
    nodes.push(
      h(
        "p",
        { id: "e-client-same" },
        "It is the one a correct signer builds: the departure comes after it, in the key or the digest.",
      ),
    );
  }
  for (const cause of found) {
    nodes.push(
      h(
        "div",
        { class: "client-departure", "data-cause": cause.ids.join("+") },
        h(
          "p",
          null,
          found.length > 1
            ? "One way your code departs, step by step:"
            : "Where your code departs, step by step:",
        ),
        stepsSaid(cause.ids),
        cause.diff !== undefined &&
          diffBlock(
            cause.diff,
            ["correct base string", "your code's base string"],
            "Your code's base string",
          ),
      ),
    );
  }
  if (found.length === 0 && clientBase !== correct) {
    nodes.push(
      h(
        "p",
        null,
        "No wrong setting within reach turns the correct base string into yours; where they differ:",
      ),
      diffBlock(
        {
          request: correct,
          server: clientBase,
          marks: charMarks(correct, clientBase),
          column: charMarks(correct, clientBase).indexOf("^"),
          parameter: "the text",
          change: undefined,
        },
        ["correct base string", "your code's base string"],
        "Your code's base string",
      ),
    );
  }
  return nodes;
}

/** When nothing reproduces the signature: what to check, in order. */
function unexplainedSaid(report: Explanation): Node[] {
  if (report.unexplained.length === 0) return [];
  return [
    h("h3", null, "Nothing reproduces it: check these, in this order"),
    h(
      "p",
      { class: "hint" },
      `The search tried ${report.searched.combinations} combinations of up to three wrong settings of the ${report.searched.knobs} decisions that apply to this request; none signs as it was signed.`,
    ),
    h(
      "ol",
      { id: "e-unexplained" },
      ...report.unexplained.map((item) => h("li", null, item)),
    ),
  ];
}

function explanation(report: Explanation, clientBase: string): Node[] {
  const valid = report.verdict === "valid";
  const nodes: Node[] = [
    h(
      "p",
      { class: valid ? "verdict ok" : "verdict bad", id: "e-verdict" },
      valid ? "✓ Valid" : "✗ Invalid",
      valid
        ? ": a correct server accepts this signature."
        : report.causes.length === 0 && report.explained
        ? ": the signature is right, but the request breaks a rule (see Findings)."
        : report.explained
        ? `: ${report.causes.length} cause${
          report.causes.length === 1 ? "" : "s"
        } found.`
        : ": no known convention explains it (wrong secret?).",
    ),
    h(
      "dl",
      null,
      h("dt", null, "signature sent"),
      h("dd", null, h("code", { class: "value" }, report.sentSignature)),
      h("dt", null, "a correct signer computes"),
      h("dd", null, h("code", { class: "value" }, report.expectedSignature)),
    ),
  ];
  if (report.server !== undefined) {
    const s = report.server;
    nodes.push(
      h("h3", null, "The server's view"),
      h(
        "dl",
        null,
        s.problem !== undefined && h("dt", null, "oauth_problem"),
        s.problem !== undefined && h("dd", null, h("code", null, s.problem)),
        h("dt", null, "first step that differs"),
        h("dd", null, s.divergence ?? "none"),
      ),
    );
    if (s.diff !== undefined) {
      nodes.push(diffBlock(
        s.diff,
        ["correct base string", "the server's"],
        "The server's base string",
      ));
    }
  }
  if (clientBase !== "") nodes.push(...clientSaid(report, clientBase));
  nodes.push(...unexplainedSaid(report));
  if (report.causes.length > 0) {
    nodes.push(
      h("h3", null, "Causes"),
      h(
        "ol",
        { class: "causes", id: "e-causes" },
        ...report.causes.map((c) =>
          h(
            "li",
            { "data-cause": c.ids.join("+") },
            h("strong", null, c.title),
            " ",
            h("code", null, `[${c.ids.join(" + ")}]`),
            h(
              "p",
              null,
              h("span", { class: "label" }, "evidence "),
              c.evidence,
            ),
            h("p", null, h("span", { class: "label" }, "fix "), c.fix),
            c.diff !== undefined &&
              diffBlock(
                c.diff,
                ["correct base string", "signed as"],
                "This mistake's base string",
              ),
          )
        ),
      ),
    );
  }
  if (report.findings.length > 0) {
    nodes.push(
      h("h3", null, "Findings"),
      h(
        "ul",
        null,
        ...report.findings.map((f) =>
          h(
            "li",
            { class: `finding ${f.severity}` },
            `${f.severity}: ${f.message}`,
          )
        ),
      ),
    );
  }
  nodes.push(
    h(
      "details",
      null,
      h("summary", null, "The full report, as the CLI prints it"),
      h("pre", { class: "value" }, formatExplanation(report)),
    ),
  );
  return nodes;
}

// ------------------------------------------------------------------ wiring

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// The signature method choices, from the library's table.
function buildMethods(): void {
  $("f-signatureMethod").replaceChildren(
    ...SIGNATURE_METHODS.map(({ name }) => new Option(name)),
  );
}

function start(): void {
  buildMethods();
  buildProfiles();
  buildPresets();
  buildToggles();
  writeFields();
  setReveal(false);

  $("sign-form").addEventListener("input", (event) => {
    const target = event.target as HTMLElement;
    if (!(target as HTMLInputElement).dataset?.field) return;
    readField(target as HTMLInputElement);
    showFor();
    update();
  });
  $("sign-form").addEventListener("submit", (event) => event.preventDefault());
  $("b-now").addEventListener("click", () => {
    state.fields.timestamp = String(Math.floor(Date.now() / 1000));
    writeFields();
    update();
  });
  $("b-nonce").addEventListener("click", () => {
    state.fields.nonce = newNonce();
    writeFields();
    update();
  });
  $("reveal").addEventListener("change", (event) => {
    setReveal((event.target as HTMLInputElement).checked);
    update();
    runExplain();
  });
  $("profile-select").addEventListener("change", (event) => {
    state.fields.profile = (event.target as HTMLSelectElement).value;
    applyProfile();
  });
  $("profile-inputs").addEventListener("input", (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.input === undefined) return;
    state.profileInputs[input.dataset.input] = input.value;
    applyProfile();
  });
  $("preset-list").addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest("button");
    if (button?.dataset.preset) loadPreset(button.dataset.preset);
  });
  $("whatif-toggles").addEventListener("change", () => {
    state.whatIf = chosenSettings();
    for (const select of $("whatif-toggles").querySelectorAll("select")) {
      select.classList.toggle("wrong", select.value !== "");
    }
    update();
  });
  $("whatif-reset").addEventListener("click", () => {
    for (const select of $("whatif-toggles").querySelectorAll("select")) {
      select.value = "";
      select.classList.remove("wrong");
    }
    state.whatIf = [];
    update();
  });
  $("export-buttons").addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest("button");
    if (button?.dataset.export) exportAs(button.dataset.export);
  });
  $("explain-form").addEventListener("input", () => runExplain());
  $("e-stop").addEventListener("click", () => search?.abort());
  $("e-output").addEventListener("click", (event) => {
    if ((event.target as HTMLElement).id === "e-load") loadPasted();
  });
  $("explain-form").addEventListener(
    "submit",
    (event) => event.preventDefault(),
  );
  document.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>(
      "button[data-copy]",
    );
    if (button) copy(button);
  });
  // Hovering a parameter lights up its row and spans, as jwt.io does; from
  // the keyboard, the arrow keys walk the table's rows.
  const light = (position: string | undefined) => {
    for (const element of $("steps").querySelectorAll(".hl")) {
      element.classList.remove("hl");
    }
    if (position === undefined) return;
    for (
      const element of $("steps").querySelectorAll(
        `[data-pos="${position}"]`,
      )
    ) element.classList.add("hl");
  };
  $("steps").addEventListener("mouseover", (event) => {
    light(
      (event.target as HTMLElement).closest<HTMLElement>("[data-pos]")?.dataset
        .pos,
    );
  });
  $("steps").addEventListener("mouseleave", () => light(undefined));
  $("step2-body").addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const rows = [...$("params-body").children] as HTMLElement[];
    const now = rows.findIndex((r) => r.classList.contains("hl"));
    const next = Math.max(
      0,
      Math.min(rows.length - 1, now + (event.key === "ArrowDown" ? 1 : -1)),
    );
    event.preventDefault();
    light(rows[next]?.dataset.pos);
    rows[next]?.scrollIntoView({ block: "nearest" });
  });
  $("step2-body").addEventListener("focusout", () => light(undefined));

  update();
  runExplain();
  checkPresets();
}

// For the tests and the keystroke benchmark: the recompute in flight.
Object.assign(globalThis, {
  oauth1Playground: { idle: () => pending },
});

start();
