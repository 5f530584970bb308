/**
 * The redirection-based authorization of RFC 5849 §2, in three legs: the
 * client gets temporary credentials (§2.1), sends the user to the server to
 * authorize them (§2.2), then trades them and the verifier for token
 * credentials (§2.3). Each call is a thin layer over
 * {@linkcode signRequest} and `fetch`, and returns the trace of the request
 * it signed.
 *
 * Answers are read strictly as `application/x-www-form-urlencoded`; an error
 * status becomes an {@linkcode OAuthError} carrying the status and any
 * `oauth_problem`. No message holds a secret.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2}
 *
 * @module
 */

import { parseForm } from "../core/form.ts";
import { OAuthError, OAuthSyntaxError } from "../core/errors.ts";
import { type Credentials, type SignOptions, signRequest } from "./sign.ts";
import { withQueryParameters } from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import { signingKey } from "../steps/signature.ts";
import type { Trace } from "./trace.ts";

/** A `fetch`-like function: a Web `Request` in, a `Response` out. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** Options shared by the calls that sign a request and send it. */
export interface FlowOptions extends
  Pick<
    SignOptions,
    | "signatureMethod"
    | "nonce"
    | "timestamp"
    | "version"
    | "realm"
    | "placement"
    | "revealSecrets"
  > {
  /** The `fetch` to send the request with; the global `fetch` by default. */
  fetch?: FetchFunction;
  /** The HTTP method; `"POST"` by default, as in RFC 5849's examples. */
  method?: string;
}

/** Options for {@linkcode requestTemporaryCredentials}. */
export interface TemporaryCredentialsOptions extends FlowOptions {
  /**
   * `oauth_callback`: where the server sends the user back after the
   * authorization; `"oob"` (out of band) by default.
   */
  callback?: string;
}

/** Credentials a server issued: temporary or token credentials. */
export interface IssuedCredentials {
  /** The token identifier, `oauth_token`. */
  readonly token: string;
  /** The token shared-secret, `oauth_token_secret`. */
  readonly tokenSecret: string;
  /**
   * The other fields of the answer, in order, such as `user_id` and
   * `screen_name`; `oauth_callback_confirmed` is left out.
   */
  readonly parameters: readonly (readonly [string, string])[];
  /** The trace of the signed request that got them. */
  readonly trace: Trace;
}

/** Options for {@linkcode requestTokenCredentials}. */
export interface TokenCredentialsOptions extends FlowOptions {
  /** The temporary credentials from {@linkcode requestTemporaryCredentials}. */
  temporary: { readonly token: string; readonly tokenSecret: string };
  /** `oauth_verifier`, from the callback or typed in by the user. */
  verifier: string;
}

/** Options for {@linkcode authorizationUrl}. */
export interface AuthorizationUrlOptions {
  /** More query parameters the server accepts, added after `oauth_token`. */
  parameters?: Iterable<readonly [string, string]> | Record<string, string>;
}

/** What the callback of RFC 5849 §2.2 carried. */
export interface AuthorizationCallback {
  /** `oauth_token`: the temporary token, checked against the one issued. */
  readonly token: string;
  /** `oauth_verifier`, for {@linkcode requestTokenCredentials}. */
  readonly verifier: string;
  /** The other query parameters, in order. */
  readonly parameters: readonly (readonly [string, string])[];
}

/**
 * Gets temporary credentials (RFC 5849 §2.1): signs a request with the client
 * credentials and `oauth_callback`, sends it, and reads the answer, which
 * must confirm the callback with `oauth_callback_confirmed=true`.
 *
 * @param endpoint The server's temporary credential request URI.
 * @param credentials The client credentials; a token, if any, is ignored.
 * @param options The callback (`"oob"` by default), the `fetch` to use, the
 * HTTP method and the signing options.
 * @returns The temporary token and secret, the other fields of the answer and
 * the trace of the signed request.
 * @throws {TypeError} If the endpoint, credentials or options are malformed.
 * @throws {OAuthError} With code `"response_error"` if the server answers with
 * an error status, or `"response_invalid"` if its answer is not a form with
 * one `oauth_token`, one `oauth_token_secret` and
 * `oauth_callback_confirmed=true`.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2.1}
 *
 * @example The printer of RFC 5849 §1.2 asks photos.example.net
 * ```ts
 * import { requestTemporaryCredentials } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * // A stand-in for the server, answering as in RFC 5849 §1.2.
 * const server = (request: Request): Promise<Response> => {
 *   assert.match(request.headers.get("authorization")!, /oauth_callback="http%3A%2F%2Fprinter/);
 *   return Promise.resolve(new Response(
 *     "oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true",
 *   ));
 * };
 * const temporary = await requestTemporaryCredentials(
 *   "https://photos.example.net/initiate",
 *   { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
 *   { callback: "http://printer.example.com/ready", fetch: server },
 * );
 * assert.equal(temporary.token, "hh5s93j4hdidpola");
 * assert.equal(temporary.tokenSecret, "hdhd0244k9j7ao03");
 * assert.equal(temporary.trace[0]?.step, "input");
 * ```
 */
export async function requestTemporaryCredentials(
  endpoint: string | URL,
  credentials: Credentials,
  options: TemporaryCredentialsOptions = {},
): Promise<IssuedCredentials> {
  const callback = options.callback ?? "oob";
  if (typeof callback !== "string" || callback === "") {
    throw new TypeError(
      "Cannot get temporary credentials: callback must be a non-empty string",
    );
  }
  const action = "get temporary credentials";
  const client = { ...credentials, token: undefined, tokenSecret: undefined };
  const { pairs, trace } = await exchange(action, endpoint, client, options, {
    callback,
  });
  const confirmed = pairs.filter(([name]) =>
    name === "oauth_callback_confirmed"
  );
  if (confirmed.length !== 1 || confirmed[0]![1] !== "true") {
    throw new OAuthError(
      "response_invalid",
      `Cannot ${action}: the answer must hold oauth_callback_confirmed=true: current value is ${
        confirmed.length === 0
          ? "missing"
          : JSON.stringify(confirmed.map(([, value]) => value).join(", "))
      }`,
    );
  }
  return issued(action, pairs, trace);
}

/**
 * Builds the URL to send the user to (RFC 5849 §2.2): the server's resource
 * owner authorization URI with the temporary token in `oauth_token`.
 *
 * @param endpoint The server's resource owner authorization URI.
 * @param temporaryToken The temporary token from
 * {@linkcode requestTemporaryCredentials}.
 * @param options More query parameters the server accepts.
 * @returns The URL, for a browser.
 * @throws {TypeError} If the endpoint is not an http or https URL, already
 * has `oauth_token`, or the token is empty.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2.2}
 *
 * @example The authorization URL of RFC 5849 §1.2
 * ```ts
 * import { authorizationUrl } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   authorizationUrl("https://photos.example.net/authorize", "hh5s93j4hdidpola"),
 *   "https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola",
 * );
 * ```
 */
export function authorizationUrl(
  endpoint: string | URL,
  temporaryToken: string,
  options: AuthorizationUrlOptions = {},
): string {
  baseStringUri(endpoint); // an http or https URL, as for a signed request
  if (typeof temporaryToken !== "string" || temporaryToken === "") {
    throw new TypeError(
      "Cannot build authorization URL: temporary token must be a non-empty string",
    );
  }
  if (new URL(endpoint).searchParams.has("oauth_token")) {
    throw new TypeError(
      'Cannot build authorization URL: parameter "oauth_token" is already in the query',
    );
  }
  const extra = options.parameters ?? [];
  const pairs = Symbol.iterator in extra
    ? [...extra as Iterable<readonly [string, string]>]
    : Object.entries(extra);
  return withQueryParameters(endpoint, [
    ["oauth_token", temporaryToken],
    ...pairs,
  ]);
}

/**
 * Reads the callback the server sent the user back to (RFC 5849 §2.2): the
 * temporary token, which must be the one issued, and `oauth_verifier`. A
 * denial is an error: the `denied` parameter (as X and others send it) or
 * `oauth_problem` `user_refused` or `permission_denied` (OAuth Problem
 * Reporting).
 *
 * @param url The callback URL, query included.
 * @param temporaryToken The temporary token this client was issued.
 * @returns The token, the verifier and the other query parameters.
 * @throws {TypeError} If the URL or the token is malformed.
 * @throws {OAuthSyntaxError} If the query is not a strict form; the offset is
 * in the query.
 * @throws {OAuthError} With code `"access_denied"` if the user denied access,
 * `"token_mismatch"` if `oauth_token` is not the token issued, or
 * `"response_invalid"` if `oauth_token` or `oauth_verifier` is missing.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2.2}
 *
 * @example The printer's callback in RFC 5849 §1.2
 * ```ts
 * import { parseAuthorizationCallback } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const callback = parseAuthorizationCallback(
 *   "http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884",
 *   "hh5s93j4hdidpola",
 * );
 * assert.equal(callback.verifier, "hfdp7dh39dks9884");
 * ```
 */
export function parseAuthorizationCallback(
  url: string | URL,
  temporaryToken: string,
): AuthorizationCallback {
  const parsed = URL.parse(url);
  if (parsed === null) {
    throw new TypeError(
      `Cannot read authorization callback: url must be an absolute URL: current url is ${
        JSON.stringify(String(url))
      }`,
    );
  }
  if (typeof temporaryToken !== "string" || temporaryToken === "") {
    throw new TypeError(
      "Cannot read authorization callback: temporary token must be a non-empty string",
    );
  }
  const action = "read authorization callback";
  const pairs = parseForm(parsed.search.slice(1));
  const problem = pairs.find(([name]) => name === "oauth_problem")?.[1];
  const denied = pairs.find(([name]) => name === "denied");
  if (
    denied !== undefined || problem === "user_refused" ||
    problem === "permission_denied"
  ) {
    throw new OAuthError(
      "access_denied",
      `Cannot ${action}: the user denied access: ${
        problem === undefined
          ? `denied is ${JSON.stringify(denied![1])}`
          : `oauth_problem is ${JSON.stringify(problem)}`
      }`,
      problem === undefined ? {} : { problem },
    );
  }
  const token = single(action, pairs, "oauth_token");
  if (token !== temporaryToken) {
    throw new OAuthError(
      "token_mismatch",
      `Cannot ${action}: oauth_token must be the temporary token issued, ${
        JSON.stringify(temporaryToken)
      }: current oauth_token is ${JSON.stringify(token)}`,
    );
  }
  const verifier = single(action, pairs, "oauth_verifier");
  return {
    token,
    verifier,
    parameters: pairs.filter(([name]) =>
      name !== "oauth_token" && name !== "oauth_verifier"
    ),
  };
}

/**
 * Trades temporary credentials and the verifier for token credentials
 * (RFC 5849 §2.3): signs a request with the client credentials, the
 * temporary credentials and `oauth_verifier`, sends it, and reads the answer.
 *
 * @param endpoint The server's token request URI.
 * @param credentials The client credentials; a token, if any, is replaced by
 * the temporary token.
 * @param options The temporary credentials, the verifier, the `fetch` to use,
 * the HTTP method and the signing options.
 * @returns The token credentials, the other fields of the answer (such as a
 * user id or screen name) and the trace of the signed request.
 * @throws {TypeError} If the endpoint, credentials or options are malformed.
 * @throws {OAuthError} With code `"response_error"` if the server answers with
 * an error status (a wrong verifier, a used temporary token), or
 * `"response_invalid"` if its answer is not a form with one `oauth_token` and
 * one `oauth_token_secret`.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2.3}
 *
 * @example The printer gets token credentials in RFC 5849 §1.2
 * ```ts
 * import { requestTokenCredentials } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * // A stand-in for the server, answering as in RFC 5849 §1.2.
 * const server = (request: Request): Promise<Response> => {
 *   assert.match(request.headers.get("authorization")!, /oauth_verifier="hfdp7dh39dks9884"/);
 *   return Promise.resolve(new Response("oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00"));
 * };
 * const token = await requestTokenCredentials(
 *   "https://photos.example.net/token",
 *   { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
 *   {
 *     temporary: { token: "hh5s93j4hdidpola", tokenSecret: "hdhd0244k9j7ao03" },
 *     verifier: "hfdp7dh39dks9884",
 *     fetch: server,
 *   },
 * );
 * assert.equal(token.token, "nnch734d00sl2jdk");
 * assert.equal(token.tokenSecret, "pfkkdhi9sl3r4s00");
 * ```
 */
export async function requestTokenCredentials(
  endpoint: string | URL,
  credentials: Credentials,
  options: TokenCredentialsOptions,
): Promise<IssuedCredentials> {
  const { temporary, verifier } = options ?? {};
  if (
    typeof temporary?.token !== "string" ||
    typeof temporary.tokenSecret !== "string"
  ) {
    throw new TypeError(
      "Cannot get token credentials: options.temporary must have a token and a tokenSecret",
    );
  }
  if (typeof verifier !== "string" || verifier === "") {
    throw new TypeError(
      "Cannot get token credentials: options.verifier must be a non-empty string",
    );
  }
  const action = "get token credentials";
  const { pairs, trace } = await exchange(
    action,
    endpoint,
    {
      ...credentials,
      token: temporary.token,
      tokenSecret: temporary.tokenSecret,
    },
    options,
    { verifier },
  );
  return issued(action, pairs, trace);
}

const SIGN_OPTIONS = [
  "signatureMethod",
  "nonce",
  "timestamp",
  "version",
  "realm",
  "placement",
  "revealSecrets",
] as const;

async function exchange(
  action: string,
  endpoint: string | URL,
  credentials: Credentials,
  options: FlowOptions,
  protocol: { callback?: string; verifier?: string },
): Promise<{ pairs: [string, string][]; trace: Trace }> {
  const signOptions: SignOptions = { ...protocol };
  for (const name of SIGN_OPTIONS) {
    if (options[name] !== undefined) {
      Object.assign(signOptions, { [name]: options[name] });
    }
  }
  const signed = await signRequest(
    { method: options.method ?? "POST", url: endpoint },
    credentials,
    signOptions,
  );
  const send = options.fetch ?? fetch;
  const response = await send(signed.toRequest());
  const text = await response.text();
  if (!response.ok) {
    const secrets = secretForms(
      credentials.consumerSecret,
      credentials.tokenSecret ?? "",
    );
    throw responseError(action, response.status, text, secrets);
  }
  try {
    return { pairs: parseForm(text), trace: signed.trace };
  } catch (error) {
    if (!(error instanceof OAuthSyntaxError)) throw error;
    throw new OAuthError(
      "response_invalid",
      `Cannot ${action}: the answer must be application/x-www-form-urlencoded: ${
        error.message.replace(/^Cannot parse form: /, "")
      }`,
      { status: response.status, cause: error },
    );
  }
}

function issued(
  action: string,
  pairs: [string, string][],
  trace: Trace,
): IssuedCredentials {
  return {
    token: single(action, pairs, "oauth_token"),
    tokenSecret: single(action, pairs, "oauth_token_secret"),
    parameters: pairs.filter(([name]) =>
      name !== "oauth_token" && name !== "oauth_token_secret" &&
      name !== "oauth_callback_confirmed"
    ),
    trace,
  };
}

function single(
  action: string,
  pairs: readonly [string, string][],
  name: string,
): string {
  const values = pairs.filter(([n]) => n === name);
  if (values.length !== 1 || values[0]![1] === "") {
    throw new OAuthError(
      "response_invalid",
      `Cannot ${action}: the answer must hold one non-empty ${name}: current count is ${values.length}${
        values.length === 1 ? ", empty" : ""
      }`,
    );
  }
  return values[0]![1];
}

// What an error answer may say: OAuth Problem Reporting, then the
// `error`/`error_description` pair that oauthlib and others send.
const DETAILS = [
  "oauth_problem",
  "oauth_problem_advice",
  "oauth_parameters_absent",
  "oauth_parameters_rejected",
  "oauth_acceptable_timestamps",
  "error",
  "error_description",
];

function responseError(
  action: string,
  status: number,
  text: string,
  secrets: readonly string[],
): OAuthError {
  let pairs: [string, string][] = [];
  try {
    pairs = parseForm(text.trim());
  } catch {
    // Not a form (an HTML page, say): the status alone is reported.
  }
  // Scrub first, then cut: a cut first could leave a secret's prefix behind.
  const scrub = (value: string): string =>
    secrets.reduce((out, secret) => out.replaceAll(secret, "(a secret)"), value)
      .slice(0, 200);
  const details = pairs
    .filter(([name]) => DETAILS.includes(name))
    .map(([name, value]) => `${name} is ${JSON.stringify(scrub(value))}`);
  const problem = pairs.find(([name]) => name === "oauth_problem")?.[1];
  return new OAuthError(
    "response_error",
    `Cannot ${action}: the server refused with status ${status}${
      details.length === 0 ? " and gave no reason" : `: ${details.join(", ")}`
    }`,
    problem === undefined ? { status } : { status, problem: scrub(problem) },
  );
}

/**
 * Every form in which a server may echo a secret back in its reason, longest
 * first: each secret raw, percent-encoded (RFC 5849 §3.6) and form-encoded
 * (a space as `+`), and the plaintext signing key, raw and percent-encoded.
 * Forms shorter than 4 characters are left alone: hiding them would hide
 * ordinary words.
 */
function secretForms(consumerSecret: string, tokenSecret: string): string[] {
  const forms = new Set<string>();
  const add = (...texts: string[]): void => {
    for (const text of texts) if (text.length >= 4) forms.add(text);
  };
  for (const secret of [consumerSecret, tokenSecret]) {
    add(secret, new URLSearchParams([["", secret]]).toString().slice(1));
  }
  try {
    for (const secret of [consumerSecret, tokenSecret]) {
      const encoded = percentEncode(secret);
      add(encoded, encoded.replaceAll("%20", "+"));
    }
    const key = signingKey(consumerSecret, tokenSecret);
    add(key, percentEncode(key));
  } catch {
    // A lone surrogate cannot be percent-encoded: the raw forms remain.
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
