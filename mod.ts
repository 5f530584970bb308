/**
 * Sign OAuth 1.0a requests (RFC 5849) and see every step: the base string
 * URI, the normalized parameters, the signature base string and the
 * signature, each a pure function of its own module, each reported in a
 * trace that can be printed for a terminal or as Markdown. Verify them on the
 * server, and when a signature is refused, explain why.
 *
 * The exports, by the side of the exchange they serve:
 *
 * ## Client: sign and send
 *
 * - {@linkcode signRequest} signs a request and keeps its {@linkcode Trace};
 *   {@linkcode formatTrace} prints it.
 * - {@linkcode createOAuthFetch} is a `fetch` that signs every request.
 * - {@linkcode keyOnlyRequest}: a request that names only the consumer key.
 * - The three-legged flow (RFC 5849 §2): {@linkcode requestTemporaryCredentials},
 *   {@linkcode authorizationUrl}, {@linkcode parseAuthorizationCallback},
 *   {@linkcode requestTokenCredentials}.
 * - Read a request someone sent: {@linkcode importRequest} (any of the forms
 *   below), {@linkcode importCurl}, {@linkcode importHttpRequest},
 *   {@linkcode importSignedUrl}, {@linkcode importAuthorizationHeader},
 *   {@linkcode captureRequest}.
 *
 * ## Server: verify
 *
 * - {@linkcode verifyRequest} checks a signed request (RFC 5849 §3.2) and
 *   returns the client and token, or a {@linkcode Problem}.
 * - {@linkcode problemResponse} turns a problem into a `401`/`400` response.
 * - {@linkcode memoryNonceStore}; Deno KV and Redis stores are the subpaths
 *   `@oauth1/steps/nonce-store-kv` and `@oauth1/steps/nonce-store-redis`, and
 *   Hono middleware is `@oauth1/steps/hono`.
 *
 * ## Explain: why a signature is wrong
 *
 * - {@linkcode explain} recomputes a captured request's signature and names
 *   the {@linkcode causes} that reproduce the one sent;
 *   {@linkcode formatExplanation} prints the report.
 * - {@linkcode whatIf} signs the same request under another convention.
 *
 * ## Vendors: what each API wants
 *
 * - {@linkcode PROFILES} (X, NetSuite, LTI, WooCommerce…) and
 *   {@linkcode findProfile}; {@linkcode profileSignOptions} signs the way a
 *   vendor expects, {@linkcode lintRequest} lists where a request departs from
 *   it.
 *
 * ## Steps: the four steps of RFC 5849 §3.4, each usable alone
 *
 * - {@linkcode percentEncode} (§3.6).
 * - {@linkcode baseStringUri} (§3.4.1.2).
 * - {@linkcode collectParameters}, {@linkcode sortParameters},
 *   {@linkcode normalizeParameters} (§3.4.1.3).
 * - {@linkcode signatureBaseString} (§3.4.1.1).
 * - {@linkcode SIGNATURE_METHODS}, the table of the built-in methods
 *   ({@linkcode hmacSha1}, {@linkcode hmacSha256}, {@linkcode hmacSha512},
 *   {@linkcode rsaSha1}, {@linkcode rsaSha256}, {@linkcode plaintext}), and
 *   {@linkcode builtInSignatureMethod} to find one by name (§3.4.2–3.4.4).
 * - {@linkcode authorizationHeader} and {@linkcode parseAuthorizationHeader}
 *   (§3.5.1).
 *
 * Errors a caller is meant to catch are an {@linkcode OAuthError} with a
 * `code`; text that cannot be parsed throws an {@linkcode OAuthSyntaxError}.
 *
 * ## Runtimes
 *
 * Only Web APIs are used (`URL`, `crypto.subtle`, `fetch`'s `Request`), so it
 * runs on Deno, Node.js, Bun, Cloudflare Workers and browsers. `URL.parse`,
 * the newest API it uses, sets the oldest versions:
 *
 * | Runtime                      | Supported                          |
 * | ---------------------------- | ---------------------------------- |
 * | Deno                         | 2.0 and later                      |
 * | Node.js                      | 20.19+, 22, 24 and later           |
 * | Bun                          | 1.1.4 and later                    |
 * | Cloudflare Workers (workerd) | compatibility date 2022-10-31 on   |
 * | Chrome, Edge                 | 126 and later                      |
 * | Firefox                      | 126 and later                      |
 * | Safari                       | 18.0 and later                     |
 *
 * Only `@oauth1/steps/nonce-store-kv` (Deno KV) and `@oauth1/steps/cli` need
 * Deno itself. `deno task runtimes` runs the same checks in each runtime.
 *
 * @example Sign the X (Twitter) documentation's request and read the steps
 * ```ts
 * import { formatTrace, signRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   {
 *     method: "POST",
 *     url: "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
 *     body: new URLSearchParams({ status: "Hello Ladies + Gentlemen, a signed OAuth request!" }),
 *   },
 *   {
 *     consumerKey: "xvz1evFS4wEEPTGEFPHBog",
 *     consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
 *     token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
 *     tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
 *   },
 *   { nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", timestamp: 1318622958 },
 * );
 * assert.equal(signed.signature, "hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
 * assert.equal(signed.baseStringUri, "https://api.twitter.com/1.1/statuses/update.json");
 * console.log(formatTrace(signed.trace));
 * const request = signed.toRequest(); // ready for fetch()
 * assert.equal(request.headers.get("authorization"), signed.authorization);
 * ```
 *
 * @module
 */

// Client: sign and send.
export { signRequest } from "./client/sign.ts";
export type {
  Credentials,
  Placement,
  RequestDescription,
  SignedRequest,
  SignOptions,
} from "./client/sign.ts";
export { formatTrace } from "./client/trace.ts";
export { FLOW_LEGS, narrateTrace } from "./client/narration.ts";
export type { FlowLeg, StepNarration } from "./client/narration.ts";
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
} from "./client/trace.ts";
export { createOAuthFetch } from "./client/fetch.ts";
export type { OAuthFetch, OAuthFetchOptions } from "./client/fetch.ts";
export { keyOnlyRequest } from "./client/key_only.ts";
export type { KeyOnlyRequest } from "./client/key_only.ts";
export {
  authorizationUrl,
  parseAuthorizationCallback,
  requestTemporaryCredentials,
  requestTokenCredentials,
} from "./client/flow.ts";
export type {
  AuthorizationCallback,
  AuthorizationUrlOptions,
  FetchFunction,
  FlowOptions,
  IssuedCredentials,
  TemporaryCredentialsOptions,
  TokenCredentialsOptions,
} from "./client/flow.ts";
export {
  captureRequest,
  importAuthorizationHeader,
  importCurl,
  importHttpRequest,
  importRequest,
  importSignedUrl,
} from "./client/import.ts";
export type { CapturedRequest, ImportOptions } from "./client/import.ts";

// Server: verify.
export { problemResponse, verifyRequest } from "./server/verify.ts";
export { memoryNonceStore, recordNonce } from "./server/nonce_store.ts";
export type {
  MemoryNonceStoreOptions,
  NonceProblem,
  NonceRecord,
  NonceStore,
} from "./server/nonce_store.ts";
export type {
  ConsumerSecrets,
  Problem,
  ProblemCode,
  ProblemResponseOptions,
  TokenSecrets,
  VerifyFailure,
  VerifyLookup,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from "./server/verify.ts";

// Explain: why a signature is wrong.
export {
  causes,
  explain,
  formatExplanation,
  knobCount,
  whatIf,
} from "./explain/explain.ts";
export type {
  BaseStringDiff,
  CauseEntry,
  CauseId,
  CauseStage,
  CauseTarget,
  ExplainEvidence,
  Explanation,
  Finding,
  NamedCause,
  ParameterRow,
  ServerView,
  WhatIf,
} from "./explain/explain.ts";

// Vendors: what each API wants.
export {
  findProfile,
  lintRequest,
  PROFILES,
  profileSignOptions,
} from "./vendors/profiles.ts";
export type {
  LintedRequest,
  Profile,
  ProfileFinding,
  ProfileInput,
  ProfileInputs,
  ProfileName,
  ProfileRule,
  ProfileViolation,
} from "./vendors/profiles.ts";

// Steps: RFC 5849 §3.4 and §3.5, each usable alone.
export { percentEncode } from "./steps/percent_encode.ts";
export type { PercentEncodeOptions } from "./steps/percent_encode.ts";
export { baseStringUri } from "./steps/base_string_uri.ts";
export type {
  BaseStringUri,
  BaseStringUriOptions,
  BaseStringUriRule,
} from "./steps/base_string_uri.ts";
export {
  collectParameters,
  normalizeParameters,
  sortParameters,
} from "./steps/parameters.ts";
export type {
  Parameter,
  ParameterSource,
  ParameterSources,
  SortedParameter,
} from "./steps/parameters.ts";
export { signatureBaseString } from "./steps/signature_base_string.ts";
export {
  builtInSignatureMethod,
  hmacSha1,
  hmacSha256,
  hmacSha512,
  plaintext,
  rsaSha1,
  rsaSha256,
  SIGNATURE_METHODS,
  signingKey,
} from "./steps/signature.ts";
export type {
  BuiltInSignatureMethod,
  HashName,
  SignatureFamily,
  SignatureMethod,
  SignatureMethodName,
  SignatureResult,
  SigningSecrets,
  VerifyingSecrets,
} from "./steps/signature.ts";
export {
  authorizationHeader,
  parseAuthorizationHeader,
} from "./steps/authorization.ts";
export type {
  ParseAuthorizationHeaderOptions,
  ParsedAuthorizationHeader,
} from "./steps/authorization.ts";

// Errors.
export { OAuthError, OAuthSyntaxError } from "./core/errors.ts";
export type { OAuthErrorCode, OAuthErrorOptions } from "./core/errors.ts";
