/**
 * `signRequest()`: the four steps of RFC 5849 §3.4 composed, with a trace of
 * every value they returned.
 *
 * @module
 */

import { toBase64 } from "../core/codec.ts";
import { defaultNonce, defaultTimestamp } from "../core/defaults.ts";
import { PROTOCOL_PARAMETER_NAMES } from "../core/protocol.ts";
import {
  authorizationHeader,
  withBodyParameters,
  withQueryParameters,
} from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import {
  collectParameters,
  isFormContentType,
  joinParameters,
  sortParameters,
} from "../steps/parameters.ts";
import {
  type SignatureMethod,
  signatureMethod as findSignatureMethod,
  type SignatureMethodName,
} from "../steps/signature.ts";
import { signatureBaseString } from "../steps/signature_base_string.ts";
import {
  buildTrace,
  knownSecretView,
  type SecretView,
  secretView,
  type Trace,
  type TraceValues,
} from "./trace.ts";

/** A request to sign: a plain description, or a Web `Request`. */
export interface RequestDescription {
  /** The HTTP method, such as `"GET"`. */
  method: string;
  /** The absolute http or https URL, query included. */
  url: string | URL;
  /** Request headers; `Content-Type` and `Host` take part in signing. */
  headers?: HeadersInit;
  /**
   * The body: a form (`URLSearchParams`), text (signed as a form only when
   * `Content-Type` is `application/x-www-form-urlencoded`) or bytes.
   */
  body?: URLSearchParams | string | Uint8Array | ArrayBuffer | null;
}

/** The client's credentials (RFC 5849 §1.1). */
export interface Credentials {
  /** The client identifier, `oauth_consumer_key`. */
  consumerKey: string;
  /** The client shared-secret; may be empty for the RSA methods. */
  consumerSecret: string;
  /** The token identifier, `oauth_token`, when a token is used. */
  token?: string | undefined;
  /** The token shared-secret. */
  tokenSecret?: string | undefined;
  /** For RSA-SHA1 and RSA-SHA256: a PKCS#8 PEM private key or a `CryptoKey`. */
  privateKey?: string | CryptoKey | undefined;
}

/** Where the protocol parameters travel (RFC 5849 §3.5). */
export type Placement = "header" | "query" | "body";

/** Options for {@linkcode signRequest}. */
export interface SignOptions {
  /** The signature method; `"HMAC-SHA1"` by default. */
  signatureMethod?: SignatureMethodName | SignatureMethod;
  /** The nonce; 128 random bits by default. */
  nonce?: string;
  /** The timestamp in seconds; the current time by default. */
  timestamp?: number;
  /** `oauth_version`: `"1.0"` by default; `false` leaves it out. */
  version?: "1.0" | false;
  /** The realm of the `Authorization` header; it is never signed. */
  realm?: string;
  /** `oauth_callback`, for temporary credentials requests (RFC 5849 §2.1). */
  callback?: string;
  /** `oauth_verifier`, for token credentials requests (RFC 5849 §2.3). */
  verifier?: string;
  /** Where `toRequest()` puts the protocol parameters; `"header"` by default. */
  placement?: Placement;
  /**
   * Adds `oauth_body_hash`: the plain (never keyed) SHA-1 or SHA-256 digest of
   * the raw body, for bodies that are not forms.
   */
  bodyHash?: "SHA-1" | "SHA-256";
  /** Shows the secrets in the trace, for learning with test credentials. */
  revealSecrets?: boolean;
}

/** A signed request: every intermediate value, and the request to send. */
export interface SignedRequest {
  /** Step 1: the base string URI (RFC 5849 §3.4.1.2). */
  readonly baseStringUri: string;
  /** Step 2: the normalized parameters (RFC 5849 §3.4.1.3.2). */
  readonly normalizedParameters: string;
  /** Step 3: the signature base string (RFC 5849 §3.4.1.1). */
  readonly baseString: string;
  /** Step 4: the signature, before percent-encoding (RFC 5849 §3.4.2). */
  readonly signature: string;
  /** The protocol parameters to send, `oauth_signature` last. */
  readonly oauthParameters: readonly (readonly [string, string])[];
  /** The `Authorization` header value (RFC 5849 §3.5.1). */
  readonly authorization: string;
  /** The URL with the protocol parameters in its query (RFC 5849 §3.5.3). */
  readonly url: string;
  /**
   * The form body with the protocol parameters (RFC 5849 §3.5.2); `undefined`
   * when the request has a body that is not a form.
   */
  readonly body: string | undefined;
  /** Every step's input and output, as plain data, built when first read. */
  readonly trace: Trace;
  /** Builds the Web `Request` to send, with the chosen placement. */
  toRequest(): Request;
}

interface ReadRequest {
  method: string;
  url: string;
  /** The caller's headers, if any: toRequest() sends them on. */
  headers: Headers | undefined;
  contentType: string | null;
  host: string | null;
  body: string | Uint8Array<ArrayBuffer> | undefined;
  form: boolean;
}

/**
 * Signs a request as RFC 5849 §3.4 describes, in four steps: the base string
 * URI, the normalized parameters, the signature base string and the
 * signature. The caller's objects are never changed.
 *
 * @param request The request: method, URL, headers and body, or a Web
 * `Request`.
 * @param credentials The client credentials and, if any, the token
 * credentials.
 * @param options The signature method, nonce, timestamp, placement and the
 * other protocol options.
 * @returns Every intermediate value, the trace, the three placements and a
 * ready Web `Request`.
 * @throws {TypeError} If the request, credentials or options are malformed,
 * or a query or body parameter is also a protocol parameter.
 * @throws {RangeError} If the timestamp is not a non-negative integer or the
 * nonce is empty.
 * @throws {OAuthError} With code `"invalid_key"` if an RSA key cannot be read.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example The protected resource request of RFC 5849 §1.2
 * ```ts
 * import { signRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" },
 *   {
 *     consumerKey: "dpf43f3p2l4k3l03",
 *     consumerSecret: "kd94hf93k423kf44",
 *     token: "nnch734d00sl2jdk",
 *     tokenSecret: "pfkkdhi9sl3r4s00",
 *   },
 *   { nonce: "chapoH", timestamp: 137131202, version: false, realm: "Photos" },
 * );
 * assert.equal(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
 * assert.ok(signed.authorization.startsWith('OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03"'));
 * ```
 */
export async function signRequest(
  request: RequestDescription | Request,
  credentials: Credentials,
  options: SignOptions = {},
): Promise<SignedRequest> {
  const input = request instanceof Request
    ? await readWebRequest(request)
    : readRequest(request);
  checkCredentials(credentials);
  const method = findSignatureMethod(options.signatureMethod ?? "HMAC-SHA1");
  const placement = checkPlacement(input, options.placement ?? "header");
  const oauth = protocolParameters(credentials, method, options);
  if (options.bodyHash !== undefined) {
    oauth.push(["oauth_body_hash", await bodyHash(input, options.bodyHash)]);
  }
  const steps = baseStringSteps(input, oauth);
  const reveal = options.revealSecrets === true;
  const signed = await signWithSecretViews(
    method,
    steps.baseString,
    credentials,
    reveal,
  );
  const sent = [...oauth, ["oauth_signature", signed.signature] as const];
  return new Signed(
    {
      baseStringUri: steps.uri.uri,
      normalized: steps.normalized,
      baseString: steps.baseString,
      signature: signed.signature,
      sent,
    },
    // Named one by one, not spread: Node 20 spreads an object of this many
    // properties in about 9 µs, a fifth of a whole signature.
    lazyParts({
      uri: steps.uri,
      collected: steps.collected,
      sorted: steps.sorted,
      normalized: steps.normalized,
      baseString: steps.baseString,
      signature: signed.signature,
      digest: signed.digest,
      consumerSecret: signed.consumerSecret,
      tokenSecret: signed.tokenSecret,
      input,
      consumerKey: credentials.consumerKey,
      token: credentials.token,
      method,
      placement,
      reveal,
      realm: options.realm,
      sent,
    }),
  );
}

function checkPlacement(input: ReadRequest, placement: Placement): Placement {
  if (placement !== "header" && placement !== "query" && placement !== "body") {
    throw new TypeError(
      `Cannot sign request: placement must be "header", "query" or "body": current placement is "${placement}"`,
    );
  }
  if (placement === "body" && (!input.form && input.body !== undefined)) {
    throw new TypeError(
      `Cannot sign request: placement "body" needs a form body: current Content-Type is "${input.contentType}"`,
    );
  }
  if (placement === "body" && /^(GET|HEAD)$/i.test(input.method)) {
    throw new TypeError(
      `Cannot sign request: placement "body" needs a method that has a body: current method is "${input.method}"`,
    );
  }
  return placement;
}

type BaseStringSteps = Pick<
  TraceValues,
  "uri" | "collected" | "sorted" | "normalized" | "baseString"
>;

/** Steps 1 to 3: the base string URI, the parameters, the base string. */
function baseStringSteps(
  input: ReadRequest,
  oauth: readonly (readonly [string, string])[],
): BaseStringSteps {
  const uri = baseStringUri(
    input.url,
    input.host === null ? {} : { host: input.host },
  );
  const collected = collectParameters({
    url: new URL(input.url), // valid: baseStringUri() parsed it
    body: input.body,
    contentType: input.contentType,
    oauth,
  });
  for (const [name, , source] of collected) {
    if (source !== "oauth" && PROTOCOL_PARAMETER_NAMES.has(name)) {
      throw new TypeError(
        `Cannot sign request: parameter "${name}" must not be in the ${source}: the signer adds the protocol parameters itself`,
      );
    }
  }
  const sorted = sortParameters(collected);
  const normalized = joinParameters(sorted);
  const baseString = signatureBaseString(input.method, uri.uri, normalized);
  return { uri, collected, sorted, normalized, baseString };
}

type SignedValues = Pick<
  TraceValues,
  "signature" | "digest" | "consumerSecret" | "tokenSecret"
>;

/**
 * Step 4, the signature, with the views of the secrets the trace shows. Each
 * secret is shown as a fingerprint, computed once per secret: the first time,
 * alongside the signature, in one Promise.all, so that a failed signature is
 * never left as an unhandled rejection.
 */
async function signWithSecretViews(
  method: SignatureMethod,
  baseString: string,
  credentials: Credentials,
  reveal: boolean,
): Promise<SignedValues> {
  const secrets = [credentials.consumerSecret, credentials.tokenSecret ?? ""];
  const known = secrets.map((secret) => knownSecretView(secret, reveal));
  const [{ signature, digest }, consumerSecret, tokenSecret] =
    known.includes(undefined)
      ? await Promise.all([
        method.sign(baseString, credentials),
        ...secrets.map((secret) => secretView(secret, reveal)),
      ])
      : [await method.sign(baseString, credentials), ...known as SecretView[]];
  return {
    signature,
    digest,
    consumerSecret: consumerSecret!,
    tokenSecret: tokenSecret!,
  };
}

interface SignedParts extends Omit<TraceValues, "input" | "placed"> {
  input: ReadRequest;
  realm: string | undefined;
  sent: readonly (readonly [string, string])[];
}

/**
 * Each placement, and the trace, built when first read, from values taken
 * now: the caller may change its objects later.
 */
function lazyParts(values: SignedParts): LazyParts {
  const { input, placement, realm, sent } = values;
  const authorization = once(() => authorizationHeader(sent, realm));
  const url = once(() => withQueryParameters(input.url, sent));
  const body = once(() =>
    input.form || input.body === undefined
      ? withBodyParameters(
        typeof input.body === "string"
          ? input.body
          : new TextDecoder().decode(input.body),
        sent,
      )
      : undefined
  );
  const placed = { header: authorization, query: url, body }[placement];
  return {
    authorization,
    url,
    body,
    trace: once(() => buildTrace({ ...values, placed: placed() })),
    request: () => buildRequest(input, placement, placed()),
  };
}

interface LazyParts {
  authorization: () => string;
  url: () => string;
  body: () => string | undefined;
  trace: () => Trace;
  request: () => Request;
}

/**
 * A SignedRequest whose placements and trace are built when first read. A
 * class, so that its getters live once on the prototype: getters written in
 * an object literal cost V8 new hidden classes on every call.
 */
class Signed implements SignedRequest {
  readonly baseStringUri: string;
  readonly normalizedParameters: string;
  readonly baseString: string;
  readonly signature: string;
  readonly oauthParameters: readonly (readonly [string, string])[];
  readonly #lazy: LazyParts;

  constructor(
    values: {
      baseStringUri: string;
      normalized: string;
      baseString: string;
      signature: string;
      sent: readonly (readonly [string, string])[];
    },
    lazy: LazyParts,
  ) {
    this.baseStringUri = values.baseStringUri;
    this.normalizedParameters = values.normalized;
    this.baseString = values.baseString;
    this.signature = values.signature;
    this.oauthParameters = values.sent;
    this.#lazy = lazy;
  }

  get authorization(): string {
    return this.#lazy.authorization();
  }

  get url(): string {
    return this.#lazy.url();
  }

  get body(): string | undefined {
    return this.#lazy.body();
  }

  get trace(): Trace {
    return this.#lazy.trace();
  }

  toRequest(): Request {
    return this.#lazy.request();
  }

  /** The plain data, placements and trace included, for JSON.stringify(). */
  toJSON(): Omit<SignedRequest, "toRequest"> {
    const { authorization, url, body, trace } = this;
    return { ...this, authorization, url, body, trace };
  }
}

function readRequest(
  request: RequestDescription | Request,
  webBody?: Uint8Array<ArrayBuffer>,
): ReadRequest {
  if (typeof request !== "object" || request === null) {
    throw new TypeError(
      `Cannot sign request: request must be an object with method and url, or a Request: current type is ${typeof request}`,
    );
  }
  if (typeof request.method !== "string") {
    throw new TypeError(
      `Cannot sign request: method must be a string: current type is ${typeof request
        .method}`,
    );
  }
  const headers = request.headers === undefined
    ? undefined
    : new Headers(request.headers);
  let contentType = headers?.get("content-type") ?? null;
  let body: string | Uint8Array<ArrayBuffer> | undefined = webBody;
  if (request instanceof Request) {
    // Its body was read by readWebRequest().
  } else if (request.body instanceof URLSearchParams) {
    body = request.body.toString();
    contentType ??= "application/x-www-form-urlencoded";
    if (!isFormContentType(contentType)) {
      throw new TypeError(
        `Cannot sign request: a URLSearchParams body is a form, but Content-Type is "${contentType}"`,
      );
    }
  } else if (typeof request.body === "string") {
    body = request.body;
  } else if (
    request.body instanceof Uint8Array || request.body instanceof ArrayBuffer
  ) {
    // A copy (an ArrayBuffer is copied too, not viewed): later changes by the
    // caller must not reach the request that toRequest() builds.
    body = new Uint8Array(
      request.body instanceof ArrayBuffer
        ? request.body.slice(0)
        : request.body,
    );
  } else if (request.body !== undefined && request.body !== null) {
    throw new TypeError(
      `Cannot sign request: body must be URLSearchParams, a string or bytes: current type is ${
        Object.prototype.toString.call(request.body)
      }`,
    );
  }
  return {
    method: request.method,
    url: String(request.url),
    headers,
    contentType,
    host: headers?.get("host") ?? null,
    body,
    form: isFormContentType(contentType),
  };
}

async function readWebRequest(request: Request): Promise<ReadRequest> {
  return readRequest(
    request,
    request.body === null
      ? undefined
      : new Uint8Array(await request.clone().arrayBuffer()),
  );
}

function checkCredentials(credentials: Credentials): void {
  if (typeof credentials !== "object" || credentials === null) {
    throw new TypeError(
      "Cannot sign request: credentials must be an object with consumerKey and consumerSecret",
    );
  }
  for (const field of ["consumerKey", "consumerSecret"] as const) {
    if (typeof credentials[field] !== "string") {
      throw new TypeError(
        `Cannot sign request: credentials.${field} must be a string: current type is ${typeof credentials[
          field
        ]}`,
      );
    }
  }
  for (const field of ["token", "tokenSecret"] as const) {
    const value = credentials[field];
    if (value !== undefined && typeof value !== "string") {
      throw new TypeError(
        `Cannot sign request: credentials.${field} must be a string when given: current type is ${typeof value}`,
      );
    }
  }
  if (credentials.consumerKey === "") {
    throw new TypeError(
      "Cannot sign request: credentials.consumerKey must not be empty",
    );
  }
}

function protocolParameters(
  credentials: Credentials,
  method: SignatureMethod,
  options: SignOptions,
): [string, string][] {
  const nonce = options.nonce ?? defaultNonce();
  if (typeof nonce !== "string") {
    throw new TypeError(
      `Cannot sign request: nonce must be a string: current type is ${typeof nonce}`,
    );
  }
  if (nonce === "") {
    throw new RangeError(
      `Cannot sign request: nonce must be a non-empty string: current nonce is ${
        JSON.stringify(nonce)
      }`,
    );
  }
  const timestamp = options.timestamp ?? defaultTimestamp();
  if (typeof timestamp !== "number") {
    throw new TypeError(
      `Cannot sign request: timestamp must be a number of seconds: current type is ${typeof timestamp}`,
    );
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(
      `Cannot sign request: timestamp must be a non-negative integer of seconds: current timestamp is ${timestamp}`,
    );
  }
  const oauth: [string, string][] = [[
    "oauth_consumer_key",
    credentials.consumerKey,
  ]];
  if (credentials.token !== undefined) {
    oauth.push(["oauth_token", credentials.token]);
  }
  oauth.push(
    ["oauth_signature_method", method.name],
    ["oauth_timestamp", String(timestamp)],
    ["oauth_nonce", nonce],
  );
  const version = options.version ?? "1.0";
  if (version !== false && version !== "1.0") {
    throw new TypeError(
      `Cannot sign request: version must be "1.0" or false: current version is ${
        JSON.stringify(version)
      }`,
    );
  }
  if (version) oauth.push(["oauth_version", version]);
  if (options.callback !== undefined) {
    oauth.push(["oauth_callback", options.callback]);
  }
  if (options.verifier !== undefined) {
    oauth.push(["oauth_verifier", options.verifier]);
  }
  return oauth;
}

async function bodyHash(
  input: ReadRequest,
  hash: "SHA-1" | "SHA-256",
): Promise<string> {
  if (hash !== "SHA-1" && hash !== "SHA-256") {
    throw new TypeError(
      `Cannot sign request: bodyHash must be "SHA-1" or "SHA-256": current bodyHash is ${
        JSON.stringify(hash)
      }`,
    );
  }
  if (input.form) {
    throw new TypeError(
      "Cannot sign request: bodyHash must not be used with a form body: the form's parameters are signed instead",
    );
  }
  const bytes = typeof input.body === "string"
    ? new TextEncoder().encode(input.body)
    : input.body ?? new Uint8Array();
  return toBase64(new Uint8Array(await crypto.subtle.digest(hash, bytes)));
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

function buildRequest(
  input: ReadRequest,
  placement: Placement,
  placed: string | undefined,
): Request {
  const headers = new Headers(input.headers);
  headers.delete("host"); // fetch sets Host from the URL
  if (input.contentType !== null) {
    headers.set("content-type", input.contentType);
  }
  let url = withQueryParameters(input.url, []);
  let body: string | Uint8Array | undefined = input.body;
  if (placement === "header") {
    headers.set("authorization", placed!);
  } else if (placement === "query") {
    url = placed!;
  } else {
    body = placed;
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  return new Request(url, {
    method: input.method,
    headers,
    ...(body === undefined ? {} : { body: body as BodyInit }),
  });
}
