/**
 * `verifyRequest()`: the server's side of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2 | RFC 5849 §3.2}.
 * It reads the protocol parameters a client sent, rebuilds the signature base
 * string through the very steps the signer uses, checks the signature in
 * constant time, the timestamp against a window and the nonce against a
 * {@linkcode NonceStore}, and answers with a result, never an exception, for
 * a bad request. Failures carry the codes of the OAuth Problem Reporting
 * extension, and {@linkcode problemResponse} turns them into a response.
 *
 * @module
 */

import { toBase64 } from "../core/codec.ts";
import { constantTimeEqual } from "../core/constant_time.ts";
import { defaultTimestamp } from "../core/defaults.ts";
import { isOAuthScheme } from "../core/headers.ts";
import { quoteName, quoteRead } from "../core/quote.ts";
import { OAuthSyntaxError } from "../core/errors.ts";
import {
  authorizationHeader,
  encodeForm,
  parseAuthorizationHeader,
} from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import {
  collectParameters,
  isFormContentType,
  normalizeParameters,
} from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import {
  SIGNATURE_METHODS,
  type SignatureMethod,
  signatureMethod as findSignatureMethod,
  type SignatureMethodName,
} from "../steps/signature.ts";
import { signatureBaseString } from "../steps/signature_base_string.ts";
import {
  memoryNonceStore,
  type NonceStore,
  recordNonce,
} from "./nonce_store.ts";

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

/** A request that passed every check. */
export interface VerifySuccess {
  /** Always `true`. */
  readonly ok: true;
  /** The client identifier, `oauth_consumer_key`. */
  readonly consumerKey: string;
  /** `oauth_token`, or `undefined` when none (or an empty one) was sent. */
  readonly token: string | undefined;
  /** `oauth_signature_method`. */
  readonly signatureMethod: string;
  /** `oauth_timestamp`; `undefined` only for PLAINTEXT without one. */
  readonly timestamp: number | undefined;
  /** `oauth_nonce`; `undefined` only for PLAINTEXT without one. */
  readonly nonce: string | undefined;
  /** The `realm` of the Authorization header, if any. */
  readonly realm: string | undefined;
  /**
   * Every protocol parameter received, `oauth_signature` excepted, such as
   * `oauth_callback` and `oauth_verifier` for the endpoints of RFC 5849 §2.
   */
  readonly oauthParameters: readonly (readonly [string, string])[];
  /** The signature base string the server computed. */
  readonly baseString: string;
}

/** A request that failed a check. */
export interface VerifyFailure {
  /** Always `false`. */
  readonly ok: false;
  /** What failed. */
  readonly problem: Problem;
}

/** What {@linkcode verifyRequest} answers. */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** A client as the server knows it. */
export interface ConsumerSecrets {
  /** The client shared-secret (empty for RSA-only clients). */
  secret: string;
  /** For RSA methods: the client's SPKI PEM public key or a `CryptoKey`. */
  publicKey?: string | CryptoKey | undefined;
}

/** A token as the server knows it. */
export interface TokenSecrets {
  /** The token shared-secret. */
  secret: string;
}

/** How a verifier finds the secrets of a client and of a token. */
export interface VerifyLookup {
  /**
   * Finds a client.
   *
   * @param consumerKey The `oauth_consumer_key` sent.
   * @returns Its secrets, or `undefined` when the key is unknown.
   */
  consumer(consumerKey: string): Promise<ConsumerSecrets | undefined>;
  /**
   * Finds a token issued to a client; without this method every request
   * that carries a token is refused with `token_rejected`.
   *
   * @param token The `oauth_token` sent.
   * @param consumerKey The client the token must belong to.
   * @returns Its secret, or `undefined` when the token is unknown, expired or
   * issued to another client.
   */
  token?(token: string, consumerKey: string): Promise<TokenSecrets | undefined>;
}

/** Options for {@linkcode verifyRequest}. */
export interface VerifyOptions {
  /**
   * Where nonces are remembered; by default one in-memory store shared by
   * every call in this process.
   */
  nonceStore?: NonceStore;
  /** How far, in seconds, a timestamp may be from now; 300 by default. */
  timestampWindow?: number;
  /** The current time in seconds; the clock by default. */
  now?: number;
  /** The signature methods accepted; every built-in one by default. */
  signatureMethods?: readonly (SignatureMethodName | SignatureMethod)[];
  /** Accepts PLAINTEXT over plain http (never do this outside tests). */
  allowPlaintextOverHttp?: boolean;
  /** Refuses requests without `oauth_token` (a protected resource). */
  requireToken?: boolean;
  /**
   * The URL the client signed, when it differs from `request.url`: behind a
   * proxy that ends TLS or rewrites the host.
   */
  url?: string | URL;
}

const REQUIRED = [
  "oauth_consumer_key",
  "oauth_signature_method",
  "oauth_signature",
  "oauth_timestamp",
  "oauth_nonce",
] as const;

let sharedStore: NonceStore | undefined;

/**
 * Verifies a signed request as RFC 5849 §3.2 asks: the protocol parameters
 * are read from the Authorization header (§3.5.1), the query or a form body;
 * the base string is rebuilt with the signer's own steps; the signature is
 * compared in constant time; the timestamp must be within the window and the
 * nonce new. Duplicated protocol parameters, unknown signature methods and
 * PLAINTEXT over http are refused.
 *
 * The request's body is read from a clone, so the handler can still read it,
 * and only when it is a form or `oauth_body_hash` is sent.
 *
 * @param request The request as the server received it.
 * @param lookup Finds the secrets of the client and of the token.
 * @param options The nonce store, the timestamp window, the clock, the
 * methods accepted and the URL the client signed.
 * @returns `{ ok: true, consumerKey, token, … }`, or `{ ok: false, problem }`
 * with an OAuth Problem Reporting code; never throws for a bad request.
 * @throws {TypeError} If the lookup answers an RSA client without a public
 * key, or the options are malformed (an unknown signature method among them).
 * @throws {RangeError} If `timestampWindow` is not a non-negative integer or
 * `now` is not a finite number.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2}
 *
 * @example Verify the protected resource request of RFC 5849 §1.2
 * ```ts
 * import { signRequest, verifyRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" },
 *   {
 *     consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44",
 *     token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00",
 *   },
 *   { nonce: "chapoH", timestamp: 137131202, version: false },
 * );
 * const lookup = {
 *   consumer: async (key: string) =>
 *     key === "dpf43f3p2l4k3l03" ? { secret: "kd94hf93k423kf44" } : undefined,
 *   token: async (token: string) =>
 *     token === "nnch734d00sl2jdk" ? { secret: "pfkkdhi9sl3r4s00" } : undefined,
 * };
 * const result = await verifyRequest(signed.toRequest(), lookup, { now: 137131202 });
 * assert.ok(result.ok);
 * assert.equal(result.token, "nnch734d00sl2jdk");
 *
 * const replay = await verifyRequest(signed.toRequest(), lookup, { now: 137131202 });
 * assert.equal(replay.ok ? "" : replay.problem.code, "nonce_used");
 * ```
 */
export async function verifyRequest(
  request: Request,
  lookup: VerifyLookup,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  if (!(request instanceof Request)) {
    throw new TypeError(
      `Cannot verify request: request must be a Request: current type is ${typeof request}`,
    );
  }
  if (typeof lookup?.consumer !== "function") {
    throw new TypeError(
      "Cannot verify request: lookup must have a consumer(consumerKey) method",
    );
  }
  const window = options.timestampWindow ?? 300;
  if (!Number.isSafeInteger(window) || window < 0) {
    throw new RangeError(
      `Cannot verify request: timestampWindow must be a non-negative integer of seconds: current timestampWindow is ${window}`,
    );
  }
  // NaN would pass every timestamp and every replay.
  const now = options.now ?? defaultTimestamp();
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw new RangeError(
      `Cannot verify request: now must be a finite number of seconds: current now is ${
        String(now)
      }`,
    );
  }
  const methods = acceptedMethods(options);

  // Where the client put the protocol parameters (RFC 5849 §3.5).
  const url = String(options.url ?? request.url);
  // Parsed once for the query, the PLAINTEXT scheme rule and the base string
  // URI; when it does not parse, collectParameters() reports it.
  const target = URL.parse(url);
  const contentType = request.headers.get("content-type");
  const form = isFormContentType(contentType);
  let realm: string | undefined;
  let header: readonly (readonly [string, string])[] = [];
  const authorization = request.headers.get("authorization");
  if (authorization !== null && isOAuthScheme(authorization)) {
    try {
      ({ realm, parameters: header } = parseAuthorizationHeader(
        authorization,
      ));
    } catch (error) {
      if (!(error instanceof OAuthSyntaxError)) throw error;
      return fail("parameter_rejected", error.message, {
        parametersRejected: ["Authorization"],
      });
    }
  }
  // The body is read (from a clone) only when something is read from it: the
  // parameters of a form, or the digest oauth_body_hash names, sent in the
  // header or the query (in a form body it is refused, read with the form).
  const hashed = header.some(([name]) => name === "oauth_body_hash") ||
    target?.searchParams.has("oauth_body_hash") === true;
  const body = request.body === null || !(form || hashed)
    ? undefined
    : new Uint8Array(await request.clone().arrayBuffer());
  let collected;
  try {
    collected = collectParameters({
      url: target ?? url,
      body: form ? body : undefined,
      contentType,
      oauth: header,
    });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fail("parameter_rejected", messageOf(error));
  }
  // The header's oauth_signature is not collected; the query's and body's are.
  const sent = [
    ...header,
    ...collected.filter(([name, , source]) =>
      source !== "oauth" && name.startsWith("oauth_")
    ),
  ];
  const signed = collected.filter(([name]) => name !== "oauth_signature");
  const protocol = new Map<string, string>();
  for (const [name, value] of sent) {
    if (protocol.has(name)) {
      return fail(
        "parameter_rejected",
        `Cannot verify request: protocol ${
          quoteName(name)
        } must appear once: current request sends it more than once`,
        { parametersRejected: [name] },
      );
    }
    protocol.set(name, value);
  }

  // Protocol checks (RFC 5849 §3.1, §3.2).
  const version = protocol.get("oauth_version");
  if (version !== undefined && version !== "1.0") {
    return fail(
      "version_rejected",
      `Cannot verify request: oauth_version must be "1.0": current version is ${
        quoteRead(version)
      }`,
      { acceptableVersions: ["1.0", "1.0"] },
    );
  }
  const methodName = protocol.get("oauth_signature_method");
  const plaintext = methodName === "PLAINTEXT";
  const absent: string[] = REQUIRED.filter((name) =>
    !protocol.has(name) &&
    !(plaintext && (name === "oauth_timestamp" || name === "oauth_nonce"))
  );
  const token = protocol.get("oauth_token") || undefined;
  if (options.requireToken && token === undefined) absent.push("oauth_token");
  if (absent.length > 0) {
    return fail(
      "parameter_absent",
      `Cannot verify request: protocol parameters must be present: current request lacks ${
        absent.join(", ")
      }`,
      { parametersAbsent: absent },
    );
  }
  const method = methods.find((m) => m.name === methodName);
  if (method === undefined) {
    return fail(
      "signature_method_rejected",
      `Cannot verify request: signature method must be one of ${
        methods.map((m) => m.name).join(", ")
      }: current method is ${quoteRead(methodName ?? "")}`,
    );
  }
  if (
    plaintext && target!.protocol !== "https:" &&
    !options.allowPlaintextOverHttp
  ) {
    return fail(
      "signature_method_rejected",
      "Cannot verify request: PLAINTEXT must be sent over https: current request is plain http",
    );
  }
  const timestampText = protocol.get("oauth_timestamp");
  let timestamp: number | undefined;
  if (timestampText !== undefined) {
    timestamp = /^\d{1,15}$/.test(timestampText)
      ? Number(timestampText)
      : Number.NaN;
    if (Number.isNaN(timestamp)) {
      return fail(
        "parameter_rejected",
        `Cannot verify request: oauth_timestamp must be a whole number of seconds: current timestamp is ${
          quoteRead(timestampText)
        }`,
        { parametersRejected: ["oauth_timestamp"] },
      );
    }
    if (Math.abs(timestamp - now) > window) {
      return fail(
        "timestamp_refused",
        `Cannot verify request: oauth_timestamp must be within ${window} seconds of the server's time: current timestamp is ${timestamp}, ${
          timestamp - now
        } seconds away`,
        { acceptableTimestamps: [now - window, now + window] },
      );
    }
  }
  const nonce = protocol.get("oauth_nonce");
  if (nonce !== undefined && (nonce === "" || nonce.length > 256)) {
    return fail(
      "parameter_rejected",
      `Cannot verify request: oauth_nonce must have 1 to 256 characters: current nonce has ${nonce.length}`,
      { parametersRejected: ["oauth_nonce"] },
    );
  }

  // Whose request is it?
  const consumerKey = protocol.get("oauth_consumer_key")!;
  const consumer = await lookup.consumer(consumerKey);
  if (consumer === undefined) {
    return fail(
      "consumer_key_unknown",
      `Cannot verify request: oauth_consumer_key must be a known client: current key is ${
        quoteRead(consumerKey)
      }`,
    );
  }
  let tokenSecret = "";
  if (token !== undefined) {
    const found = await lookup.token?.(token, consumerKey);
    if (found === undefined) {
      return fail(
        "token_rejected",
        `Cannot verify request: oauth_token must be a token issued to this client: current token is ${
          quoteRead(token)
        }`,
      );
    }
    tokenSecret = found.secret;
  }

  // The four steps, as the signer took them (RFC 5849 §3.4).
  let baseString: string;
  try {
    baseString = signatureBaseString(
      request.method,
      baseStringUri(target!).uri,
      normalizeParameters(signed),
    );
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fail("parameter_rejected", messageOf(error));
  }
  const secrets = {
    consumerSecret: consumer.secret,
    tokenSecret,
    publicKey: consumer.publicKey,
  };
  const signature = protocol.get("oauth_signature")!;
  const valid = method.verify
    ? await method.verify(baseString, signature, secrets)
    : constantTimeEqual(
      (await method.sign(baseString, secrets)).signature,
      signature,
    );
  if (!valid) {
    return fail(
      "signature_invalid",
      `Cannot verify request: oauth_signature must be the ${method.name} signature of the base string the server computed`,
      { baseString },
    );
  }
  // Most requests send no body hash: no digest, and no promise to wait for.
  const bodyHash = protocol.get("oauth_body_hash");
  if (bodyHash !== undefined) {
    const bodyProblem = await checkBodyHash(bodyHash, form, body);
    if (bodyProblem !== undefined) return fail(...bodyProblem, { baseString });
  }

  if (timestamp !== undefined && nonce !== undefined) {
    const store = options.nonceStore ?? (sharedStore ??= memoryNonceStore());
    const problem = await recordNonce(store, {
      consumerKey,
      token,
      timestamp,
      nonce,
      seenAt: now,
      expiresAt: timestamp + window,
    });
    if (problem !== undefined) {
      return { ok: false, problem: { ...problem, baseString } };
    }
  }
  protocol.delete("oauth_signature");
  return {
    ok: true,
    consumerKey,
    token,
    signatureMethod: method.name,
    timestamp,
    nonce,
    realm,
    oauthParameters: [...protocol],
    baseString,
  };
}

function fail(
  code: ProblemCode,
  detail: string,
  more: Omit<Problem, "code" | "detail"> = {},
): VerifyFailure {
  return { ok: false, problem: { code, detail, ...more } };
}

function messageOf(error: Error): string {
  return error.message.replace(/^Cannot [^:]*:/, "Cannot verify request:");
}

// Every name is checked at once: a misspelt one is a caller mistake, not a
// method that requests happen never to name.
function acceptedMethods(options: VerifyOptions): readonly SignatureMethod[] {
  if (options.signatureMethods === undefined) return SIGNATURE_METHODS;
  try {
    return options.signatureMethods.map((m) => findSignatureMethod(m));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new TypeError(messageOf(error));
  }
}

async function checkBodyHash(
  sent: string,
  form: boolean,
  body: Uint8Array<ArrayBuffer> | undefined,
): Promise<[ProblemCode, string] | undefined> {
  // The body hash extension: a plain SHA-1 (28 characters of base64) or
  // SHA-256 (44 characters) digest of the raw body, never with a form body.
  const hash = sent.length === 28 ? "SHA-1" : "SHA-256";
  const digest = toBase64(
    new Uint8Array(await crypto.subtle.digest(hash, body ?? new Uint8Array())),
  );
  if (form || !constantTimeEqual(digest, sent)) {
    return [
      "parameter_rejected",
      form
        ? "Cannot verify request: oauth_body_hash must not be sent with a form body"
        : `Cannot verify request: oauth_body_hash must be the ${hash} digest of the body: current body has another digest`,
    ];
  }
  return undefined;
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
 * @param result A failed result of {@linkcode verifyRequest}, or one built by
 * hand with a {@linkcode Problem}.
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
  const fields: [string, string][] = [
    ["oauth_problem", problem.code],
    ["oauth_problem_advice", problem.detail],
  ];
  const list = (names: readonly string[]): string =>
    names.map((name) => percentEncode(name)).join("&");
  if (problem.parametersAbsent) {
    fields.push(["oauth_parameters_absent", list(problem.parametersAbsent)]);
  }
  if (problem.parametersRejected) {
    fields.push([
      "oauth_parameters_rejected",
      list(problem.parametersRejected),
    ]);
  }
  if (problem.acceptableTimestamps) {
    fields.push([
      "oauth_acceptable_timestamps",
      problem.acceptableTimestamps.join("-"),
    ]);
  }
  if (problem.acceptableVersions) {
    fields.push([
      "oauth_acceptable_versions",
      problem.acceptableVersions.join("-"),
    ]);
  }
  if (options.development && problem.baseString !== undefined) {
    fields.push(["debug_sbs", problem.baseString]);
  }
  return new Response(encodeForm(fields), {
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
