// The causes explain() names: the combinations the search and the step by
// step alignment found, the settings seen in the values sent, and the lapses
// (a stale timestamp, a reused nonce, a vendor's rule broken), each in the
// request's own values with its fix; merged, the settings seen absorbed into
// the combinations they belong to, and alternatives ranked.

import { type CauseContext, type KnobSetting, SETTINGS } from "./_knobs.ts";
import { alignBaseStrings } from "./_server_view.ts";
import type { Computed } from "./conventions.ts";
import type { CauseTarget, NamedCause } from "./report.ts";
import type { ProfileFinding } from "../vendors/profiles.ts";

const TARGET_WORDS: Readonly<Record<CauseTarget, string>> = {
  "client-signature": "reproduces the signature the client sent",
  "client-base-string": "reproduces the base string the client logged",
  "server-base-string": "reproduces the base string the server computed",
  "server-signature": "reproduces the signature the server expected",
  "sent-values": "is seen in the values sent",
};

/** A combination of settings named as one cause. */
export function named(
  list: readonly KnobSetting[],
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

/** A combination found by the search or the alignment, as a cause. */
export function foundCause(
  list: readonly KnobSetting[],
  target: CauseTarget,
  baseString: string,
  correct: Computed,
  context: CauseContext,
): NamedCause {
  const how = target.endsWith("base-string")
    ? "Aligned step by step, signing with"
    : "Signing with";
  return named(
    list,
    target,
    `${how} ${list.map((c) => c.title).join(" and ")} ${TARGET_WORDS[target]}`,
    baseString === correct.baseString ? undefined : baseString,
    context,
  );
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

function setting(id: string): KnobSetting {
  return SETTINGS.find((s) => s.id === id)!;
}

/**
 * The causes seen in the values sent that change no computation: a stale
 * timestamp, a nonce the server has seen, a vendor's rule broken.
 */
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
        [setting("timestamp-stale")],
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
        [setting("nonce-reused")],
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

/** The settings seen in the values sent. */
export function detectCauses(context: CauseContext): NamedCause[] {
  const found: NamedCause[] = [];
  for (const s of SETTINGS) {
    const evidence = s.detect?.(context);
    if (evidence !== undefined) {
      found.push(named([s], "sent-values", evidence, undefined, context));
    }
  }
  return found;
}

/**
 * The causes merged (one entry per combination, with every target), the
 * settings seen absorbed into the combinations that hold them, alternatives
 * ranked, and each wrong base string aligned with the correct one.
 */
export function settle(
  list: readonly NamedCause[],
  result: Computed,
  context: CauseContext,
): NamedCause[] {
  return rankAlternatives(absorb(mergeTargets(list)), context).map((
    cause,
  ) => ({
    ...cause,
    diff: cause.baseString === undefined
      ? undefined
      : alignBaseStrings(result.baseString, cause.baseString),
  }));
}

function mergeTargets(list: readonly NamedCause[]): NamedCause[] {
  const merged = new Map<string, NamedCause>();
  for (const cause of list) {
    const key = [...cause.ids].sort().join("+");
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined
        ? cause
        : seen.targets.includes(cause.targets[0]!)
        ? seen
        : {
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

// A setting seen in the values sent that is also part of a combination
// reproducing a signature is that combination's evidence, not a rival.
function absorb(list: readonly NamedCause[]): NamedCause[] {
  const holder = (c: NamedCause): NamedCause | undefined =>
    c.ids.length === 1 && c.targets.includes("sent-values")
      ? list.find((p) => p.ids.length > 1 && p.ids.includes(c.ids[0]!))
      : undefined;
  return list.filter((c) => holder(c) === undefined).map((p) => {
    const seen = list.filter((c) => holder(c) === p);
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
      ? c.ids.map((id) => SETTINGS.find((s) => s.id === id)?.likely?.(context))
        .find((r) => r !== undefined)
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

/**
 * The other causes that reproduce something this one reproduces: then they
 * are alternatives, where a combination's own evidence is not.
 */
export function rivals(
  c: NamedCause,
  list: readonly NamedCause[],
): NamedCause[] {
  return list.filter((o) =>
    o !== c &&
    o.targets.some((t) => t !== "sent-values" && c.targets.includes(t))
  );
}
