/**
 * `explain()`: says why a signature is invalid. It recomputes the signature
 * of a captured request the way RFC 5849 §3.4 says, compares it with the one
 * the client sent and, when known, with the server's view (its base string,
 * the signature it expected, its `oauth_problem`); then it searches the
 * classic wrong conventions, singly and in pairs, and names every one that
 * reproduces what the client sent or what the server expected.
 *
 * The report is plain data; {@linkcode formatExplanation} renders it like
 * the trace. Secrets are masked as in the trace.
 *
 * @module
 */

import { type Cause, type CauseContext, CAUSES } from "./_causes.ts";
import {
  type Computation,
  compute,
  type Computed,
  splitPair,
} from "./conventions.ts";
import { toBase64, toHex } from "../core/codec.ts";
import { wrap, writer } from "../core/format.ts";
import { headerValue, oauthAuthorization } from "../core/headers.ts";
import type { CapturedRequest } from "../client/import.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import { parseAuthorizationHeader } from "../steps/authorization.ts";
import { collectParameters, sortParameters } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import {
  lintRequest,
  type Profile,
  type ProfileFinding,
  type ProfileInputs,
  type ProfileName,
} from "../vendors/profiles.ts";
import type { SigningSecrets } from "../steps/signature.ts";
import {
  buildTrace,
  formatTrace,
  type FormatTraceOptions,
  secretView,
  type Trace,
} from "../client/trace.ts";

/** What is known of the server's side, and how to report. */
export interface ExplainEvidence {
  /** The signature base string the server computed, if it told. */
  baseString?: string;
  /** The signature the server expected, if it told. */
  signature?: string;
  /**
   * The body of the server's error response: `oauth_problem=…` (RFC 5849
   * Problem Reporting), and a `debug_sbs=` base string as Flickr sent.
   */
  response?: string;
  /** The server's `Date` response header, for the clock skew. */
  date?: string | Date;
  /** The time to compare the timestamp with; the clock is never read. */
  now?: Date | number;
  /** The timestamp window the server allows, in seconds; 300 by default. */
  window?: number;
  /** Shows the secrets in the report, for learning with test credentials. */
  revealSecrets?: boolean;
  /**
   * The vendor profile whose rules the request must also follow: a broken
   * rule is named as a cause (an error) or reported as a finding.
   */
  profile?: ProfileName | Profile;
  /** The profile's inputs, such as NetSuite's `accountId`. */
  profileInputs?: ProfileInputs;
}

/** The id of a wrong convention that {@linkcode explain} searches for. */
export type CauseId =
  | "encode-uri-component"
  | "plus-for-space"
  | "tilde-encoded"
  | "query-double-encoded"
  | "query-plus-not-decoded"
  | "query-omitted"
  | "form-body-omitted"
  | "body-signed-not-form"
  | "json-body-signed"
  | "multipart-fields-signed"
  | "empty-token-kept"
  | "empty-token-dropped"
  | "realm-signed"
  | "version-missing"
  | "version-added"
  | "sorted-raw"
  | "scheme-swapped"
  | "host-case-kept"
  | "path-decoded"
  | "path-encoded-twice"
  | "default-port-kept"
  | "trailing-slash-added"
  | "trailing-slash-dropped"
  | "key-not-encoded"
  | "key-ampersand-missing"
  | "secrets-swapped"
  | "hex-digest"
  | "base64url-digest"
  | "signature-not-encoded"
  | "signature-encoded-twice"
  | "body-hash-keyed"
  | "body-hash-hex"
  | "body-hash-algorithm"
  | "body-hash-of-form"
  | "hash-swapped"
  | "timestamp-milliseconds"
  | "method-lower-case"
  | "method-swapped"
  | "timestamp-stale"
  | "nonce-empty"
  | "nonce-reused";

/** What a named cause reproduces. */
export type CauseTarget =
  | "client-signature"
  | "server-base-string"
  | "server-signature"
  | "sent-values";

/** A wrong convention, or two together, that explains the mismatch. */
export interface NamedCause {
  /**
   * The cause's id, two ids for two conventions together, or a vendor's
   * rule (`netsuite/realm`) when a profile was given.
   */
  readonly ids: readonly string[];
  /** The cause in words. */
  readonly title: string;
  /** The RFC 5849 sections the convention breaks. */
  readonly sections: readonly string[];
  /** What the convention reproduces. */
  readonly targets: readonly CauseTarget[];
  /** The evidence, in one sentence. */
  readonly evidence: string;
  /** The fix, in one sentence, citing the RFC section. */
  readonly fix: string;
  /** The wrong base string, when it differs from the correct one. */
  readonly baseString: string | undefined;
  /**
   * The correct base string (`request`) aligned with the wrong one
   * (`server`), when they differ.
   */
  readonly diff: BaseStringDiff | undefined;
}

/** How a parameter compares between the request and the server's view. */
export interface ParameterRow {
  /** The encoded name. */
  readonly name: string;
  /** The encoded value a correct signer signs, if the request has it. */
  readonly request: string | undefined;
  /** The encoded value in the server's base string, if it has it. */
  readonly server: string | undefined;
  /**
   * `same`; `missing` (in the request, not in the server's base string);
   * `extra` (in the server's base string only); `different` value;
   * `encoding-depth` (the same value encoded once more or once less);
   * `order` (the same pairs in another order).
   */
  readonly status:
    | "same"
    | "missing"
    | "extra"
    | "different"
    | "encoding-depth"
    | "order";
}

/** Two base strings aligned character by character. */
export interface BaseStringDiff {
  /** The correct base string of the request, `·` where the server has more. */
  readonly request: string;
  /** The server's base string, aligned, `·` where it has less. */
  readonly server: string;
  /** `^` under each column that differs. */
  readonly marks: string;
  /** The first column that differs. */
  readonly column: number;
  /** The parameter (or part) at that column. */
  readonly parameter: string;
}

/** The server's view of the request, compared with the correct one. */
export interface ServerView {
  /** The base string the server computed, if known. */
  readonly baseString: string | undefined;
  /** The signature the server expected, if known; masked for PLAINTEXT. */
  readonly signature: string | undefined;
  /** The `oauth_problem` the server reported. */
  readonly problem: string | undefined;
  /** The `oauth_problem_advice` the server gave. */
  readonly advice: string | undefined;
  /** The first step at which the server's view departs from the correct one. */
  readonly divergence:
    | "base-string-uri"
    | "parameters"
    | "signature-base-string"
    | "signature"
    | undefined;
  /** The parameters compared, when the server's base string is known. */
  readonly parameters: readonly ParameterRow[];
  /** The two base strings aligned, when they differ. */
  readonly diff: BaseStringDiff | undefined;
}

/** A finding about the clock, the nonce, the parameters or the server. */
export interface Finding {
  /** What the finding is about. */
  readonly kind: "clock" | "nonce" | "parameters" | "server" | "profile";
  /** `error` makes the request invalid; the others inform. */
  readonly severity: "error" | "warning" | "info";
  /** The finding and what to do, in one sentence citing RFC 5849. */
  readonly message: string;
}

/** The report of {@linkcode explain}. */
export interface Explanation {
  /** Whether a correct server accepts the request. */
  readonly verdict: "valid" | "invalid";
  /** Whether the signature sent is the one a correct signer computes. */
  readonly signatureMatches: boolean;
  /** Whether the request is invalid and at least one cause is named. */
  readonly explained: boolean;
  /** The `oauth_signature_method` sent. */
  readonly signatureMethod: string;
  /** The signature sent; masked for PLAINTEXT unless revealed. */
  readonly sentSignature: string;
  /** The signature a correct signer computes; masked like `sentSignature`. */
  readonly expectedSignature: string;
  /** The correct computation, step by step. */
  readonly trace: Trace;
  /** The server's view, when evidence of it was given. */
  readonly server: ServerView | undefined;
  /** The wrong conventions that reproduce what was seen. */
  readonly causes: readonly NamedCause[];
  /** What was found about the clock, the nonce, the parameters and the server. */
  readonly findings: readonly Finding[];
}

/**
 * The wrong conventions {@linkcode explain} searches for: id, title, the
 * RFC 5849 section, the fix, and whether {@linkcode whatIf} can sign with it
 * (the others, such as a stale timestamp or a hex body hash, are seen in the
 * values sent and change no computation).
 *
 * @example
 * ```ts
 * import { causes } from "@oauth1/steps/explain";
 * import assert from "node:assert/strict";
 *
 * assert.ok(causes.some((c) => c.id === "query-double-encoded" && c.section === "3.4.1.3.1"));
 * assert.equal(causes.find((c) => c.id === "nonce-reused")?.whatIf, false);
 * ```
 */
export const causes: readonly {
  readonly id: CauseId;
  readonly title: string;
  readonly section: string;
  readonly fix: string;
  readonly whatIf: boolean;
}[] = CAUSES.map(({ id, title, section, fix, apply }) => ({
  id,
  title,
  section,
  fix,
  whatIf: apply !== undefined,
}));

const STEP_TITLE = {
  "base-string-uri":
    "Step 1: the base string URI (the tutorial's base URL; RFC 5849 §3.4.1.2)",
  "parameters": "Step 2: the parameters (RFC 5849 §3.4.1.3)",
  "signature-base-string":
    "Step 3: the signature base string (RFC 5849 §3.4.1.1)",
  "signature": "Step 4: the signature (RFC 5849 §3.4.2)",
} as const;

/**
 * Explains a captured request: is its signature the one a correct signer
 * computes, where does the server's view depart from it, and which wrong
 * conventions reproduce what the client sent or the server expected.
 *
 * @param captured The request as sent, from one of the importers of
 * `@oauth1/steps/import`.
 * @param secrets The consumer secret, the token secret, or the RSA private
 * key.
 * @param evidence The server's view (base string, expected signature, error
 * body, `Date`), the time now, and whether to reveal secrets.
 * @returns The report: verdict, server view, causes and findings.
 * @throws {TypeError} If the request carries no `oauth_signature` or
 * `oauth_signature_method`, the method is unknown, or the secrets are not
 * strings.
 * @throws {RangeError} If `evidence.date` or `evidence.now` is not a valid
 * time, or `evidence.window` is not a non-negative integer.
 * @throws {TypeError} If `evidence.profile` names no profile.
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
  const clock = readClock(evidence);
  const reveal = evidence.revealSecrets === true;
  const { correct, context, uri, contentType, host } = await prepare(
    captured,
    secrets,
  );
  const parameters = correct.parameters;
  const result = await compute(correct, secrets);
  const expected = result.signature ?? "";
  const signatureMatches = sent === expected;
  const plaintext = methodName === "PLAINTEXT" && !reveal;
  const mask = (s: string): string =>
    plaintext ? `(the signing key, ${s.length} characters, masked)` : s;

  const trace = buildTrace({
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
    signature: expected,
    digest: result.digest,
    placed: undefined,
  });

  const response = readResponse(evidence.response);
  const serverBase = evidence.baseString ?? response.baseString;
  const server = serverBase !== undefined ||
      evidence.signature !== undefined || response.problem !== undefined
    ? serverView(result, {
      baseString: serverBase,
      signature: evidence.signature,
      problem: response.problem,
      advice: response.advice,
    })
    : undefined;

  const targets: Target[] = [];
  if (!signatureMatches) {
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
  if (evidence.signature !== undefined && evidence.signature !== expected) {
    const signature = evidence.signature;
    targets.push({
      kind: "server-signature",
      matches: (r) => r.signature === signature,
    });
  }
  const clockChecked = clockFindings(context.timestamp, clock, response);
  const lapses: NamedCause[] = [];
  if (clockChecked.stale !== undefined) {
    lapses.push(
      named(
        [cause("timestamp-stale")!],
        "sent-values",
        clockChecked.stale,
        undefined,
        context,
      ),
    );
  }
  if (response.problem === "nonce_used") {
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
  const linted = evidence.profile === undefined
    ? []
    : lintRequest(captured, evidence.profile, evidence.profileInputs);
  lapses.push(
    ...linted.filter((f) => f.severity === "error").map(vendorCause),
  );
  const causesNamed = rankAlternatives(
    pairsAbsorb(mergeTargets([
      ...detectCauses(context),
      ...await searchCauses(correct, result, context, secrets, targets),
    ])),
    context,
  ).concat(lapses).map((cause) => ({
    ...cause,
    diff: cause.baseString === undefined ? undefined : alignBaseStrings(
      result.baseString,
      cause.baseString,
      result.normalized,
    ),
  }));
  const findings = [
    ...parameterFindings(captured),
    ...clockChecked.findings,
    ...bodyHashFindings(context),
    ...linted.filter((f) => f.severity !== "error").map((f): Finding => ({
      kind: "profile",
      severity: "warning",
      message: `${f.message}: ${f.fix} (${f.source})`,
    })),
    ...nonceFindings(
      first(captured.oauth, "oauth_nonce"),
      context.timestamp,
      response,
    ),
  ];
  if (response.problem !== undefined) {
    findings.push({
      kind: "server",
      severity: "error",
      message: `The server reported oauth_problem=${response.problem}${
        response.advice === undefined ? "" : `: ${response.advice}`
      }`,
    });
  }
  const serverAgrees = server === undefined ||
    (server.divergence === undefined && server.problem === undefined);
  const valid = signatureMatches && serverAgrees &&
    !findings.some((f) => f.severity === "error") && causesNamed.length === 0;
  return {
    verdict: valid ? "valid" : "invalid",
    signatureMatches,
    explained: !valid && causesNamed.length > 0,
    signatureMethod: methodName,
    sentSignature: mask(sent),
    expectedSignature: mask(expected),
    trace: trace.filter((step) => step.step !== "placement"),
    server: server?.signature === undefined
      ? server
      : { ...server, signature: mask(server.signature) },
    causes: causesNamed,
    findings,
  };
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
    const cause = CAUSES.find((c) => c.id === id && c.apply !== undefined);
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
      : alignBaseStrings(right.baseString, result.baseString, right.normalized),
  };
}

// The correct computation of a captured request, and what the causes read.
async function prepare(
  captured: CapturedRequest,
  secrets: SigningSecrets,
): Promise<{
  correct: Computation;
  context: CauseContext;
  uri: ReturnType<typeof baseStringUri>;
  contentType: string | undefined;
  host: string | undefined;
}> {
  const methodName = first(captured.oauth, "oauth_signature_method")!;
  const header = oauthAuthorization(captured.headers);
  const headerOAuth = header === undefined
    ? []
    : parseAuthorizationHeader(header, { lenient: true }).parameters;
  const contentType = headerValue(captured.headers, "content-type");
  const host = headerValue(captured.headers, "host");
  const uri = baseStringUri(
    captured.url,
    host === undefined ? undefined : { host },
  );
  const parameters = collectParameters({
    url: captured.url,
    body: captured.body,
    contentType,
    oauth: headerOAuth,
  }).filter(([name]) => name !== "oauth_signature");
  const correct: Computation = {
    method: captured.method.toUpperCase(),
    uri: uri.uri,
    parameters,
    encode: percentEncode,
    sortRaw: false,
    signatureMethod: methodName,
    keyEncoded: true,
    keyAmpersand: true,
    keySwapped: false,
    digestText: "base64",
  };
  const context: CauseContext = {
    rawQuery: new URL(captured.url).search.slice(1),
    body: captured.body,
    contentType,
    realm: captured.realm,
    timestamp: first(captured.oauth, "oauth_timestamp"),
    nonce: first(captured.oauth, "oauth_nonce"),
    rawUrl: captured.url,
    uri: uri.uri,
    signatureMethod: methodName,
    signature: first(captured.oauth, "oauth_signature") ?? "",
    rawSignature: header === undefined
      ? undefined
      : /oauth_signature\s*=\s*"([^"]*)"/.exec(header)?.[1],
    bodyHash: await bodyHashes(
      first(captured.oauth, "oauth_body_hash"),
      captured.body,
      secrets,
    ),
  };
  return { correct, context, uri, contentType, host };
}

function first(
  pairs: readonly (readonly [string, string])[],
  name: string,
): string | undefined {
  return pairs.find(([n]) => n === name)?.[1];
}

interface Target {
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

async function searchCauses(
  correct: Computation,
  result: Computed,
  context: CauseContext,
  secrets: SigningSecrets,
  targets: readonly Target[],
): Promise<NamedCause[]> {
  if (targets.length === 0) return [];
  const same = (a: Computed, b: Computed): boolean =>
    a.baseString === b.baseString && a.signature === b.signature;
  const run = async (c: Computation): Promise<Computed | undefined> => {
    try {
      const r = await compute(c, secrets);
      return r.signature === undefined || same(r, result) ? undefined : r;
    } catch {
      return undefined; // a convention that cannot apply to this request
    }
  };
  const singles: {
    cause: Cause;
    computation: Computation;
    result: Computed;
  }[] = [];
  for (const cause of CAUSES) {
    const computation = cause.apply?.(correct, context);
    const r = computation && await run(computation);
    if (computation && r) singles.push({ cause, computation, result: r });
  }
  const found: NamedCause[] = [];
  const evidence = (list: readonly Cause[], target: Target): string =>
    `Signing with ${list.map((c) => c.title).join(" and ")} ${
      TARGET_WORDS[target.kind]
    }`;
  const wrongBase = (r: Computed): string | undefined =>
    r.baseString === result.baseString ? undefined : r.baseString;
  for (const target of targets) {
    const hits = singles.filter((s) => target.matches(s.result));
    for (const s of hits) {
      found.push(
        named(
          [s.cause],
          target.kind,
          evidence([s.cause], target),
          wrongBase(s.result),
          context,
        ),
      );
    }
    if (hits.length > 0) continue;
    if (target.kind === "client-signature") {
      const reread = rereadCauses(result, singles, context);
      found.push(...reread);
      if (reread.length > 0) continue;
    }
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        const a = singles[i]!;
        const b = singles[j]!;
        const computation = b.cause.apply!(a.computation, context);
        const r = computation && await run(computation);
        if (
          !r || same(r, a.result) || same(r, b.result) || !target.matches(r)
        ) {
          continue;
        }
        const list = [a.cause, b.cause];
        found.push(
          named(
            list,
            target.kind,
            evidence(list, target),
            wrongBase(r),
            context,
          ),
        );
      }
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

const bytes = (text: string): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(text);

// oauth_body_hash as sent, and each way of computing it from the body sent.
async function bodyHashes(
  sent: string | undefined,
  body: string | undefined,
  secrets: SigningSecrets,
): Promise<CauseContext["bodyHash"]> {
  if (sent === undefined) return undefined;
  const data = bytes(body ?? "");
  const key = bytes(
    `${percentEncode(secrets.consumerSecret)}&${
      percentEncode(secrets.tokenSecret ?? "")
    }`,
  );
  const digests: Record<string, string> = {};
  for (const hash of ["SHA-1", "SHA-256"]) {
    const name = hash.replace("-", "").toLowerCase();
    const plain = new Uint8Array(await crypto.subtle.digest(hash, data));
    digests[name] = toBase64(plain);
    digests[`${name}-hex`] = toHex(plain);
    const hmac = await crypto.subtle.importKey(
      "raw",
      key,
      { name: "HMAC", hash },
      false,
      ["sign"],
    );
    digests[`hmac-${name}`] = toBase64(
      new Uint8Array(await crypto.subtle.sign("HMAC", hmac, data)),
    );
  }
  return { sent, digests };
}

// An oauth_body_hash that no known mistake explains.
function bodyHashFindings(context: CauseContext): Finding[] {
  const { bodyHash } = context;
  if (bodyHash === undefined) return [];
  const hash = /SHA256$/.test(context.signatureMethod) ? "sha256" : "sha1";
  if (bodyHash.digests[hash] === bodyHash.sent) return [];
  if (
    CAUSES.some((c) => c.id.startsWith("body-hash-") && c.detect?.(context))
  ) return [];
  return [{
    kind: "parameters",
    severity: "error",
    message: `oauth_body_hash is "${bodyHash.sent}": the ${
      hash === "sha1" ? "SHA-1" : "SHA-256"
    } digest of the body sent is "${
      bodyHash.digests[hash]
    }"; hash the exact bytes sent, after any re-serialization (OAuth Request Body Hash §3.2)`,
  }];
}

interface ServerResponse {
  problem: string | undefined;
  advice: string | undefined;
  baseString: string | undefined;
  acceptable: string | undefined;
}

function readResponse(body = ""): ServerResponse {
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

function serverView(
  correct: Computed,
  server: {
    baseString: string | undefined;
    signature: string | undefined;
    problem: string | undefined;
    advice: string | undefined;
  },
): ServerView {
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
    diff = alignBaseStrings(correct.baseString, base, correct.normalized);
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

function alignBaseStrings(
  ours: string,
  theirs: string,
  normalized: string,
): BaseStringDiff {
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
  // Edit script of the middle: longest common subsequence when small.
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
  return {
    request,
    server,
    marks: marks.trimEnd(),
    column: prefix,
    parameter: partAt(ours, Math.min(prefix, ours.length - 1), normalized),
  };
}

// Names the part of a base string at an offset: the method, the URI, or the
// parameter whose encoded pair holds it.
function partAt(base: string, offset: number, normalized: string): string {
  const amp1 = base.indexOf("&");
  const amp2 = base.indexOf("&", amp1 + 1);
  if (offset < amp1) return "the method";
  if (offset < amp2) return "the base string URI";
  const before = base.slice(amp2 + 1, offset);
  const index = before.split("%26").length - 1;
  const pair = pairsOf(normalized)[index];
  return pair === undefined ? "the parameters" : decodeOnce(pair[0]);
}

function parameterFindings(captured: CapturedRequest): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [name] of captured.oauth) {
    if (seen.has(name)) {
      findings.push({
        kind: "parameters",
        severity: "error",
        message:
          `${name} appears more than once: each protocol parameter must be sent once (RFC 5849 §3.1)`,
      });
    }
    seen.add(name);
  }
  const plaintext = first(captured.oauth, "oauth_signature_method") ===
    "PLAINTEXT";
  for (const name of ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce"]) {
    if (!seen.has(name) && !(plaintext && name !== "oauth_consumer_key")) {
      findings.push({
        kind: "parameters",
        severity: "error",
        message: `${name} is missing: it is required (RFC 5849 §3.1)`,
      });
    }
  }
  const version = first(captured.oauth, "oauth_version");
  if (version !== undefined && version !== "1.0") {
    findings.push({
      kind: "parameters",
      severity: "error",
      message:
        `oauth_version is "${version}": it must be "1.0" when sent (RFC 5849 §3.1)`,
    });
  }
  return findings;
}

interface Clock {
  date: Date | undefined;
  now: Date | undefined;
  window: number;
}

// A time that cannot be read would silently leave the clock unchecked.
function readClock(evidence: ExplainEvidence): Clock {
  const time = (name: "date" | "now"): Date | undefined => {
    const value = evidence[name];
    if (value === undefined) return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      throw new RangeError(
        `Cannot explain request: evidence.${name} must be a valid time: current ${name} is ${
          JSON.stringify(String(value))
        }`,
      );
    }
    return date;
  };
  const window = evidence.window ?? 300;
  if (!Number.isSafeInteger(window) || window < 0) {
    throw new RangeError(
      `Cannot explain request: evidence.window must be a non-negative integer of seconds: current window is ${window}`,
    );
  }
  return { date: time("date"), now: time("now"), window };
}

function clockFindings(
  timestamp: string | undefined,
  clock: Clock,
  response: ServerResponse,
): { findings: Finding[]; stale: string | undefined } {
  const findings: Finding[] = [];
  let stale: string | undefined;
  if (timestamp === undefined) return { findings, stale };
  if (!/^\d+$/.test(timestamp)) {
    findings.push({
      kind: "clock",
      severity: "error",
      message:
        `oauth_timestamp is "${timestamp}": it must be a positive integer of seconds (RFC 5849 §3.3)`,
    });
    return { findings, stale };
  }
  const seconds = Number(timestamp);
  const { window } = clock;
  const compare = (label: string, when: Date | undefined): void => {
    // Milliseconds are reported as a cause.
    if (when === undefined || /^\d{12,}$/.test(timestamp)) return;
    const skew = seconds - Math.floor(when.getTime() / 1000);
    const words = skew === 0
      ? "the same second as"
      : `${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"}`;
    if (Math.abs(skew) > window) {
      stale ??=
        `oauth_timestamp is ${words} ${label}, outside a window of ${window} s`;
    }
    findings.push({
      kind: "clock",
      severity: Math.abs(skew) > window ? "error" : "info",
      message: `oauth_timestamp is ${words} ${label}${
        Math.abs(skew) > window
          ? `, outside a window of ${window} s: set the client's clock by NTP, or take the time from the server's Date header (RFC 5849 §3.3)`
          : ""
      }`,
    });
  };
  compare("the server's Date", clock.date);
  compare("now", clock.now);
  if (response.problem === "timestamp_refused") {
    findings.push({
      kind: "clock",
      severity: "error",
      message: `The server refused the timestamp${
        response.acceptable === undefined
          ? ""
          : `; it accepts ${response.acceptable}`
      } (RFC 5849 §3.3)`,
    });
    stale ??= "The server reported oauth_problem=timestamp_refused";
  }
  return { findings, stale };
}

function nonceFindings(
  nonce: string | undefined,
  timestamp: string | undefined,
  response: ServerResponse,
): Finding[] {
  const findings: Finding[] = [];
  if (nonce === undefined) return findings;
  if (nonce === "") {
    findings.push({
      kind: "nonce",
      severity: "error",
      message:
        "oauth_nonce is empty: send a random string unique per request (RFC 5849 §3.3)",
    });
  } else if (nonce.length < 8) {
    findings.push({
      kind: "nonce",
      severity: "warning",
      message: `oauth_nonce is ${nonce.length} character${
        nonce.length === 1 ? "" : "s"
      } long: use at least 128 random bits so that nonces never repeat (RFC 5849 §3.3)`,
    });
  }
  if (nonce === timestamp) {
    findings.push({
      kind: "nonce",
      severity: "warning",
      message:
        "oauth_nonce equals oauth_timestamp: two requests in the same second would repeat it (RFC 5849 §3.3)",
    });
  }
  if (response.problem === "nonce_used") {
    findings.push({
      kind: "nonce",
      severity: "error",
      message:
        "The server has seen this nonce with this timestamp: make a fresh nonce for every request, retries included (RFC 5849 §3.3)",
    });
  }
  return findings;
}

/**
 * Renders a report of {@linkcode explain} for a terminal or as Markdown, in
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
  const { markdown, out, paint, bold, dim, heading, field, block, prose } =
    writer(options);
  const red = paint("31");
  const green = paint("32");
  const width = markdown ? Infinity : options.width ?? Infinity;

  const valid = report.verdict === "valid";
  heading(
    `Verdict: ${
      valid ? green("valid") : red("invalid")
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

  if (report.causes.length > 0) {
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
        diff(cause.diff, "correct", "wrong");
        legend(
          "correct is what a correct signer signs, wrong what this mistake signs",
        );
      }
    }
    out.push("");
  } else if (!valid) {
    heading("Cause");
    prose(
      "No known wrong convention, alone or in pairs, reproduces what was seen: check the secrets and the request as the server received it.",
    );
    out.push("");
  }

  const server = report.server;
  if (server !== undefined) {
    heading(
      `Server view: ${
        server.divergence === undefined
          ? "agrees with the correct computation"
          : `departs at ${STEP_TITLE[server.divergence]}`
      }`,
    );
    if (server.problem !== undefined) field("oauth_problem", server.problem);
    if (server.signature !== undefined) field("expected", server.signature);
    const rows = server.parameters.filter((r) => r.status !== "same");
    if (rows.length > 0) {
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
      } else {
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
    }
    if (server.diff !== undefined) {
      diff(server.diff, "request", "server");
      legend(
        "request is what a correct signer signs, server what the server signed",
      );
    }
    out.push("");
  }

  if (report.findings.length > 0) {
    heading("Findings");
    for (const f of report.findings) {
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

  function diff(d: BaseStringDiff, top: string, bottom: string): void {
    const [correct = "", wrong = "", ...marks] = diffLines(
      d,
      top,
      bottom,
      width,
    );
    block([green(correct), red(wrong), ...marks]);
  }
  function legend(text: string): void {
    if (markdown) {
      out.push(
        `${text}; · pads the shorter line, ^ marks where they differ.\n`,
      );
      return;
    }
    for (
      const line of wrap(
        `${text}; · pads the shorter line, ^ marks where they differ.`,
        width,
        "  ",
      )
    ) out.push(dim(line));
  }

  heading("How a correct signer computes it");
  out.push("");
  return out.join("\n") + formatTrace(report.trace, options);
}

// Whether two causes reproduce the same thing: then they are alternatives,
// where a pair, or a cause seen in the values sent, is not.
function alternativesIn(list: readonly NamedCause[]): boolean {
  return list.some((c) => rivals(c, list).length > 0);
}

function rivals(
  c: NamedCause,
  list: readonly NamedCause[],
): NamedCause[] {
  return list.filter((o) =>
    o !== c &&
    o.targets.some((t) => t !== "sent-values" && c.targets.includes(t))
  );
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
    `${pad}${caret}${d.parameter}`,
  ];
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
  Profile,
  ProfileInput,
  ProfileInputs,
  ProfileName,
} from "../vendors/profiles.ts";
