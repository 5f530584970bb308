/**
 * `createOAuthFetch()`: a `fetch` that signs every request it sends with
 * `signRequest()`, each with a fresh nonce and timestamp, and that follows
 * redirects itself so that it can sign each hop again and keep the
 * credentials away from every other origin.
 *
 * @module
 */

import { defaultTimestamp } from "../core/defaults.ts";
import type { FetchFunction } from "./flow.ts";
import {
  type Credentials,
  type Placement,
  type SignOptions,
  signRequest,
} from "./sign.ts";

/** Options for {@linkcode createOAuthFetch}. */
export interface OAuthFetchOptions {
  /** The signature method; `"HMAC-SHA1"` by default. */
  signatureMethod?: SignOptions["signatureMethod"];
  /**
   * Where the protocol parameters go; `"header"` by default. `"body"` applies
   * to form bodies; a `GET` or `HEAD` request then carries them in the query.
   */
  placement?: Placement;
  /** The realm of the `Authorization` header. */
  realm?: string;
  /** `oauth_version`: `"1.0"` by default; `false` leaves it out. */
  version?: "1.0" | false;
  /** Adds `oauth_body_hash` to requests whose body is not a form. */
  bodyHash?: "SHA-1" | "SHA-256";
  /** The `fetch` that sends; `globalThis.fetch` by default. */
  fetch?: FetchFunction;
  /** The most redirects followed; 20 by default, as in the Fetch standard. */
  maxRedirects?: number;
}

/** A function with the signature of `fetch`. */
export type OAuthFetch = (
  input: RequestInfo | URL,
  init?: RequestInit,
) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Creates a `fetch` that signs every request with the given credentials.
 *
 * Redirects are followed here, not by the underlying `fetch`: a redirect to
 * the same origin (scheme, host and port) is signed again with a fresh nonce;
 * a redirect to another origin is followed without any OAuth parameter, so
 * the credentials never reach it. `redirect: "manual"` returns the redirect
 * response, and `redirect: "error"` throws, as with `fetch`. A `303`, or a
 * `301` or `302` after a `POST`, turns into a `GET` without a body.
 *
 * A refusal `nonce_store_reset` (the server's nonce store lost its memory,
 * and refuses requests signed before a time it names) is answered once by
 * signing the request again, and every later one, timestamped no earlier
 * than that time.
 *
 * With the protocol parameters in the query, a `Location` that keeps the
 * query (a trailing-slash `301`, say) brings them back. Before the next hop,
 * the pairs this function added are removed from it: exactly those, matched
 * by name and decoded value, each once. Any other `oauth_*` pair in the
 * `Location` was put there by the server; it is kept, and signing it again
 * throws a `TypeError` rather than drop it silently.
 *
 * @param credentials The client credentials and, if any, the token
 * credentials.
 * @param options The signature method, placement, realm, the `fetch` that
 * sends, and the redirect limit.
 * @returns A function with the signature of `fetch`.
 * @throws {TypeError} From the returned function: if the request cannot be
 * signed, a redirect is refused by `redirect: "error"`, or there are more
 * redirects than `maxRedirects`.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3}
 *
 * @example Sign each request, here sent to an in-process handler
 * ```ts
 * import { createOAuthFetch } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const seen: string[] = [];
 * const oauthFetch = createOAuthFetch(
 *   { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
 *   {
 *     fetch: (request) => {
 *       seen.push(request.headers.get("authorization") ?? "");
 *       return Promise.resolve(new Response("ok"));
 *     },
 *   },
 * );
 * await oauthFetch("https://photos.example.net/photos?file=vacation.jpg");
 * await oauthFetch("https://photos.example.net/photos?file=vacation.jpg");
 * assert.match(seen[0]!, /^OAuth oauth_consumer_key="dpf43f3p2l4k3l03"/);
 * assert.notEqual(seen[0], seen[1]); // a fresh nonce each time
 * ```
 */
export function createOAuthFetch(
  credentials: Credentials,
  options: OAuthFetchOptions = {},
): OAuthFetch {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const maxRedirects = options.maxRedirects ?? 20;
  if (!Number.isSafeInteger(maxRedirects) || maxRedirects < 0) {
    throw new RangeError(
      `Cannot create OAuth fetch: maxRedirects must be a non-negative integer: current maxRedirects is ${maxRedirects}`,
    );
  }
  const signer: Signer = {
    credentials,
    options: signOptionsOf(options),
    placement: options.placement ?? "header",
    // The time a nonce store reset asked requests to be signed from: until
    // the clock reaches it, requests carry it as their timestamp.
    notBefore: 0,
  };

  return async (input, init) => {
    const first = new Request(input, init);
    const origin = new URL(first.url).origin;
    const hop: Hop = {
      url: first.url,
      method: first.method,
      headers: new Headers(first.headers),
      body: first.body === null
        ? undefined
        : new Uint8Array(await first.arrayBuffer()),
      added: [],
    };
    let retried = false; // after a nonce store reset, once per request
    for (let hops = 0;; hops++) {
      const sameOrigin = new URL(hop.url).origin === origin;
      const request = await signHop(hop, sameOrigin, signer);
      const response = await send(
        new Request(request, { redirect: "manual", signal: first.signal }),
      );
      if (sameOrigin && !retried) {
        const since = await storeReset(response);
        if (since !== undefined) {
          retried = true;
          signer.notBefore = Math.max(signer.notBefore, since);
          hops--; // the same hop, signed again
          continue;
        }
      }
      const location = response.headers.get("location");
      if (
        !REDIRECTS.has(response.status) || location === null ||
        first.redirect === "manual"
      ) {
        return response;
      }
      await response.body?.cancel();
      checkRedirect(first.redirect, response.status, hops, maxRedirects);
      follow(hop, response.status, location);
    }
  };
}

// What signs each hop: the credentials, the options and the reset time.
interface Signer {
  readonly credentials: Credentials;
  readonly options: SignOptions;
  readonly placement: Placement;
  notBefore: number;
}

// One hop of a request through its redirects, and the pairs signing added to
// its query (removed again before the next hop).
interface Hop {
  url: string;
  method: string;
  readonly headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
  added: readonly (readonly [string, string])[];
}

function signOptionsOf(options: OAuthFetchOptions): SignOptions {
  const signOptions: SignOptions = {};
  if (options.signatureMethod !== undefined) {
    signOptions.signatureMethod = options.signatureMethod;
  }
  if (options.realm !== undefined) signOptions.realm = options.realm;
  if (options.version !== undefined) signOptions.version = options.version;
  if (options.bodyHash !== undefined) signOptions.bodyHash = options.bodyHash;
  return signOptions;
}

// The hop's request, signed when it goes to the first request's origin; to
// another origin it goes unsigned and without Authorization, as fetch does.
async function signHop(
  hop: Hop,
  sameOrigin: boolean,
  signer: Signer,
): Promise<Request> {
  if (!sameOrigin) hop.headers.delete("authorization");
  const request = new Request(hop.url, {
    method: hop.method,
    headers: hop.headers,
    ...(hop.body === undefined ? {} : { body: hop.body }),
  });
  hop.added = [];
  if (!sameOrigin) return request;
  const bodiless = hop.method === "GET" || hop.method === "HEAD";
  const where = signer.placement === "body" && bodiless
    ? "query"
    : signer.placement;
  const signed = await signRequest(request, signer.credentials, {
    ...signer.options,
    placement: where,
    ...(signer.notBefore > defaultTimestamp()
      ? { timestamp: signer.notBefore }
      : {}),
  });
  if (where === "query") hop.added = signed.oauthParameters;
  return signed.toRequest();
}

function checkRedirect(
  mode: RequestRedirect,
  status: number,
  hops: number,
  maxRedirects: number,
): void {
  if (mode === "error") {
    throw new TypeError(
      `Cannot fetch: redirect mode is "error": current response is a ${status} redirect`,
    );
  }
  if (hops >= maxRedirects) {
    throw new TypeError(
      `Cannot fetch: redirects must be at most ${maxRedirects}: current request was redirected more`,
    );
  }
}

// The next hop of a redirect: its URL without the pairs signing added, and a
// GET without a body where fetch makes one (303, or 301/302 after a POST).
function follow(hop: Hop, status: number, location: string): void {
  hop.url = withoutPairs(new URL(location, hop.url), hop.added);
  if (
    (status === 303 && hop.method !== "GET" && hop.method !== "HEAD") ||
    ((status === 301 || status === 302) && hop.method === "POST")
  ) {
    hop.method = "GET";
    hop.body = undefined;
    for (const name of ["content-type", "content-length"]) {
      hop.headers.delete(name);
    }
  }
}

/**
 * For a refusal `nonce_store_reset` (the server's nonce store lost its memory
 * and holds the nonces of requests signed from T on): T, from
 * `oauth_acceptable_timestamps`, or 0 when absent. Otherwise `undefined`, and
 * the response is left unread.
 */
async function storeReset(response: Response): Promise<number | undefined> {
  const challenge = response.headers.get("www-authenticate") ?? "";
  if (
    response.status !== 401 ||
    !challenge.includes('oauth_problem="nonce_store_reset"')
  ) {
    return undefined;
  }
  const body = new URLSearchParams(await response.text());
  const since = Number(body.get("oauth_acceptable_timestamps")?.split("-")[0]);
  return Number.isSafeInteger(since) ? since : 0;
}

/**
 * Removes from the query of `url` each of `pairs` once, matched by name and
 * form-decoded value; the other query segments stay as they were written.
 */
function withoutPairs(
  url: URL,
  pairs: readonly (readonly [string, string])[],
): string {
  if (pairs.length === 0 || url.search === "") return url.href;
  const left = [...pairs];
  const kept = url.search.slice(1).split("&").filter((segment) => {
    const [name, value] = new URLSearchParams(segment).entries().next().value ??
      [];
    const at = left.findIndex((pair) => pair[0] === name && pair[1] === value);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
  url.search = kept.join("&");
  return url.href;
}
