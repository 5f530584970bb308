/**
 * A {@link https://hono.dev | Hono} middleware that protects routes with
 * OAuth 1.0a (RFC 5849 §3.2): it verifies each request with
 * {@linkcode verifyRequest}, answers a refusal with
 * {@linkcode problemResponse} (`400` or `401`, a `WWW-Authenticate: OAuth`
 * challenge and the Problem Reporting fields; `503` with `Retry-After: 1` when
 * the nonce store is full or cannot be reached, as the request may be fine),
 * and hands the handler the
 * verified request as `c.var.oauth1`: its `consumerKey`, its `token` and the
 * rest of {@linkcode VerifySuccess}.
 *
 * The module imports nothing from Hono, not even its types: the middleware is
 * typed against the two members of Hono's `Context` it uses, so it adds no
 * dependency and fits Hono 4 wherever Hono runs (Deno, Node, Bun, Workers);
 * the tests check it against the real `hono` package.
 *
 * @module
 */

import {
  problemResponse,
  type ProblemResponseOptions,
  type VerifyFailure,
  type VerifyLookup,
  type VerifyOptions,
  verifyRequest,
  type VerifySuccess,
} from "./verify.ts";

/** What {@linkcode oauth1} puts on the context, for `c.var` and `c.get()`. */
export interface OAuth1Variables {
  /** The verified request: `consumerKey`, `token`, `oauthParameters` … */
  oauth1: VerifySuccess;
}

/** The Hono environment of a route behind {@linkcode oauth1}. */
export interface OAuth1Env {
  /** The variables the middleware sets. */
  Variables: OAuth1Variables;
}

/** The part of Hono's `Context` the middleware uses. */
export interface OAuth1Context {
  /** The request: Hono's `HonoRequest`, whose `raw` is the `Request`. */
  readonly req: { readonly raw: Request };
  /**
   * Sets a variable of the context.
   *
   * @param key `"oauth1"`.
   * @param value The verified request.
   */
  set(key: "oauth1", value: VerifySuccess): void;
}

/** A Hono middleware: `MiddlewareHandler<OAuth1Env>` in Hono's own terms. */
export type OAuth1Middleware = (
  c: OAuth1Context,
  next: () => Promise<void>,
) => Promise<Response | void>;

/** Options for {@linkcode oauth1}. */
export interface OAuth1MiddlewareOptions
  extends Omit<VerifyOptions, "url" | "now">, ProblemResponseOptions {
  /**
   * The origin the clients sign for (`https://api.example.com`), when it is
   * not the one the server sees: behind a proxy that ends TLS or rewrites the
   * host. The request's path and query are kept.
   */
  publicOrigin?: string;
}

/**
 * Creates a middleware that lets through only requests signed by a client
 * `lookup` knows, and refuses the rest with a Problem Reporting response.
 * Put one in front of a route, not two: the second would find the request's
 * nonce used and refuse it.
 *
 * @param lookup Finds the secrets of the client and of the token.
 * @param options The options of `verifyRequest()` (nonce store, timestamp
 * window, methods accepted, `requireToken` …) and of `problemResponse()`
 * (realm, development mode), and the public origin.
 * @returns The middleware, for `app.use()` or a route.
 * @throws {TypeError} If `publicOrigin` is not an origin (scheme and host
 * only). From the middleware: what `verifyRequest()` throws for a malformed
 * lookup or malformed options.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2}
 *
 * @example Protect a route, and read the client it was signed by
 * ```ts
 * import { Hono } from "hono";
 * import { oauth1, type OAuth1Env } from "@oauth1/steps/hono";
 * import { signRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const client = { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" };
 * const app = new Hono<OAuth1Env>();
 * app.use("/photos/*", oauth1({
 *   consumer: async (key) =>
 *     key === client.consumerKey ? { secret: client.consumerSecret } : undefined,
 * }, { realm: "Photos" }));
 * app.get("/photos/list", (c) => c.text(`photos of ${c.var.oauth1.consumerKey}`));
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos/list" },
 *   client,
 * );
 * const ok = await app.request(signed.toRequest());
 * assert.equal(await ok.text(), "photos of dpf43f3p2l4k3l03");
 *
 * const unsigned = await app.request("http://photos.example.net/photos/list");
 * assert.equal(unsigned.status, 400);
 * assert.equal(
 *   unsigned.headers.get("www-authenticate"),
 *   'OAuth realm="Photos", oauth_problem="parameter_absent"',
 * );
 * ```
 */
export function oauth1(
  lookup: VerifyLookup,
  options: OAuth1MiddlewareOptions = {},
): OAuth1Middleware {
  const { publicOrigin, realm, development, ...verifyOptions } = options;
  if (publicOrigin !== undefined && !isOrigin(publicOrigin)) {
    throw new TypeError(
      `Cannot create OAuth 1.0a middleware: publicOrigin must be a scheme and host such as "https://api.example.com": current publicOrigin is ${
        JSON.stringify(publicOrigin)
      }`,
    );
  }
  const problemOptions: ProblemResponseOptions = {};
  if (realm !== undefined) problemOptions.realm = realm;
  if (development !== undefined) problemOptions.development = development;
  return async (c, next): Promise<Response | void> => {
    const request = c.req.raw;
    let url: string | undefined;
    if (publicOrigin !== undefined) {
      const seen = new URL(request.url);
      url = publicOrigin + seen.pathname + seen.search;
    }
    const result = await verifyRequest(
      request,
      lookup,
      url === undefined ? verifyOptions : { ...verifyOptions, url },
    );
    if (!result.ok) return refusal(result, problemOptions);
    c.set("oauth1", result);
    await next();
    return undefined;
  };
}

// A refusal that is not the request's fault (the nonce store is full or
// cannot be reached) is a 503 with Retry-After: the client may try again,
// signed again, rather than give up as after a 401.
function refusal(
  result: VerifyFailure,
  options: ProblemResponseOptions,
): Response {
  const response = problemResponse(result, options);
  const retryAfter = result.problem.retryAfter;
  if (retryAfter === undefined) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", String(retryAfter));
  return new Response(response.body, { status: 503, headers });
}

function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type {
  SignatureMethod,
  SignatureMethodName,
  SignatureResult,
  SigningSecrets,
  VerifyingSecrets,
} from "../steps/signature.ts";
export type { NonceRecord, NonceStore } from "./nonce_store.ts";
export type {
  ConsumerSecrets,
  ProblemResponseOptions,
  TokenSecrets,
  VerifyLookup,
  VerifyOptions,
  VerifySuccess,
} from "./verify.ts";
