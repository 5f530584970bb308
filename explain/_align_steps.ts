// A base string given as evidence (the server's, or the one the client's own
// code logged) is compared with the correct one step by step, without a
// search over the whole table: its method, its base string URI and its
// parameters are three parts, each reproduced by the settings of its own step
// alone, under each encoder. Every part may take up to three settings, so a
// departure of more settings than the search reaches is still named.

import type { CauseContext, KnobSetting } from "./_knobs.ts";
import { type Candidate, combinations } from "./_search.ts";
import { baseStringOf, type Computation, normalizedOf } from "./conventions.ts";

const PART_DEPTH = 3;
const MAX_ALTERNATIVES = 12;

// Each part of a base string: what a computation writes there.
const PARTS = [
  {
    stages: new Set(["base"]),
    knobs: new Set(["method"]),
    text: (c: Computation) => c.encode(c.method),
  },
  {
    stages: new Set(["uri"]),
    knobs: undefined,
    text: (c: Computation) => c.encode(c.uri),
  },
  {
    stages: new Set(["parameters", "order", "base"]),
    knobs: new Set(["joining"]),
    text: (c: Computation) => {
      const base = baseStringOf(c, normalizedOf(c));
      return base.slice(base.indexOf("&", base.indexOf("&") + 1) + 1);
    },
  },
] as const;

// The method, URI and parameters of a base string: split at its first two
// `&` (parameters joined unencoded hold more).
function split(base: string): [string, string, string] | undefined {
  const one = base.indexOf("&");
  const two = base.indexOf("&", one + 1);
  if (one === -1 || two === -1) return undefined;
  return [base.slice(0, one), base.slice(one + 1, two), base.slice(two + 1)];
}

/**
 * The fewest settings that turn the correct computation into one whose base
 * string is `target`, every alternative of that size; `undefined` when no
 * combination within reach does.
 */
export function alignSteps(
  correct: Computation,
  context: CauseContext,
  target: string,
  candidates: readonly Candidate[],
): KnobSetting[][] | undefined {
  const parts = split(target);
  if (parts === undefined) return undefined;
  const settings = candidates.map((c) => c.setting);
  const encoders = settings.filter((s) => s.stage === "encoder");
  for (let size = 0; size <= 2; size++) {
    let best: KnobSetting[][] = [];
    let bestDepth = Infinity;
    for (const encoding of subsets(encoders, size)) {
      const encoded = applied(correct, context, encoding);
      if (encoded === undefined) continue;
      const found = parts.map((text, i) =>
        partSettings(encoded, context, settings, PARTS[i]!, text)
      );
      if (found.some((f) => f === undefined)) continue;
      const depth = size +
        found.reduce((sum, f) => sum + (f![0]?.length ?? 0), 0);
      if (depth > bestDepth) continue;
      const combined = product(found as KnobSetting[][][]).map((p) => [
        ...encoding,
        ...p,
      ]);
      best = depth < bestDepth ? combined : [...best, ...combined];
      bestDepth = depth;
    }
    if (best.length > 0 && bestDepth > 0) {
      return best.slice(0, MAX_ALTERNATIVES);
    }
  }
  return undefined;
}

// The fewest settings of one step that write the part as the target has it.
function partSettings(
  start: Computation,
  context: CauseContext,
  settings: readonly KnobSetting[],
  part: typeof PARTS[number],
  text: string,
): KnobSetting[][] | undefined {
  const own = settings.filter((s) =>
    part.stages.has(s.stage) &&
    (s.stage !== "base" || part.knobs?.has(s.knob.name) === true)
  );
  for (let depth = 0; depth <= PART_DEPTH; depth++) {
    const found: KnobSetting[][] = [];
    for (const combo of subsets(own, depth)) {
      const c = applied(start, context, combo);
      if (c !== undefined && part.text(c) === text) found.push(combo);
    }
    if (found.length > 0) return found;
  }
  return undefined;
}

function applied(
  start: Computation,
  context: CauseContext,
  settings: readonly KnobSetting[],
): Computation | undefined {
  let c = start;
  for (const s of settings) {
    const next = s.apply?.(c, context);
    if (next === undefined) return undefined;
    c = next;
  }
  return c;
}

// Subsets of one size, one setting a knob, in the order given.
function* subsets(
  items: readonly KnobSetting[],
  size: number,
): Generator<KnobSetting[]> {
  const wrapped = items.map((setting) => ({ setting }));
  for (const combo of combinations(wrapped, size)) {
    yield combo.map((c) => c.setting);
  }
}

// Every way of taking one alternative from each part.
function product(parts: readonly KnobSetting[][][]): KnobSetting[][] {
  let out: KnobSetting[][] = [[]];
  for (const alternatives of parts) {
    out = out.flatMap((prefix) => alternatives.map((a) => [...prefix, ...a]))
      .slice(0, MAX_ALTERNATIVES);
  }
  return out;
}
