/**
 * Step 1 of a signature: the base string URI of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2 | RFC 5849 §3.4.1.2}.
 *
 * The scheme and host are lower-cased, the default port (80 for http, 443 for
 * https) is dropped, an empty path becomes `/`, and the query and fragment are
 * left out (the query's parameters are signed in step 2 instead). The host is
 * written in its ASCII (punycode) form and the path in the form sent on the
 * wire: both exactly as WHATWG `URL` and `fetch` produce them.
 *
 * @module
 */

import { quoteUrl } from "../core/quote.ts";

/** A normalization rule of RFC 5849 §3.4.1.2 that changed the URL. */
export type BaseStringUriRule =
  | "scheme lower-cased"
  | "host lower-cased"
  | "host written in ASCII (punycode)"
  | "default port dropped"
  | "empty path written as /"
  | "path written in its wire form"
  | "query dropped"
  | "fragment dropped"
  | "authority taken from the Host header";

/** The base string URI and the rules that fired while building it. */
export interface BaseStringUri {
  /** The base string URI, for example `http://example.com/r%20v/X`. */
  readonly uri: string;
  /** Each rule that changed the input, in the order of RFC 5849 §3.4.1.2. */
  readonly rules: readonly BaseStringUriRule[];
}

/** Options for {@linkcode baseStringUri}. */
export interface BaseStringUriOptions {
  /**
   * The request's `Host` header, when it differs from the URL's authority
   * (RFC 5849 §3.4.1.2 item 2), for example behind a proxy.
   */
  host?: string;
}

// scheme, authority, path, query, fragment: RFC 3986 Appendix B.
const PARTS = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/s;

/**
 * Builds the base string URI of a request URL.
 *
 * @param url The request URL, absolute, with scheme http or https.
 * @param options The `Host` header, when it overrides the URL's authority.
 * @returns The base string URI and the normalization rules that fired.
 * @throws {TypeError} If the URL cannot be parsed, its scheme is not http or
 * https, it carries a user name or password, or the Host header is malformed.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2}
 *
 * @example The example of RFC 5849 §3.4.1.2
 * ```ts
 * import { baseStringUri } from "@oauth1/steps/base-string-uri";
 * import assert from "node:assert/strict";
 *
 * const result = baseStringUri("http://EXAMPLE.COM:80/r%20v/X?id=123");
 * assert.equal(result.uri, "http://example.com/r%20v/X");
 * assert.deepEqual(result.rules, [
 *   "host lower-cased",
 *   "default port dropped",
 *   "query dropped",
 * ]);
 * ```
 */
export function baseStringUri(
  url: string | URL,
  options?: BaseStringUriOptions,
): BaseStringUri {
  const raw = String(url);
  let parsed: URL;
  try {
    // A URL is used as it is: parsing its href again gives the same URL.
    parsed = url instanceof URL ? url : new URL(raw);
  } catch {
    throw new TypeError(
      `Cannot build base string URI: URL must be absolute and valid: current URL is "${
        quoteUrl(raw)
      }"`,
    );
  }
  const scheme = parsed.protocol;
  if (scheme !== "http:" && scheme !== "https:") {
    throw new TypeError(
      `Cannot build base string URI: scheme must be "http" or "https": current scheme is "${
        scheme.slice(0, -1)
      }"`,
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new TypeError(
      `Cannot build base string URI: URL must not carry a user name or password: current host is "${parsed.host}"`,
    );
  }
  const rules: BaseStringUriRule[] = [];
  const parts = PARTS.exec(raw.trim());
  if (parts) {
    const [, rawScheme = "", rawAuthority = "", rawPath = "", query, fragment] =
      parts;
    const rawHost = rawAuthority.replace(/:\d*$/, "");
    if (rawScheme !== rawScheme.toLowerCase()) rules.push("scheme lower-cased");
    if (/[A-Z]/.test(rawHost)) rules.push("host lower-cased");
    if (/[^ -~]/.test(rawHost)) {
      rules.push("host written in ASCII (punycode)");
    }
    const rawPort = /:(\d*)$/.exec(rawAuthority)?.[1];
    if (rawPort && parsed.port === "") {
      rules.push("default port dropped");
    }
    if (rawPath === "") rules.push("empty path written as /");
    else if (rawPath !== parsed.pathname) {
      rules.push("path written in its wire form");
    }
    if (query !== undefined) rules.push("query dropped");
    if (fragment !== undefined) rules.push("fragment dropped");
  }
  let authority = parsed.host;
  if (options?.host !== undefined) {
    authority = hostAuthority(options.host, scheme);
    rules.push("authority taken from the Host header");
  }
  return { uri: `${scheme}//${authority}${parsed.pathname}`, rules };
}

function hostAuthority(host: string, scheme: string): string {
  // URL drops the scheme's default port by itself.
  const parsed = /[/?#@\s]/.test(host)
    ? null
    : URL.parse(`${scheme}//${host}/`);
  if (!parsed || parsed.host === "") {
    throw new TypeError(
      `Cannot build base string URI: Host header must be "host" or "host:port": current Host is "${host}"`,
    );
  }
  return parsed.host;
}
