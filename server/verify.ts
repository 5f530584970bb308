/**
 * `verifyRequest()`: the server's side of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2 | RFC 5849 §3.2}.
 * It reads the protocol parameters a client sent, checks them with the
 * checks `explain()` shares (`checkProtocolParameters()`), rebuilds the
 * signature base string through the very steps the signer uses, checks the
 * signature in constant time, the timestamp against a window and the nonce
 * against a {@linkcode NonceStore}, and answers with a result, never an
 * exception, for a bad request. Failures carry the codes of the OAuth Problem
 * Reporting extension, and {@linkcode problemResponse} turns them into a
 * response.
 *
 * @module
 */

import { toBase64 } from "../core/codec.ts";
import { constantTimeEqual } from "../core/constant_time.ts";
import { defaultTimestamp } from "../core/defaults.ts";
import { isOAuthScheme } from "../core/headers.ts";
import { quoteRead } from "../core/quote.ts";
import { OAuthSyntaxError } from "../core/errors.ts";
import { parseAuthorizationHeader } from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import {
  collectParameters,
  isFormContentType,
  normalizeParameters,
  type Parameter,
} from "../steps/parameters.ts";
import {
  SIGNATURE_METHODS,
  type SignatureMethod,
  signatureMethod as findSignatureMethod,
  type SignatureMethodName,
  type VerifyingSecrets,
} from "../steps/signature.ts";
import { signatureBaseString } from "../steps/signature_base_string.ts";
import type { Problem, ProblemCode, VerifyFailure } from "./problems.ts";
import {
  checkProtocolParameters,
  type ProtocolParameter,
  type ProtocolProblem,
} from "./protocol_check.ts";

import {
  memoryNonceStore,
  type NonceProblem,
  type NonceStore,
  recordNonce,
} from "./nonce_store.ts";

export { problemResponse } from "./problems.ts";
export type {
  Problem,
  ProblemCode,
  ProblemResponseOptions,
  VerifyFailure,
} from "./problems.ts";

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

// The default store, made when the module loads (the process starts), not at
// the first request: it holds every nonce this process has used, so its T is
// the process's start, and a request signed between then and the first
// request is not refused as a reset.
const sharedStore: NonceStore = memoryNonceStore();

/**
 * Verifies a signed request as RFC 5849 §3.2 asks: the protocol parameters
 * are read from the Authorization header (§3.5.1), the query or a form body;
 * the base string is rebuilt with the signer's own steps; the signature is
 * compared in constant time; the timestamp must be within the window and the
 * nonce new. Duplicated protocol parameters, unknown signature methods and
 * PLAINTEXT over http are refused, by the checks `explain()` shares.
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
  const { window, now, methods } = readVerifyOptions(request, lookup, options);
  const read = await readProtocolParameters(request, options.url);
  if (!read.ok) return read;
  const problems = checkProtocolParameters(read.sent, {
    signatureMethods: methods,
    protocol: read.target.protocol,
    allowPlaintextOverHttp: options.allowPlaintextOverHttp === true,
    requireToken: options.requireToken === true,
  });
  if (problems.length > 0) return protocolFailure(problems);
  const sent = sentValues(read.sent);
  const stale = checkTimestamp(sent.timestamp, now, window);
  if (stale !== undefined) return stale;
  const client = await findClient(lookup, sent);
  if (!client.ok) return client;
  const signed = await checkSignature(request.method, read, {
    method: methods.find((m) => m.name === sent.signatureMethod)!,
    signature: sent.signature,
    secrets: client.secrets,
  });
  if (!signed.ok) return signed;
  const { baseString } = signed;
  // Most requests send no body hash: no digest, and no promise to wait for.
  if (sent.bodyHash !== undefined) {
    const bodyProblem = await checkBodyHash(sent.bodyHash, read);
    if (bodyProblem !== undefined) return fail(...bodyProblem, { baseString });
  }
  const replay = await rememberNonce(sent, options.nonceStore ?? sharedStore, {
    now,
    window,
  });
  if (replay !== undefined) {
    return { ok: false, problem: { ...replay, baseString } };
  }
  const { signature: _, bodyHash: __, ...accepted } = sent;
  return { ok: true, ...accepted, realm: read.realm, baseString };
}

// RFC 5849 §3.3: the nonce recorded with its client, token and timestamp, so
// that a replay is refused, and a request signed before the store last lost
// its memory too (PLAINTEXT may send neither timestamp nor nonce).
function rememberNonce(
  sent: SentValues,
  store: NonceStore,
  clock: { now: number; window: number },
): Promise<NonceProblem | undefined> {
  if (sent.timestamp === undefined || sent.nonce === undefined) {
    return Promise.resolve(undefined);
  }
  return recordNonce(store, {
    consumerKey: sent.consumerKey,
    token: sent.token,
    timestamp: sent.timestamp,
    nonce: sent.nonce,
    seenAt: clock.now,
    expiresAt: sent.timestamp + clock.window,
  });
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

// The caller's mistakes throw; a bad request never does.
function readVerifyOptions(
  request: Request,
  lookup: VerifyLookup,
  options: VerifyOptions,
): { window: number; now: number; methods: readonly SignatureMethod[] } {
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
  return { window, now, methods: acceptedMethods(options) };
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

/** What the request carries, as read once for every later step. */
interface ReadRequest {
  readonly ok: true;
  /** The URL the client signed, parsed. */
  readonly target: URL;
  /** The realm of the Authorization header, if any. */
  readonly realm: string | undefined;
  /** Every protocol parameter sent, `oauth_signature` included. */
  readonly sent: readonly ProtocolParameter[];
  /** The parameters signed: all but `oauth_signature` (RFC 5849 §3.4.1.3). */
  readonly signed: readonly Parameter[];
  /** Whether the body is a form. */
  readonly form: boolean;
  /** The body, when it was read. */
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

// Where the client put the protocol parameters (RFC 5849 §3.5): the
// Authorization header, the query, a form body.
async function readProtocolParameters(
  request: Request,
  signedUrl: string | URL | undefined,
): Promise<ReadRequest | VerifyFailure> {
  const url = String(signedUrl ?? request.url);
  // Parsed once for the query, the PLAINTEXT scheme rule and the base string
  // URI; when it does not parse, collectParameters() reports it.
  const target = URL.parse(url);
  const header = readAuthorization(request);
  if (!header.ok) return header;
  const contentType = request.headers.get("content-type");
  const form = isFormContentType(contentType);
  // The body is read (from a clone) only when something is read from it: the
  // parameters of a form, or the digest oauth_body_hash names, sent in the
  // header or the query (in a form body it is refused, read with the form).
  const hashed =
    header.parameters.some(([name]) => name === "oauth_body_hash") ||
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
      oauth: header.parameters,
    });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fail("parameter_rejected", messageOf(error));
  }
  // The header's oauth_signature is not collected; the query's and body's are.
  const sent: ProtocolParameter[] = [
    ...header.parameters.map(([name, value]) =>
      [name, value, "oauth"] as const
    ),
    ...collected.filter(([name, , source]) =>
      source !== "oauth" && name.startsWith("oauth_")
    ),
  ];
  return {
    ok: true,
    target: target!,
    realm: header.realm,
    sent,
    signed: collected.filter(([name]) => name !== "oauth_signature"),
    form,
    body,
  };
}

// The OAuth Authorization header (RFC 5849 §3.5.1); another scheme is not
// read.
function readAuthorization(request: Request): {
  ok: true;
  realm: string | undefined;
  parameters: readonly (readonly [string, string])[];
} | VerifyFailure {
  const authorization = request.headers.get("authorization");
  if (authorization === null || !isOAuthScheme(authorization)) {
    return { ok: true, realm: undefined, parameters: [] };
  }
  try {
    return { ok: true, ...parseAuthorizationHeader(authorization) };
  } catch (error) {
    if (!(error instanceof OAuthSyntaxError)) throw error;
    return fail("parameter_rejected", error.message, {
      parametersRejected: ["Authorization"],
    });
  }
}

// The first problem refuses the request; absent parameters are named together.
function protocolFailure(problems: readonly ProtocolProblem[]): VerifyFailure {
  const [problem] = problems as [ProtocolProblem];
  if (problem.code === "parameter_absent") {
    const absent = problems.filter((p) => p.code === "parameter_absent")
      .map((p) => p.parameter);
    return fail(
      "parameter_absent",
      `Cannot verify request: protocol parameters must be present: current request lacks ${
        absent.join(", ")
      }`,
      { parametersAbsent: absent },
    );
  }
  const detail = `Cannot verify request: ${problem.message}`;
  switch (problem.code) {
    case "version_rejected":
      return fail(problem.code, detail, { acceptableVersions: ["1.0", "1.0"] });
    case "parameter_rejected":
      return fail(problem.code, detail, {
        parametersRejected: [problem.parameter],
      });
    default:
      return fail(problem.code, detail);
  }
}

/** The protocol parameters of a well-formed request, by name. */
interface SentValues {
  readonly consumerKey: string;
  /** `undefined` when none, or an empty one, was sent. */
  readonly token: string | undefined;
  readonly signatureMethod: string;
  readonly signature: string;
  readonly timestamp: number | undefined;
  readonly nonce: string | undefined;
  readonly bodyHash: string | undefined;
  /** Every protocol parameter but `oauth_signature`, in the order sent. */
  readonly oauthParameters: readonly (readonly [string, string])[];
}

// Read after checkProtocolParameters(): each name is sent once, the required
// ones are there, and the timestamp is a whole number.
function sentValues(sent: readonly ProtocolParameter[]): SentValues {
  const value = (name: string): string | undefined =>
    sent.find(([n]) => n === name)?.[1];
  const timestamp = value("oauth_timestamp");
  return {
    consumerKey: value("oauth_consumer_key")!,
    token: value("oauth_token") || undefined,
    signatureMethod: value("oauth_signature_method")!,
    signature: value("oauth_signature")!,
    timestamp: timestamp === undefined ? undefined : Number(timestamp),
    nonce: value("oauth_nonce"),
    bodyHash: value("oauth_body_hash"),
    oauthParameters: sent.filter(([name]) => name !== "oauth_signature")
      .map(([name, value]) => [name, value] as const),
  };
}

// RFC 5849 §3.3: the timestamp within the window of the server's time.
function checkTimestamp(
  timestamp: number | undefined,
  now: number,
  window: number,
): VerifyFailure | undefined {
  if (timestamp === undefined || Math.abs(timestamp - now) <= window) {
    return undefined;
  }
  return fail(
    "timestamp_refused",
    `Cannot verify request: oauth_timestamp must be within ${window} seconds of the server's time: current timestamp is ${timestamp}, ${
      timestamp - now
    } seconds away`,
    { acceptableTimestamps: [now - window, now + window] },
  );
}

// Whose request is it: the client, and the token issued to it.
async function findClient(
  lookup: VerifyLookup,
  sent: SentValues,
): Promise<{ ok: true; secrets: VerifyingSecrets } | VerifyFailure> {
  const { consumerKey, token } = sent;
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
  const secrets = {
    consumerSecret: consumer.secret,
    tokenSecret,
    publicKey: consumer.publicKey,
  };
  return { ok: true, secrets };
}

// The four steps, as the signer took them (RFC 5849 §3.4), then the
// signature compared in constant time.
async function checkSignature(
  httpMethod: string,
  read: ReadRequest,
  sent: {
    method: SignatureMethod;
    signature: string;
    secrets: VerifyingSecrets;
  },
): Promise<{ ok: true; baseString: string } | VerifyFailure> {
  let baseString: string;
  try {
    baseString = signatureBaseString(
      httpMethod,
      baseStringUri(read.target).uri,
      normalizeParameters(read.signed),
    );
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fail("parameter_rejected", messageOf(error));
  }
  const { method, signature, secrets } = sent;
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
  return { ok: true, baseString };
}

async function checkBodyHash(
  sent: string,
  { form, body }: ReadRequest,
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
