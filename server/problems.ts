/**
 * The refusals a verifier reports: the codes of the
 * {@link https://wiki.oauth.net/w/page/12238543/ProblemReporting | OAuth Problem Reporting}
 * extension, the {@linkcode Problem} that carries one with its details, and
 * {@linkcode problemResponse}, which turns a refusal into the response
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2 | RFC 5849 §3.2}
 * asks for.
 *
 * @module
 */

import { authorizationHeader, encodeForm } from "../steps/authorization.ts";
import { percentEncode } from "../steps/percent_encode.ts";

/**
 * The codes of the OAuth Problem Reporting extension that a verifier or a
 * provider reports in `oauth_problem`.
 *
 * @see {@link https://wiki.oauth.net/w/page/12238543/ProblemReporting}
 */
export type ProblemCode =
  | "version_rejected"
  | "parameter_absent"
  | "parameter_rejected"
  | "timestamp_refused"
  | "nonce_used"
  | "nonce_store_reset"
  | "signature_method_rejected"
  | "signature_invalid"
  | "consumer_key_unknown"
  | "consumer_key_rejected"
  | "consumer_key_refused"
  | "token_used"
  | "token_expired"
  | "token_revoked"
  | "token_rejected"
  | "verifier_invalid"
  | "additional_authorization_required"
  | "permission_unknown"
  | "permission_denied"
  | "user_refused";

/** Why a request was refused: a problem code and what went wrong, in words. */
export interface Problem {
  /** The `oauth_problem` code. */
  readonly code: ProblemCode;
  /** What was wrong, as a sentence without secrets (`oauth_problem_advice`). */
  readonly detail: string;
  /** For `parameter_absent`: the names missing. */
  readonly parametersAbsent?: readonly string[];
  /** For `parameter_rejected`: the names refused. */
  readonly parametersRejected?: readonly string[];
  /** For `timestamp_refused`: the oldest and newest timestamps accepted. */
  readonly acceptableTimestamps?: readonly [number, number];
  /** For `version_rejected`: the oldest and newest versions accepted. */
  readonly acceptableVersions?: readonly [string, string];
  /** The signature base string the server computed, when it got that far. */
  readonly baseString?: string;
  /**
   * Seconds after which to try again (signed again), when the nonce store is
   * full or unavailable: the request was not refused for itself.
   */
  readonly retryAfter?: number;
}

/** A request that failed a check. */
export interface VerifyFailure {
  /** Always `false`. */
  readonly ok: false;
  /** What failed. */
  readonly problem: Problem;
}

/** Options for {@linkcode problemResponse}. */
export interface ProblemResponseOptions {
  /** The realm of the `WWW-Authenticate` challenge. */
  realm?: string;
  /**
   * Development mode, off by default: the body also carries `debug_sbs`, the
   * base string the server computed (as Flickr once did), so a client can
   * compare it with its own. It holds no secret, but tells how the server
   * reads requests: leave it off in production.
   */
  development?: boolean;
}

// A malformed request is 400 Bad Request (RFC 5849 §3.2); the rest are 401.
const BAD_REQUEST = new Set<ProblemCode>([
  "parameter_absent",
  "parameter_rejected",
  "signature_method_rejected",
  "version_rejected",
]);

/**
 * Turns a failed verification into the response RFC 5849 §3.2 asks for:
 * `400 Bad Request` for a malformed request (an absent, duplicated or
 * unsupported parameter, signature method or version) and `401 Unauthorized`
 * otherwise, with a `WWW-Authenticate: OAuth` challenge carrying
 * `oauth_problem`, and a form body with the Problem Reporting fields:
 * `oauth_problem`, `oauth_problem_advice`, `oauth_parameters_absent`,
 * `oauth_parameters_rejected`, `oauth_acceptable_timestamps`,
 * `oauth_acceptable_versions` and, in development mode only, `debug_sbs`.
 * No secret is ever in it.
 *
 * @param result A failed result of `verifyRequest()`, or one built by hand
 * with a {@linkcode Problem}.
 * @param options The realm, and development mode.
 * @returns The response to send.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2}
 * @see {@link https://wiki.oauth.net/w/page/12238543/ProblemReporting}
 *
 * @example A stale timestamp
 * ```ts
 * import { problemResponse } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const response = problemResponse({
 *   ok: false,
 *   problem: {
 *     code: "timestamp_refused",
 *     detail: "Cannot verify request: oauth_timestamp is too old",
 *     acceptableTimestamps: [137130900, 137131500],
 *   },
 * }, { realm: "Photos" });
 * assert.equal(response.status, 401);
 * assert.equal(
 *   response.headers.get("www-authenticate"),
 *   'OAuth realm="Photos", oauth_problem="timestamp_refused"',
 * );
 * const body = new URLSearchParams(await response.text());
 * assert.equal(body.get("oauth_acceptable_timestamps"), "137130900-137131500");
 * ```
 */
export function problemResponse(
  result: VerifyFailure,
  options: ProblemResponseOptions = {},
): Response {
  const problem = result.problem;
  return new Response(encodeForm(problemFields(problem, options)), {
    status: BAD_REQUEST.has(problem.code) ? 400 : 401,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "www-authenticate": authorizationHeader(
        [["oauth_problem", problem.code]],
        options.realm,
      ),
    },
  });
}

// The Problem Reporting fields of the response body, in the extension's order.
function problemFields(
  problem: Problem,
  options: ProblemResponseOptions,
): [string, string][] {
  const list = (names: readonly string[]): string =>
    names.map((name) => percentEncode(name)).join("&");
  const fields: [string, string | undefined][] = [
    ["oauth_problem", problem.code],
    ["oauth_problem_advice", problem.detail],
    [
      "oauth_parameters_absent",
      problem.parametersAbsent && list(problem.parametersAbsent),
    ],
    [
      "oauth_parameters_rejected",
      problem.parametersRejected && list(problem.parametersRejected),
    ],
    ["oauth_acceptable_timestamps", problem.acceptableTimestamps?.join("-")],
    ["oauth_acceptable_versions", problem.acceptableVersions?.join("-")],
    ["debug_sbs", options.development ? problem.baseString : undefined],
  ];
  return fields.filter((field): field is [string, string] =>
    field[1] !== undefined
  );
}
