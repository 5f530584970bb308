/**
 * `explain()`: says why a signature is invalid. It recomputes the signature
 * of a captured request the way RFC 5849 §3.4 says, compares it with the one
 * the client sent and, when known, with the server's view (its base string,
 * the signature it expected, its `oauth_problem`) and the base string the
 * client logged; then it searches the signer's own decisions, a table of
 * knobs each with the RFC's value and the wrong values real signers use, in
 * combinations of up to three, and names every combination of the fewest
 * settings that reproduces what the client sent or what the server expected.
 * A base string given as evidence is aligned with the correct one step by
 * step, which names departures of more settings still.
 *
 * The report is plain data; {@linkcode formatExplanation} renders it like
 * the trace. Secrets are masked as in the trace.
 *
 * @module
 */

import { alignSteps } from "./_align_steps.ts";
import {
  allFindings,
  type Clock,
  clockFindings,
  readClock,
} from "./_findings.ts";
import {
  type CauseContext,
  type CauseId,
  KNOBS,
  SETTINGS,
  type Stage as CauseStage,
} from "./_knobs.ts";
import { detectCauses, foundCause, lapseCauses, settle } from "./_naming.ts";
import { first, prepare } from "./_prepare.ts";
import {
  Engine,
  type SearchControl,
  type SearchInput,
  searchSignature,
} from "./_search.ts";
import { uncovered } from "./_unexplained.ts";
import {
  alignBaseStrings,
  readResponse,
  type ServerResponse,
  serverView,
} from "./_server_view.ts";
import {
  type Computation,
  compute,
  type Computed,
  hmacDigest,
  keyTextOf,
} from "./conventions.ts";
import type {
  BaseStringDiff,
  ExplainEvidence,
  Explanation,
  Finding,
  NamedCause,
  ServerView,
} from "./report.ts";
import type { CapturedRequest } from "../client/import.ts";
import { buildTrace, secretView, type Trace } from "../client/trace.ts";
import { toBase64 } from "../core/codec.ts";
import type { BaseStringUri } from "../steps/base_string_uri.ts";
import { sortParameters } from "../steps/parameters.ts";
import {
  builtInSignatureMethod,
  type SigningSecrets,
} from "../steps/signature.ts";
import {
  findProfile,
  lintRequest,
  type ProfileFinding,
} from "../vendors/profiles.ts";

export { formatExplanation } from "./format.ts";
export type { CauseId, CauseStage };
export type {
  BaseStringDiff,
  CauseTarget,
  ExplainEvidence,
  Explanation,
  Finding,
  NamedCause,
  ParameterRow,
  ServerView,
} from "./report.ts";

/** A wrong value of one of the signer's decisions, as {@linkcode causes} lists it. */
export interface CauseEntry {
  /** The setting's id, as explain() names it. */
  readonly id: CauseId;
  /** The setting in words. */
  readonly title: string;
  /** The RFC 5849 section it departs from. */
  readonly section: string;
  /** The fix, in one sentence. */
  readonly fix: string;
  /**
   * Whether {@linkcode whatIf} can sign with it (the others, such as a stale
   * timestamp or a hex body hash, are seen in the values sent).
   */
  readonly whatIf: boolean;
  /** The knob: the decision this is a wrong value of. */
  readonly knob: string;
  /**
   * Where the knob acts, in the order of the computation: `"uri"`,
   * `"parameters"`, `"encoder"`, `"order"`, `"base"`, `"key"`, `"hash"`,
   * `"text"`, `"transport"`, or `"sent"` (seen in the values sent).
   */
  readonly stage: CauseStage;
  /** The decision in words. */
  readonly decision: string;
  /** The RFC's value of that decision. */
  readonly rfc: string;
  /** Bug reports and vendor documents that show signers doing it. */
  readonly seenIn: readonly string[];
}

/**
 * The wrong settings {@linkcode explain} searches for, knob by knob in the
 * order of RFC 5849's steps: id, title, the RFC 5849 section, the fix, the
 * knob with its RFC value, where signers were seen doing it, and whether
 * {@linkcode whatIf} can sign with it.
 *
 * @example
 * ```ts
 * import { causes } from "@oauth1/steps/explain";
 * import assert from "node:assert/strict";
 *
 * assert.ok(causes.some((c) => c.id === "query-double-encoded" && c.section === "3.4.1.3.1"));
 * assert.equal(causes.find((c) => c.id === "nonce-reused")?.whatIf, false);
 * assert.equal(causes.find((c) => c.id === "token-secret-missing")?.knob, "key-secrets");
 * ```
 */
export const causes: readonly CauseEntry[] = SETTINGS.map((s) => ({
  id: s.id,
  title: s.title,
  section: s.section,
  fix: s.fix,
  whatIf: s.apply !== undefined,
  knob: s.knob.name,
  stage: s.stage,
  decision: s.knob.decision,
  rfc: s.knob.rfc,
  seenIn: s.seenIn,
}));

/**
 * The number of knobs, the signer's decisions {@linkcode causes} are wrong
 * values of.
 *
 * @example
 * ```ts
 * import { causes, knobCount } from "@oauth1/steps/explain";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new Set(causes.map((c) => c.knob)).size, knobCount);
 * ```
 */
export const knobCount: number = KNOBS.length;

/**
 * Explains a captured request: is its signature the one a correct signer
 * computes, where does the server's view depart from it, and which wrong
 * settings of the signer's decisions reproduce what the client sent or the
 * server expected.
 *
 * @param captured The request as sent, from one of the importers of
 * `@oauth1/steps/import`.
 * @param secrets The consumer secret, the token secret, or the RSA private
 * key.
 * @param evidence The server's view (base string, expected signature, error
 * body, `Date`), the client's own base string, the time now, whether to
 * reveal secrets, a vendor profile, and the search's progress and signal.
 * @returns The report: verdict, server view, causes and findings.
 * @throws {TypeError} If the request carries no `oauth_signature` or
 * `oauth_signature_method`, the method is unknown, or the secrets are not
 * strings.
 * @throws {RangeError} If `evidence.date` or `evidence.now` is not a valid
 * time, or `evidence.window` is not a non-negative integer.
 * @throws {TypeError} If `evidence.profile` names no profile.
 * @throws The signal's reason, when `evidence.signal` is aborted.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example The classic double-encoded query value
 * ```ts
 * import { explain } from "@oauth1/steps/explain";
 * import { importSignedUrl } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * // Signed with the literal text "first%2Csecond" instead of "first,second".
 * const captured = importSignedUrl(
 *   "http://example.com/r?foo=first%2Csecond&oauth_consumer_key=key" +
 *     "&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958" +
 *     "&oauth_signature=Kd9dEuKqq7mf2rIWHDTHxcVni3w%3D",
 * );
 * const report = await explain(captured, { consumerSecret: "secret" });
 * assert.equal(report.verdict, "invalid");
 * assert.deepEqual(report.causes[0]?.ids, ["query-double-encoded"]);
 * ```
 */
export async function explain(
  captured: CapturedRequest,
  secrets: SigningSecrets,
  evidence: ExplainEvidence = {},
): Promise<Explanation> {
  const { sent, methodName } = signed(captured, secrets);
  const clock = readClock(evidence);
  const reveal = evidence.revealSecrets === true;
  const { correct, context, uri, contentType, host } = await prepare(
    captured,
    secrets,
  );
  const result = await compute(correct, secrets);
  const expected = result.signature ?? "";
  const trace = await correctTrace(captured, secrets, {
    correct,
    result,
    uri,
    contentType,
    host,
    reveal,
  });
  const seen = readEvidence(captured, evidence, result, context, clock);
  const { named, searched } = await nameCauses(
    { correct, result, context, secrets, sent, serverSignature: undefined },
    evidence,
    {
      serverBase: seen.serverBase,
      vendor: seen.vendor,
      lapses: lapseCauses(context, {
        stale: seen.clock.stale,
        problem: seen.response.problem,
        linted: seen.linted,
      }),
    },
  );
  const findings = allFindings({
    captured,
    context,
    clock: seen.clock.findings,
    linted: seen.linted,
    response: seen.response,
  });
  const { valid, explained } = judge(sent === expected, seen.server, {
    findings,
    named,
  });
  const mask = masker(methodName === "PLAINTEXT" && !reveal);
  return {
    verdict: valid ? "valid" : "invalid",
    signatureMatches: sent === expected,
    explained,
    signatureMethod: methodName,
    sentSignature: mask(sent),
    expectedSignature: mask(expected),
    trace: trace.filter((step) => step.step !== "placement"),
    server: seen.server?.signature === undefined
      ? seen.server
      : { ...seen.server, signature: mask(seen.server.signature) },
    causes: named,
    findings,
    unexplained: valid || explained ? [] : uncovered(captured, {
      secrets,
      uri: uri.uri,
      host,
      timestamp: context.timestamp,
      tried: searched.tried,
      knobs: searched.knobs,
      baseStringGiven: seen.serverBase !== undefined ||
        evidence.clientBaseString !== undefined,
    }),
    searched: { knobs: searched.knobs, combinations: searched.tried },
  };
}

// What the evidence says beside the request: the server's answer and base
// string, the server's view of the computation, the clock, and the vendor's
// rules the request bends.
function readEvidence(
  captured: CapturedRequest,
  evidence: ExplainEvidence,
  result: Computed,
  context: CauseContext,
  clock: Clock,
): {
  response: ServerResponse;
  serverBase: string | undefined;
  server: ServerView | undefined;
  clock: ReturnType<typeof clockFindings>;
  vendor: string | undefined;
  linted: ProfileFinding[];
} {
  const response = readResponse(evidence.response);
  const serverBase = evidence.baseString ?? response.baseString;
  const server = serverView(result, {
    baseString: serverBase,
    signature: evidence.signature,
    problem: response.problem,
    advice: response.advice,
  });
  const profile = evidence.profile && findProfile(evidence.profile);
  return {
    response,
    serverBase,
    server,
    clock: clockFindings(context.timestamp, clock, response),
    vendor: profile?.name,
    linted: profile
      ? lintRequest(captured, profile, evidence.profileInputs)
      : [],
  };
}

// The verdict: valid when the signature is the correct one, the server (if
// it spoke) agrees, no rule is broken and no cause is named. A right
// signature on a request that breaks a rule is explained by the findings that
// name the rule.
function judge(
  signatureMatches: boolean,
  server: ServerView | undefined,
  seen: { findings: readonly Finding[]; named: readonly NamedCause[] },
): { valid: boolean; explained: boolean } {
  const serverAgrees = server === undefined ||
    (server.divergence === undefined && server.problem === undefined);
  const broken = seen.findings.some((f) => f.severity === "error");
  const valid = signatureMatches && serverAgrees && !broken &&
    seen.named.length === 0;
  const explained = !valid &&
    (seen.named.length > 0 || signatureMatches && broken);
  return { valid, explained };
}

// PLAINTEXT's signature is the signing key: shown as its length only, unless
// secrets are revealed.
function masker(masked: boolean): (signature: string) => string {
  return (s) =>
    masked ? `(the signing key, ${s.length} characters, masked)` : s;
}

// Every cause named: the settings seen in the values sent and the
// combinations found, settled, then the lapses; and how far the search went.
// `input` holds the signature sent, searched for when it is not the correct
// one, as is the signature the server expected.
async function nameCauses(
  input: SearchInput,
  evidence: ExplainEvidence,
  more: {
    serverBase: string | undefined;
    vendor: string | undefined;
    lapses: readonly NamedCause[];
  },
): Promise<{
  named: NamedCause[];
  searched: { tried: number; knobs: number };
}> {
  // Only what differs from the correct computation is searched for.
  const expected = input.result.signature;
  const searched = await searchCauses(
    {
      ...input,
      sent: input.sent === expected ? undefined : input.sent,
      serverSignature: evidence.signature === expected
        ? undefined
        : evidence.signature,
    },
    { serverBase: more.serverBase, clientBase: evidence.clientBaseString },
    {
      signal: evidence.signal,
      onProgress: evidence.onProgress,
      vendor: more.vendor,
    },
  );
  const { result, context } = input;
  return {
    named: [
      ...settle(
        [...detectCauses(context), ...searched.causes],
        result,
        context,
      ),
      ...more.lapses,
    ],
    searched,
  };
}

// The causes the search and the alignments find: the signature searched over
// the table, or, when the client's base string is known, its departure
// aligned step by step and the key and digest searched over it; the
// server's base string aligned step by step.
async function searchCauses(
  input: SearchInput,
  bases: { serverBase: string | undefined; clientBase: string | undefined },
  control: SearchControl,
): Promise<{ causes: NamedCause[]; tried: number; knobs: number }> {
  const { correct, result, context } = input;
  const found: NamedCause[] = [];
  const candidates = new Engine(input).candidates(control.vendor);
  const aligned = (base: string | undefined) =>
    base === undefined || base === result.baseString
      ? undefined
      : alignSteps(correct, context, base, candidates);
  const server = (aligned(bases.serverBase) ?? []).map((list) =>
    foundCause(list, "server-base-string", bases.serverBase!, result, context)
  );
  const clientBase = bases.clientBase;
  if (clientBase === undefined || input.sent === undefined) {
    const outcome = await searchSignature(input, control);
    for (const hit of outcome.hits) {
      found.push(
        foundCause(hit.settings, hit.target, hit.baseString, result, context),
      );
    }
    return {
      causes: [...found, ...server],
      tried: outcome.tried,
      knobs: outcome.knobs,
    };
  }
  const departures = aligned(clientBase) ?? [[]];
  const alone = await signs(correct, input, clientBase);
  const keys = alone
    ? { hits: [], tried: 0, knobs: candidates.length }
    : await searchSignature({ ...input, baseString: clientBase }, control);
  const withKeys = keys.hits.length === 0
    ? departures
    : departures.flatMap((d) => keys.hits.map((h) => [...d, ...h.settings]));
  const target = alone || keys.hits.length > 0
    ? "client-signature"
    : "client-base-string";
  for (const list of withKeys.filter((l) => l.length > 0)) {
    found.push(foundCause(list, target, clientBase, result, context));
  }
  return {
    causes: [...found, ...server],
    tried: keys.tried,
    knobs: keys.knobs,
  };
}

// Whether the signature sent is the correct key's over the client's base
// string: then the base string alone is the departure.
async function signs(
  correct: Computation,
  input: SearchInput,
  base: string,
): Promise<boolean> {
  const method = builtInSignatureMethod(correct.signatureMethod);
  if (method?.family !== "HMAC") return false;
  const digest = await hmacDigest(
    keyTextOf(correct, input.secrets),
    method.hash!,
    base,
  );
  return toBase64(digest) === input.sent;
}

// The signature and the method sent, once the secrets and the request are
// checked to be ones explain() can read.
function signed(
  captured: CapturedRequest,
  secrets: SigningSecrets,
): { sent: string; methodName: string } {
  if (typeof secrets !== "object" || secrets === null) {
    throw new TypeError(
      "Cannot explain request: secrets must be an object with consumerSecret",
    );
  }
  if (typeof secrets.consumerSecret !== "string") {
    throw new TypeError(
      `Cannot explain request: secrets.consumerSecret must be a string: current type is ${typeof secrets
        .consumerSecret}`,
    );
  }
  const sent = first(captured.oauth, "oauth_signature");
  const methodName = first(captured.oauth, "oauth_signature_method");
  if (sent === undefined || methodName === undefined) {
    throw new TypeError(
      `Cannot explain request: request must carry ${
        sent === undefined ? "oauth_signature" : "oauth_signature_method"
      }: current protocol parameters are ${
        captured.oauth.map(([n]) => n).join(", ") || "none"
      }`,
    );
  }
  return { sent, methodName };
}

// The correct computation, step by step, as signRequest() traces it; the
// secrets masked unless revealed.
async function correctTrace(
  captured: CapturedRequest,
  secrets: SigningSecrets,
  computed: {
    correct: Computation;
    result: Computed;
    uri: BaseStringUri;
    contentType: string | undefined;
    host: string | undefined;
    reveal: boolean;
  },
): Promise<Trace> {
  const { correct, result, uri, contentType, host, reveal } = computed;
  const parameters = correct.parameters;
  return buildTrace({
    input: {
      method: captured.method,
      url: captured.url,
      contentType: contentType ?? null,
      host: host ?? null,
      body: captured.body,
    },
    consumerKey: first(captured.oauth, "oauth_consumer_key") ?? "",
    token: first(captured.oauth, "oauth_token"),
    consumerSecret: await secretView(secrets.consumerSecret, reveal),
    tokenSecret: await secretView(secrets.tokenSecret ?? "", reveal),
    method: result.method,
    placement: captured.placement ?? "header",
    reveal,
    uri,
    collected: parameters,
    sorted: sortParameters(parameters),
    normalized: result.normalized,
    baseString: result.baseString,
    signature: result.signature ?? "",
    digest: result.digest,
    placed: undefined,
  });
}

/** A request signed with wrong conventions, from {@linkcode whatIf}. */
export interface WhatIf {
  /** The conventions applied, in the order given. */
  readonly applied: readonly CauseId[];
  /** The conventions that cannot apply to this request: nothing to change. */
  readonly skipped: readonly CauseId[];
  /** The normalized parameters, signed the wrong way. */
  readonly normalized: string;
  /** The signature base string, signed the wrong way. */
  readonly baseString: string;
  /**
   * The signature, signed the wrong way; `undefined` when the method cannot
   * be signed so (a key convention with RSA). Masked for PLAINTEXT unless
   * revealed, since it is then the signing key.
   */
  readonly signature: string | undefined;
  /**
   * The correct base string (`request`) aligned with the wrong one
   * (`server`), or `undefined` when they are the same.
   */
  readonly diff: BaseStringDiff | undefined;
}

/**
 * Signs a captured request with wrong conventions of {@linkcode causes}
 * applied, one after the other: what a client that makes these mistakes
 * sends. For teaching by contrast, beside the correct signature.
 *
 * @param captured The request, from one of the importers of
 * `@oauth1/steps/import`; its `oauth_signature` is not read.
 * @param secrets The consumer secret, the token secret, or the RSA private
 * key.
 * @param ids The ids of the conventions to apply, from {@linkcode causes}.
 * @param options `revealSecrets` shows a PLAINTEXT signature.
 * @returns The wrong normalized parameters, base string and signature, and
 * the base strings aligned.
 * @throws {TypeError} If the request carries no `oauth_signature_method`,
 * the method is unknown, or an id is not one of {@linkcode causes}.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example The double-encoded query value of `explain()`'s example
 * ```ts
 * import { whatIf } from "@oauth1/steps/explain";
 * import { importSignedUrl } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importSignedUrl(
 *   "http://example.com/r?foo=first%2Csecond&oauth_consumer_key=key" +
 *     "&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958",
 * );
 * const wrong = await whatIf(captured, { consumerSecret: "secret" }, ["query-double-encoded"]);
 * assert.equal(wrong.signature, "Kd9dEuKqq7mf2rIWHDTHxcVni3w=");
 * assert.equal(wrong.diff?.parameter, "foo");
 * ```
 */
export async function whatIf(
  captured: CapturedRequest,
  secrets: SigningSecrets,
  ids: readonly CauseId[],
  options: { revealSecrets?: boolean } = {},
): Promise<WhatIf> {
  const methodName = first(captured.oauth, "oauth_signature_method");
  if (methodName === undefined) {
    throw new TypeError(
      "Cannot sign with wrong conventions: request must carry oauth_signature_method",
    );
  }
  const { correct, context } = await prepare(captured, secrets);
  const right = await compute(correct, secrets);
  let wrong = correct;
  const applied: CauseId[] = [];
  const skipped: CauseId[] = [];
  for (const id of ids) {
    const cause = SETTINGS.find((c) => c.id === id && c.apply !== undefined);
    if (cause === undefined) {
      throw new TypeError(
        `Cannot sign with wrong conventions: id must be one of causes that change the signature: current id is "${id}"`,
      );
    }
    const next = cause.apply!(wrong, context);
    if (next === undefined) skipped.push(id);
    else {
      wrong = next;
      applied.push(id);
    }
  }
  const result = await compute(wrong, secrets);
  const masked = methodName === "PLAINTEXT" && options.revealSecrets !== true;
  return {
    applied,
    skipped,
    normalized: result.normalized,
    baseString: result.baseString,
    signature: result.signature === undefined || !masked
      ? result.signature
      : `(the signing key, ${result.signature.length} characters, masked)`,
    diff: result.baseString === right.baseString
      ? undefined
      : alignBaseStrings(right.baseString, result.baseString),
  };
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type { CapturedRequest } from "../client/import.ts";
export type { Placement } from "../client/sign.ts";
export type {
  BaseStringUriStep,
  FormatTraceOptions,
  InputStep,
  ParametersStep,
  PlacementStep,
  SecretView,
  SignatureBaseStringStep,
  SignatureStep,
  Trace,
  TracedParameter,
  TraceStep,
} from "../client/trace.ts";
export type { BaseStringUriRule } from "../steps/base_string_uri.ts";
export type { ParameterSource } from "../steps/parameters.ts";
export type {
  SignatureMethodName,
  SigningSecrets,
} from "../steps/signature.ts";
export type {
  LintedRequest,
  Profile,
  ProfileInput,
  ProfileInputs,
  ProfileName,
  ProfileRule,
  ProfileViolation,
} from "../vendors/profiles.ts";
