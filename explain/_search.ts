// The cause search of explain(): the wrong conventions of the table in
// `_causes.ts` seen in the values sent, or applied to the correct computation,
// singly and in pairs, until one reproduces what was seen (the signature the
// client sent, the server's base string or signature); then the causes found
// merged, pairs absorbing their halves, and alternatives ranked.

import {
  type Cause,
  type CauseContext,
  type CauseId,
  CAUSES,
} from "./_causes.ts";
import { alignBaseStrings } from "./_server_view.ts";
import { type Computation, compute, type Computed } from "./conventions.ts";
import type { CauseTarget, NamedCause } from "./report.ts";
import type { SigningSecrets } from "../steps/signature.ts";
import type { ProfileFinding } from "../vendors/profiles.ts";

// A thing seen that a wrong computation may reproduce.
export interface Target {
  kind: CauseTarget;
  matches(result: Computed): boolean;
}

const TARGET_WORDS: Readonly<Record<CauseTarget, string>> = {
  "client-signature": "reproduces the signature the client sent",
  "server-base-string": "reproduces the base string the server computed",
  "server-signature": "reproduces the signature the server expected",
  "sent-values": "is seen in the values sent",
};

function named(
  list: readonly Cause[],
  target: CauseTarget,
  evidence: string,
  baseString: string | undefined,
  context: CauseContext,
): NamedCause {
  return {
    ids: list.map((c) => c.id),
    title: list.map((c) => c.title).join(" and "),
    sections: list.map((c) => c.section),
    targets: [target],
    evidence,
    fix: list.map((c) => {
      const example = c.example?.(context);
      return `${c.fix}${
        example === undefined ? "" : `: here, ${example}`
      } (RFC 5849 §${c.section})`;
    }).join("; and "),
    baseString,
    diff: undefined,
  };
}

// A vendor's rule the request breaks, as a cause seen in the values sent.
function vendorCause(f: ProfileFinding): NamedCause {
  return {
    ids: [f.rule],
    title: f.title,
    sections: [f.section],
    targets: ["sent-values"],
    evidence: f.message,
    fix: `${f.fix} (${f.source})`,
    baseString: undefined,
    diff: undefined,
  };
}

function cause(id: CauseId): Cause | undefined {
  return CAUSES.find((c) => c.id === id);
}

// What the search tries to reproduce: the signature sent, when it is not the
// correct one, and the server's base string and signature where they differ
// from the correct ones.
export function searchTargets(
  result: Computed,
  seen: {
    sent: string;
    serverBase: string | undefined;
    serverSignature: string | undefined;
  },
): Target[] {
  const { sent, serverBase } = seen;
  const expected = result.signature ?? "";
  const targets: Target[] = [];
  if (sent !== expected) {
    targets.push({
      kind: "client-signature",
      matches: (r) => r.signature === sent,
    });
  }
  if (serverBase !== undefined && serverBase !== result.baseString) {
    targets.push({
      kind: "server-base-string",
      matches: (r) => r.baseString === serverBase,
    });
  }
  if (seen.serverSignature !== undefined && seen.serverSignature !== expected) {
    const signature = seen.serverSignature;
    targets.push({
      kind: "server-signature",
      matches: (r) => r.signature === signature,
    });
  }
  return targets;
}

// The causes seen in the values sent that change no computation: a stale
// timestamp, a nonce the server has seen, a vendor's rule broken.
export function lapseCauses(
  context: CauseContext,
  seen: {
    stale: string | undefined;
    problem: string | undefined;
    linted: readonly ProfileFinding[];
  },
): NamedCause[] {
  const lapses: NamedCause[] = [];
  if (seen.stale !== undefined) {
    lapses.push(
      named(
        [cause("timestamp-stale")!],
        "sent-values",
        seen.stale,
        undefined,
        context,
      ),
    );
  }
  if (seen.problem === "nonce_used") {
    lapses.push(
      named(
        [cause("nonce-reused")!],
        "sent-values",
        "The server reported oauth_problem=nonce_used: it has seen this nonce with this timestamp",
        undefined,
        context,
      ),
    );
  }
  lapses.push(
    ...seen.linted.filter((f) => f.severity === "error").map(vendorCause),
  );
  return lapses;
}

// Every cause named: those seen in the values sent and those the search
// finds, merged and ranked, then the lapses; each with its base string
// aligned with the correct one.
export async function nameCauses(
  search: {
    correct: Computation;
    result: Computed;
    context: CauseContext;
    secrets: SigningSecrets;
    targets: readonly Target[];
    lapses: readonly NamedCause[];
  },
): Promise<NamedCause[]> {
  const { correct, result, context, secrets, targets } = search;
  return rankAlternatives(
    pairsAbsorb(mergeTargets([
      ...detectCauses(context),
      ...await searchCauses(correct, result, context, secrets, targets),
    ])),
    context,
  ).concat(search.lapses).map((cause) => ({
    ...cause,
    diff: cause.baseString === undefined ? undefined : alignBaseStrings(
      result.baseString,
      cause.baseString,
      result.normalized,
    ),
  }));
}

// One entry per cause, with every target it reproduces.
function mergeTargets(list: readonly NamedCause[]): NamedCause[] {
  const merged = new Map<string, NamedCause>();
  for (const cause of list) {
    const key = cause.ids.join("+");
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined ? cause : {
        ...seen,
        targets: [...seen.targets, ...cause.targets],
        evidence: `${seen.evidence}; it also ${
          TARGET_WORDS[cause.targets[0]!]
        }`,
      },
    );
  }
  return [...merged.values()];
}

function detectCauses(context: CauseContext): NamedCause[] {
  const found: NamedCause[] = [];
  for (const cause of CAUSES) {
    const evidence = cause.detect?.(context);
    if (evidence !== undefined) {
      found.push(named([cause], "sent-values", evidence, undefined, context));
    }
  }
  return found;
}

// A cause seen in the values sent that is also half of a pair reproducing a
// signature is that pair's evidence, not an alternative to it.
function pairsAbsorb(list: readonly NamedCause[]): NamedCause[] {
  const inPair = (c: NamedCause): NamedCause | undefined =>
    c.ids.length === 1 && c.targets.includes("sent-values")
      ? list.find((p) => p.ids.length === 2 && p.ids.includes(c.ids[0]!))
      : undefined;
  return list.filter((c) => inPair(c) === undefined).map((p) => {
    const seen = list.filter((c) => inPair(c) === p);
    return seen.length === 0 ? p : {
      ...p,
      targets: [...p.targets, "sent-values" as const],
      evidence: [p.evidence, ...seen.map((c) => c.evidence)].join("; "),
    };
  });
}

// Causes that reproduce the same thing cannot be told apart by it; where the
// request's own values favour some of them, say so and put those first.
function rankAlternatives(
  list: readonly NamedCause[],
  context: CauseContext,
): NamedCause[] {
  const reasons = list.map((c) =>
    rivals(c, list).length > 0
      ? c.ids.map((id) => cause(id as CauseId)?.likely?.(context)).find((r) =>
        r !== undefined
      )
      : undefined
  );
  const ranked = list.map((c, i) =>
    reasons[i] === undefined ? c : {
      ...c,
      evidence:
        `${c.evidence}; the request's own values make this the likelier one: ${
          reasons[i]
        }`,
    }
  );
  return [
    ...ranked.filter((_, i) => reasons[i] !== undefined),
    ...ranked.filter((_, i) => reasons[i] === undefined),
  ];
}

// A wrong convention applied alone, and what it computes.
interface Single {
  cause: Cause;
  computation: Computation;
  result: Computed;
}

// What the search works with: the request's values, a computation run (or
// `undefined` when it cannot apply or changes nothing), and a cause named for
// the target it reproduces.
interface Search {
  context: CauseContext;
  run(c: Computation): Promise<Computed | undefined>;
  found(list: readonly Cause[], target: Target, r: Computed): NamedCause;
}

const same = (a: Computed, b: Computed): boolean =>
  a.baseString === b.baseString && a.signature === b.signature;

async function searchCauses(
  correct: Computation,
  result: Computed,
  context: CauseContext,
  secrets: SigningSecrets,
  targets: readonly Target[],
): Promise<NamedCause[]> {
  if (targets.length === 0) return [];
  const search: Search = {
    context,
    run: async (c) => {
      try {
        const r = await compute(c, secrets);
        return r.signature === undefined || same(r, result) ? undefined : r;
      } catch {
        return undefined; // a convention that cannot apply to this request
      }
    },
    found: (list, target, r) =>
      named(
        list,
        target.kind,
        `Signing with ${list.map((c) => c.title).join(" and ")} ${
          TARGET_WORDS[target.kind]
        }`,
        r.baseString === result.baseString ? undefined : r.baseString,
        context,
      ),
  };
  const singles: Single[] = [];
  for (const cause of CAUSES) {
    const computation = cause.apply?.(correct, context);
    const r = computation && await search.run(computation);
    if (computation && r) singles.push({ cause, computation, result: r });
  }
  const found: NamedCause[] = [];
  for (const target of targets) {
    const hits = singles.filter((s) => target.matches(s.result));
    found.push(...hits.map((s) => search.found([s.cause], target, s.result)));
    if (hits.length > 0) continue;
    if (target.kind === "client-signature") {
      const reread = rereadCauses(result, singles, context);
      found.push(...reread);
      if (reread.length > 0) continue;
    }
    found.push(...await pairCauses(search, singles, target));
  }
  return found;
}

// Two wrong conventions together that reproduce the target, where neither
// alone does.
async function pairCauses(
  search: Search,
  singles: readonly Single[],
  target: Target,
): Promise<NamedCause[]> {
  const found: NamedCause[] = [];
  for (let i = 0; i < singles.length; i++) {
    for (let j = i + 1; j < singles.length; j++) {
      const a = singles[i]!;
      const b = singles[j]!;
      const computation = b.cause.apply!(a.computation, search.context);
      const r = computation && await search.run(computation);
      if (
        !r || same(r, a.result) || same(r, b.result) || !target.matches(r)
      ) {
        continue;
      }
      found.push(search.found([a.cause, b.cause], target, r));
    }
  }
  return found;
}

// A signature changed on its way (a + read as a space, encoded twice): what
// the signer meant is the correct one, or one a single wrong convention makes.
function rereadCauses(
  result: Computed,
  singles: readonly { cause: Cause; result: Computed }[],
  context: CauseContext,
): NamedCause[] {
  const found: NamedCause[] = [];
  for (const reading of CAUSES) {
    const meant = reading.reread?.(context.signature);
    if (meant === undefined) continue;
    const words = `Reading the signature sent as one with ${reading.title}`;
    if (meant === result.signature) {
      found.push(
        named(
          [reading],
          "client-signature",
          `${words} gives the signature a correct signer computes`,
          undefined,
          context,
        ),
      );
    }
    for (const s of singles) {
      if (s.result.signature !== meant) continue;
      found.push(
        named(
          [s.cause, reading],
          "client-signature",
          `${words} gives the one signing with ${s.cause.title} computes`,
          s.result.baseString === result.baseString
            ? undefined
            : s.result.baseString,
          context,
        ),
      );
    }
  }
  return found;
}

// The other causes that reproduce something this one reproduces: then they
// are alternatives, where a pair, or a cause seen in the values sent, is not.
export function rivals(
  c: NamedCause,
  list: readonly NamedCause[],
): NamedCause[] {
  return list.filter((o) =>
    o !== c &&
    o.targets.some((t) => t !== "sent-values" && c.targets.includes(t))
  );
}
