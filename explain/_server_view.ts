// The server's side of explain(): its error response read (`oauth_problem`,
// a `debug_sbs=` base string), its view compared with the correct
// computation step by step and parameter by parameter, and two base strings
// aligned character by character.

import { type Computed, splitPair } from "./conventions.ts";
import type { BaseStringDiff, ParameterRow, ServerView } from "./report.ts";

// What the server said in its error response.
export interface ServerResponse {
  problem: string | undefined;
  advice: string | undefined;
  baseString: string | undefined;
  acceptable: string | undefined;
}

// Reads `oauth_problem`, its advice, the acceptable timestamps and a
// `debug_sbs=` base string from the body of the server's error response.
export function readResponse(body = ""): ServerResponse {
  const debug = body.indexOf("debug_sbs=");
  let baseString: string | undefined;
  let rest = body;
  if (debug !== -1) {
    baseString = body.slice(debug + 10).split(/\r?\n/, 1)[0]!.trim();
    if (!baseString.includes("&") && baseString.includes("%26")) {
      baseString = decodeOnce(baseString);
    }
    rest = body.slice(0, debug);
  }
  const form = new URLSearchParams(rest.trim());
  const quoted = (name: string): string | undefined =>
    new RegExp(`${name}="?([^"&,\\s]+)`).exec(rest)?.[1];
  return {
    problem: form.get("oauth_problem") ?? quoted("oauth_problem"),
    advice: form.get("oauth_problem_advice") ?? undefined,
    baseString,
    acceptable: form.get("oauth_acceptable_timestamps") ??
      quoted("oauth_acceptable_timestamps"),
  };
}

function decodeOnce(text: string): string {
  return text.replace(
    /%([0-9A-Fa-f]{2})/g,
    (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
  );
}

// The server's view compared with the correct computation, when anything of
// it is known: the first step where it departs, the parameters side by side,
// the base strings aligned.
export function serverView(
  correct: Computed,
  server: {
    baseString: string | undefined;
    signature: string | undefined;
    problem: string | undefined;
    advice: string | undefined;
  },
): ServerView | undefined {
  if (
    server.baseString === undefined && server.signature === undefined &&
    server.problem === undefined
  ) return undefined;
  let divergence: ServerView["divergence"];
  let parameters: ParameterRow[] = [];
  let diff: BaseStringDiff | undefined;
  const base = server.baseString;
  if (base !== undefined && base !== correct.baseString) {
    const ours = correct.baseString.split("&");
    const theirs = base.split("&");
    parameters = parameterTable(
      correct.normalized,
      theirs.length === 3 ? decodeOnce(theirs[2]!) : "",
    );
    divergence = theirs.length !== 3
      ? "signature-base-string"
      : ours[1] !== theirs[1]
      ? "base-string-uri"
      : ours[2] !== theirs[2]
      ? "parameters"
      : "signature-base-string";
    diff = alignBaseStrings(correct.baseString, base);
  } else if (
    server.signature !== undefined && server.signature !== correct.signature
  ) {
    divergence = "signature";
  }
  if (base === correct.baseString) {
    parameters = parameterTable(correct.normalized, correct.normalized);
  }
  return {
    baseString: base,
    signature: server.signature,
    problem: server.problem,
    advice: server.advice,
    divergence,
    parameters,
    diff,
  };
}

function pairsOf(normalized: string): [string, string][] {
  return normalized === "" ? [] : normalized.split("&").map(splitPair);
}

function parameterTable(ours: string, theirs: string): ParameterRow[] {
  const a = pairsOf(ours);
  const b = pairsOf(theirs);
  const names = [...new Set([...a, ...b].map(([n]) => n))];
  const rows: ParameterRow[] = [];
  const depth = (x: string, y: string): boolean =>
    decodeOnce(x) === y || decodeOnce(y) === x;
  for (const name of names) {
    const mine = a.filter(([n]) => n === name).map(([, v]) => v);
    const their = b.filter(([n]) => n === name).map(([, v]) => v);
    for (const v of [...mine]) {
      const k = their.indexOf(v);
      if (k !== -1) {
        their.splice(k, 1);
        mine.splice(mine.indexOf(v), 1);
        rows.push({ name, request: v, server: v, status: "same" });
      }
    }
    for (let k = 0; k < Math.max(mine.length, their.length); k++) {
      const request = mine[k];
      const server = their[k];
      rows.push({
        name,
        request,
        server,
        status: request === undefined
          ? "extra"
          : server === undefined
          ? "missing"
          : depth(request, server)
          ? "encoding-depth"
          : "different",
      });
    }
  }
  // A name encoded once more or less shows as one missing and one extra.
  for (const missing of rows.filter((r) => r.status === "missing")) {
    const extra = rows.find((r) =>
      r.status === "extra" && depth(r.name, missing.name) &&
      (r.server === missing.request || depth(r.server!, missing.request!))
    );
    if (extra) {
      rows.splice(rows.indexOf(extra), 1);
      rows[rows.indexOf(missing)] = {
        name: missing.name,
        request: missing.request,
        server: `${extra.name}=${extra.server}`,
        status: "encoding-depth",
      };
    }
  }
  if (rows.every((r) => r.status === "same") && ours !== theirs) {
    return rows.map((r, i) =>
      a[i]?.[0] === b[i]?.[0] && a[i]?.[1] === b[i]?.[1]
        ? r
        : { ...r, status: "order" }
    );
  }
  return rows;
}

const GAP = "·";
const MAX_CELLS = 4_000_000;

// Aligns the correct base string (`ours`) with another one (`theirs`),
// padding with `·` where one has less and marking each column that differs.
// Where the method and the URI agree, the parameters are aligned pair by
// pair, so that a pair added or removed stands alone and is named, and a
// pair changed is aligned character by character.
export function alignBaseStrings(
  ours: string,
  theirs: string,
): BaseStringDiff {
  const a = partsOf(ours);
  const b = partsOf(theirs);
  if (a === undefined || b === undefined || a.head !== b.head) {
    const d = alignText(ours, theirs);
    return {
      ...d,
      parameter: partAt(ours, Math.min(d.column, ours.length - 1)),
      change: undefined,
    };
  }
  const ta = a.pairs;
  const tb = b.pairs;
  const ops = editScript(ta, tb);
  let request = a.head;
  let server = a.head;
  let marks = " ".repeat(a.head.length);
  const names = { added: [] as string[], removed: [] as string[] };
  const changed: string[] = [];
  let i = 0;
  let j = 0;
  const sep = (k: number) => k > 0 ? "%26" : "";
  const append = (d: { request: string; server: string; marks: string }) => {
    request += d.request;
    server += d.server;
    marks += d.marks.padEnd(d.request.length);
  };
  for (let k = 0; k < ops.length;) {
    if (ops[k] === "=") {
      append(alignText(sep(i) + ta[i++]!, sep(j) + tb[j++]!));
      k++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    for (; k < ops.length && ops[k] !== "="; k++) {
      if (ops[k] === "-") removed.push(sep(i) + ta[i++]!);
      else added.push(sep(j) + tb[j++]!);
    }
    // A pair of the same name on both sides changed; the others were added
    // or removed.
    for (const r of removed) {
      const twin = added.findIndex((x) => pairName(x) === pairName(r));
      const x = twin === -1 ? "" : added.splice(twin, 1)[0]!;
      if (twin === -1) names.removed.push(pairName(r));
      else changed.push(pairName(r));
      append(alignText(r, x));
    }
    for (const x of added) {
      names.added.push(pairName(x));
      request += GAP.repeat(x.length);
      server += x;
      marks += "^".repeat(x.length);
    }
  }
  const [change, list] = changeOf(ta, tb, { changed, ...names });
  const column = marks.indexOf("^");
  return {
    request,
    server,
    marks: marks.trimEnd(),
    column: column === -1 ? a.head.length : column,
    parameter: list.length === 0 ? "the order of the parameters" : [
      ...new Set(list),
    ].slice(0, 3).join(", "),
    change,
  };
}

// What the aligned pairs tell: the same pairs in another order were moved;
// otherwise the pairs of a name on both sides changed, or were added or
// removed.
function changeOf(
  ours: readonly string[],
  theirs: readonly string[],
  names: { changed: string[]; added: string[]; removed: string[] },
): readonly [NonNullable<BaseStringDiff["change"]>, string[]] {
  if (ours.toSorted().join("&") === theirs.toSorted().join("&")) {
    return ["order", []];
  }
  if (names.changed.length > 0) return ["changed", names.changed];
  if (names.added.length > 0) return ["added", names.added];
  if (names.removed.length > 0) return ["removed", names.removed];
  return ["order", []];
}

// A base string's method and URI with the `&` after them, and its encoded
// pairs (split at %26).
function partsOf(
  base: string,
): { head: string; pairs: string[] } | undefined {
  const one = base.indexOf("&");
  const two = base.indexOf("&", one + 1);
  if (one === -1 || two === -1) return undefined;
  const rest = base.slice(two + 1);
  return {
    head: base.slice(0, two + 1),
    pairs: rest === "" ? [] : rest.split("%26"),
  };
}

// The name of an encoded pair of a base string, decoded to the text signed.
function pairName(pair: string): string {
  const once = decodeOnce(pair.replace(/^%26/, ""));
  return decodeOnce(once.split("=", 1)[0]!);
}

// Two texts aligned character by character.
function alignText(
  ours: string,
  theirs: string,
): { request: string; server: string; marks: string; column: number } {
  let prefix = 0;
  while (
    prefix < ours.length && prefix < theirs.length &&
    ours[prefix] === theirs[prefix]
  ) prefix++;
  let suffix = 0;
  while (
    suffix < ours.length - prefix && suffix < theirs.length - prefix &&
    ours[ours.length - 1 - suffix] === theirs[theirs.length - 1 - suffix]
  ) suffix++;
  const a = ours.slice(prefix, ours.length - suffix);
  const b = theirs.slice(prefix, theirs.length - suffix);
  const ops = editScript([...a], [...b]);
  let request = ours.slice(0, prefix);
  let server = theirs.slice(0, prefix);
  let marks = " ".repeat(prefix);
  let i = 0;
  let j = 0;
  for (let k = 0; k < ops.length;) {
    if (ops[k] === "=") {
      request += a[i++];
      server += b[j++];
      marks += " ";
      k++;
      continue;
    }
    let removed = "";
    let added = "";
    for (; k < ops.length && ops[k] !== "="; k++) {
      if (ops[k] === "-") removed += a[i++];
      else added += b[j++];
    }
    const width = Math.max(removed.length, added.length);
    request += removed.padEnd(width, GAP);
    server += added.padEnd(width, GAP);
    marks += "^".repeat(width);
  }
  request += ours.slice(ours.length - suffix);
  server += theirs.slice(theirs.length - suffix);
  marks += " ".repeat(suffix);
  return { request, server, marks: marks.trimEnd(), column: prefix };
}

// The edit script that turns a into b, one operation a character (keep,
// remove, add): a longest common subsequence when the table is small enough,
// else all of a removed and all of b added.
function editScript(
  a: readonly string[],
  b: readonly string[],
): ("=" | "-" | "+")[] {
  const ops: ("=" | "-" | "+")[] = [];
  if (a.length * b.length <= MAX_CELLS && a.length > 0 && b.length > 0) {
    const w = b.length + 1;
    const lcs = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i * w + j] = a[i] === b[j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push("=");
        i++;
        j++;
      } else if (
        j >= b.length ||
        (i < a.length && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)
      ) {
        ops.push("-");
        i++;
      } else {
        ops.push("+");
        j++;
      }
    }
  } else {
    ops.push(
      ...Array<"-">(a.length).fill("-"),
      ...Array<"+">(b.length).fill("+"),
    );
  }
  return ops;
}

// Names the part of a base string at an offset: the method, the URI, or the
// parameters.
function partAt(base: string, offset: number): string {
  const amp1 = base.indexOf("&");
  const amp2 = base.indexOf("&", amp1 + 1);
  if (offset < amp1 || amp1 === -1) return "the method";
  if (offset < amp2 || amp2 === -1) return "the base string URI";
  return "the parameters";
}
