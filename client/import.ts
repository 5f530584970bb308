/**
 * Importers: turn a request as you captured it (a curl command line, a raw
 * HTTP request, a signed URL, or an `Authorization` header) into a
 * {@linkcode CapturedRequest}: the request description and the OAuth
 * protocol parameters it carries (RFC 5849 §3.5), ready for `explain()`.
 *
 * Text that cannot be parsed throws an {@linkcode OAuthSyntaxError} with the
 * offset at which parsing stopped.
 *
 * @module
 */

import { headerValue, oauthAuthorization } from "../core/headers.ts";
import { quoteRead, quoteUrl } from "../core/quote.ts";
import { OAuthSyntaxError } from "../core/errors.ts";
import type { Placement } from "./sign.ts";
import { parseAuthorizationHeader } from "../steps/authorization.ts";
import { isFormContentType } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";

/** A request as it was sent, with the OAuth parameters it carries. */
export interface CapturedRequest {
  /** The HTTP method as sent. */
  readonly method: string;
  /** The absolute URL as sent, query included (with any OAuth parameters). */
  readonly url: string;
  /** The headers as sent, in order. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body as text, or `undefined` when there is none. */
  readonly body: string | undefined;
  /**
   * Every OAuth protocol parameter carried, `oauth_signature` included, in
   * the order found, decoded; from the header, the query and a form body.
   */
  readonly oauth: readonly (readonly [string, string])[];
  /** The realm of the `Authorization` header, if any; it is never signed. */
  readonly realm: string | undefined;
  /** Where the protocol parameters were found; `undefined` if nowhere. */
  readonly placement: Placement | undefined;
  /**
   * The request without its protocol parameters (no `Authorization` header,
   * no `oauth_*` in the query or body): what a client hands to a signer.
   */
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: [string, string][];
    readonly body: string | null;
  };
}

function syntax(what: string, detail: string, offset: number): never {
  throw new OAuthSyntaxError(
    `Cannot parse ${what}: ${detail} at offset ${offset}`,
    offset,
  );
}

/** Options for the importers that cannot tell the whole request. */
export interface ImportOptions {
  /** The method, when the text does not say; `"GET"` by default. */
  method?: string;
  /** The request URL, for a bare `Authorization` header. */
  url?: string;
  /** The body, for a bare `Authorization` header or a signed URL. */
  body?: string;
  /**
   * The `Content-Type` of that body; a body without one is a form
   * (`application/x-www-form-urlencoded`), as curl's `--data` sends it.
   */
  contentType?: string;
  /**
   * The scheme of a raw HTTP request, which does not carry it; `"https"` by
   * default.
   */
  scheme?: "http" | "https";
}

// A body given without a Content-Type is a form, as curl's --data sends it.
function bodyContentType(options: ImportOptions): string | undefined {
  return options.contentType ??
    (options.body === undefined
      ? undefined
      : "application/x-www-form-urlencoded");
}

/**
 * Refuses options that a form of captured text carries itself, so that they
 * are never silently ignored.
 */
function refuseOptions(
  options: ImportOptions,
  allowed: readonly (keyof ImportOptions)[],
  form: string,
): void {
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && !allowed.includes(name as keyof ImportOptions)) {
      throw new TypeError(
        `Cannot import request: option "${name}" does not apply to ${form}: the text itself carries it`,
      );
    }
  }
}

/**
 * Imports a request described by its parts: method, URL, headers and body.
 * The OAuth parameters are read from the `Authorization` header, the query
 * and a form body; the other importers end here.
 *
 * @param parts The request as sent.
 * @returns The captured request.
 * @throws {TypeError} If the URL is not an absolute http or https URL.
 * @throws {OAuthSyntaxError} If the `Authorization` header is malformed.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5}
 *
 * @example A signed URL
 * ```ts
 * import { captureRequest } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = captureRequest({
 *   method: "GET",
 *   url: "http://example.com/t?term=a&oauth_consumer_key=k&oauth_signature=s%3D",
 * });
 * assert.equal(captured.placement, "query");
 * assert.deepEqual(captured.oauth, [["oauth_consumer_key", "k"], ["oauth_signature", "s="]]);
 * assert.equal(captured.request.url, "http://example.com/t?term=a");
 * ```
 */
export function captureRequest(parts: {
  method: string;
  url: string;
  headers?: readonly (readonly [string, string])[];
  body?: string | undefined;
}): CapturedRequest {
  const url = URL.parse(parts.url);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(
      `Cannot import request: URL must be an absolute http or https URL: current URL is "${
        quoteUrl(parts.url)
      }"`,
    );
  }
  const headers = (parts.headers ?? []).map(([n, v]) =>
    [n, v] as [
      string,
      string,
    ]
  );
  const oauth: [string, string][] = [];
  let realm: string | undefined;
  let placement: Placement | undefined;
  const authorization = oauthAuthorization(headers);
  if (authorization !== undefined) {
    const parsed = parseAuthorizationHeader(authorization, { lenient: true });
    realm = parsed.realm;
    for (const [n, v] of parsed.parameters) oauth.push([n, v]);
    placement = "header";
  }
  const query = splitOAuth(url.search.slice(1));
  if (query.oauth.length > 0) {
    oauth.push(...query.oauth);
    placement ??= "query";
  }
  const contentType = headerValue(headers, "content-type");
  let body = parts.body;
  if (body !== undefined && isFormContentType(contentType)) {
    const form = splitOAuth(body);
    if (form.oauth.length > 0) {
      oauth.push(...form.oauth);
      placement ??= "body";
      body = form.rest;
    }
  }
  const bare = new URL(url);
  bare.hash = "";
  bare.search = query.rest === "" ? "" : `?${query.rest}`;
  const method = parts.method;
  return {
    method,
    url: parts.url,
    headers,
    body: parts.body,
    oauth,
    realm,
    placement,
    request: {
      method,
      url: bare.href,
      headers: headers.filter(([n]) => n.toLowerCase() !== "authorization"),
      body: body ?? null,
    },
  };
}

// Splits raw form text into its oauth_* pairs (decoded) and the rest (raw).
function splitOAuth(text: string): {
  oauth: [string, string][];
  rest: string;
} {
  const oauth: [string, string][] = [];
  const rest: string[] = [];
  for (const piece of text.split("&")) {
    if (piece === "") continue;
    const [pair] = new URLSearchParams(piece);
    if (pair !== undefined && pair[0].startsWith("oauth_")) {
      oauth.push([pair[0], pair[1]]);
    } else rest.push(piece);
  }
  return { oauth, rest: rest.join("&") };
}

/**
 * Imports a signed URL: a request that carries the protocol parameters in
 * its query (RFC 5849 §3.5.3).
 *
 * @param url The URL as sent.
 * @param options The method (`"GET"` by default), and a body with its
 * content type if there was one.
 * @returns The captured request.
 * @throws {TypeError} If the URL is not an absolute http or https URL, or
 * `options.url` or `options.scheme` is given: the URL carries them.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.3}
 *
 * @example
 * ```ts
 * import { importSignedUrl } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importSignedUrl(
 *   "http://photos.example.net/photos?file=vacation.jpg&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_signature=tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D",
 * );
 * assert.equal(captured.method, "GET");
 * assert.deepEqual(captured.oauth[1], ["oauth_signature", "tR3+Ty81lMeYAr/Fid0kMTYa/WM="]);
 * ```
 */
export function importSignedUrl(
  url: string,
  options: ImportOptions = {},
): CapturedRequest {
  refuseOptions(options, ["method", "body", "contentType"], "a signed URL");
  const contentType = bodyContentType(options);
  return captureRequest({
    method: options.method ?? "GET",
    url: url.trim(),
    headers: contentType === undefined ? [] : [["Content-Type", contentType]],
    body: options.body,
  });
}

/**
 * Imports a bare `Authorization` header, with the method and URL given as
 * options since the header does not carry them.
 *
 * @param header The header value, with or without `Authorization:`.
 * @param options The URL (required), the method (`"GET"` by default), and a
 * body with its content type.
 * @returns The captured request.
 * @throws {TypeError} If `options.url` is missing or not an http(s) URL, or
 * `options.scheme` is given.
 * @throws {OAuthSyntaxError} If the header is malformed.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1}
 *
 * @example
 * ```ts
 * import { importAuthorizationHeader } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importAuthorizationHeader(
 *   'OAuth oauth_consumer_key="k", oauth_signature="s%3D"',
 *   { url: "https://api.example.com/items", method: "POST" },
 * );
 * assert.equal(captured.placement, "header");
 * assert.equal(captured.method, "POST");
 * ```
 */
export function importAuthorizationHeader(
  header: string,
  options: ImportOptions = {},
): CapturedRequest {
  refuseOptions(
    options,
    ["method", "url", "body", "contentType"],
    "an Authorization header",
  );
  if (options.url === undefined) {
    throw new TypeError(
      "Cannot import Authorization header: options.url must be given: a header does not carry the URL",
    );
  }
  const value = header.trim().replace(/^authorization\s*:\s*/i, "");
  const headers: [string, string][] = [["Authorization", value]];
  const contentType = bodyContentType(options);
  if (contentType !== undefined) headers.push(["Content-Type", contentType]);
  return captureRequest({
    method: options.method ?? "GET",
    url: options.url,
    headers,
    body: options.body,
  });
}

/**
 * Imports a raw HTTP/1.1 request: the request line, the headers, an empty
 * line and the body, as a proxy or `curl -v` shows it. The target may be in
 * origin form (`/path?q`, with a `Host` header) or absolute form. The body
 * is `Content-Length` bytes when that header is given (a newline after them,
 * as an editor or a shell redirect adds, is not part of it); without it, a
 * final newline is dropped for the same reason.
 *
 * @param text The request text; lines may end with CRLF or LF.
 * @param options The scheme (`"https"` by default), which the text does not
 * carry.
 * @returns The captured request.
 * @throws {OAuthSyntaxError} If the request line or a header is malformed,
 * `Host` is missing for an origin-form target, or the body is not
 * `Content-Length` bytes long.
 * @throws {TypeError} If an option other than `scheme` is given: the text
 * carries the method, the URL and the body.
 * @see {@link https://www.rfc-editor.org/rfc/rfc9112#section-3}
 *
 * @example
 * ```ts
 * import { importHttpRequest } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importHttpRequest(
 *   "POST /1.1/statuses/update.json HTTP/1.1\r\n" +
 *     "Host: api.twitter.com\r\n" +
 *     "Content-Type: application/x-www-form-urlencoded\r\n" +
 *     'Authorization: OAuth oauth_consumer_key="k", oauth_signature="s"\r\n' +
 *     "\r\n" +
 *     "status=hi",
 * );
 * assert.equal(captured.url, "https://api.twitter.com/1.1/statuses/update.json");
 * assert.equal(captured.body, "status=hi");
 * ```
 */
export function importHttpRequest(
  text: string,
  options: ImportOptions = {},
): CapturedRequest {
  refuseOptions(options, ["scheme"], "an HTTP request");
  const { lines, rest, end } = messageLines(text);
  const requestLine = lines.shift();
  const match = requestLine &&
    /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/\d(\.\d)?$/.exec(
      requestLine.text,
    );
  if (!match) {
    return syntax(
      "HTTP request",
      'request line must be "METHOD target HTTP/1.1"',
      requestLine?.offset ?? end,
    );
  }
  const headers = headerFields(lines);
  const body = messageBody(rest, headers, lines.at(-1)?.offset ?? end);
  const [, method = "", target = ""] = match;
  return captureRequest({
    method,
    url: targetUrl(target, headers, options.scheme ?? "https", requestLine),
    headers,
    body: body === "" ? undefined : body,
  });
}

interface Line {
  text: string;
  offset: number;
}

/**
 * The lines of a message's head (leading blank lines skipped, CR dropped),
 * the text after the empty line that ends it (`undefined` if none), and the
 * offset where reading stopped.
 */
function messageLines(
  text: string,
): { lines: Line[]; rest: string | undefined; end: number } {
  let at = /^\s*/.exec(text)![0].length;
  const lines: Line[] = [];
  while (at <= text.length) {
    const end = text.indexOf("\n", at);
    const stop = end === -1 ? text.length : end;
    const line = text.slice(at, stop).replace(/\r$/, "");
    if (line === "" && lines.length > 0) {
      return {
        lines,
        rest: end === -1 ? undefined : text.slice(end + 1),
        end: at,
      };
    }
    lines.push({ text: line, offset: at });
    if (end === -1) break;
    at = end + 1;
  }
  return { lines, rest: undefined, end: at };
}

// Header lines, "Name: value", a line that starts with a space or a tab
// continuing the one before (obs-fold, RFC 9112 §5.2).
function headerFields(lines: readonly Line[]): [string, string][] {
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line.text) && headers.length > 0) {
      headers[headers.length - 1]![1] += " " + line.text.trim(); // obs-fold
      continue;
    }
    const colon = line.text.indexOf(":");
    if (
      colon <= 0 ||
      !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(line.text.slice(0, colon))
    ) {
      syntax("HTTP request", 'header line must be "Name: value"', line.offset);
    }
    headers.push([
      line.text.slice(0, colon),
      line.text.slice(colon + 1).trim(),
    ]);
  }
  return headers;
}

// The URL of a request target: absolute form as it is, origin form with the
// scheme and the Host header.
function targetUrl(
  target: string,
  headers: readonly (readonly [string, string])[],
  scheme: string,
  requestLine: Line,
): string {
  if (/^https?:\/\//i.test(target)) return target;
  const host = headerValue(headers, "host");
  if (host === undefined) {
    return syntax(
      "HTTP request",
      "a Host header is needed for an origin-form target",
      requestLine.offset,
    );
  }
  return `${scheme}://${host}${target}`;
}

// The body as the message frames it: Content-Length bytes when given, and a
// newline an editor or a shell redirect added after a complete message is
// not part of it.
function messageBody(
  body: string | undefined,
  headers: readonly (readonly [string, string])[],
  offset: number,
): string | undefined {
  if (body === undefined) return undefined;
  const length = headerValue(headers, "content-length");
  if (length === undefined) return body.replace(/\r?\n$/, "");
  if (!/^\d+$/.test(length.trim())) {
    return syntax(
      "HTTP request",
      `Content-Length must be a number of bytes: current Content-Length is "${length}"`,
      offset,
    );
  }
  const bytes = new TextEncoder().encode(body);
  const wanted = Number(length.trim());
  const rest = new TextDecoder().decode(bytes.subarray(wanted));
  if (bytes.length < wanted || rest.trim() !== "") {
    return syntax(
      "HTTP request",
      `body must be Content-Length ${wanted} bytes long: current body is ${bytes.length} bytes`,
      offset,
    );
  }
  return new TextDecoder().decode(bytes.subarray(0, wanted));
}

interface Word {
  text: string;
  offset: number;
}

// Splits a POSIX shell command line into words, with their offsets.
function shellWords(text: string): Word[] {
  const words: Word[] = [];
  let at = 0;
  let word: Word | undefined;
  while (at < text.length) {
    const c = text[at]!;
    if (
      c === "\\" && (text[at + 1] === "\n" || text.startsWith("\r\n", at + 1))
    ) {
      at += text[at + 1] === "\n" ? 2 : 3; // line continuation
    } else if (/\s/.test(c)) {
      if (word) words.push(word);
      word = undefined;
      at++;
    } else {
      word ??= { text: "", offset: at };
      const quoted = quote(text, at);
      if (quoted !== undefined) {
        word.text += quoted.text;
        at = quoted.end;
      } else {
        word.text += c === "\\" ? text[at + 1] ?? "" : c;
        at += c === "\\" ? 2 : 1;
      }
    }
  }
  if (word) words.push(word);
  return words;
}

/** A quote's text as the shell reads it, and where the quote ends. */
interface Quoted {
  text: string;
  end: number;
}

// The quote that starts at `at`, if one does.
function quote(text: string, at: number): Quoted | undefined {
  const c = text[at];
  if (c === "'") return singleQuote(text, at);
  if (c === '"') return escapedQuote(text, at, DOUBLE_QUOTE);
  if (c === "$" && text[at + 1] === "'") {
    return escapedQuote(text, at, DOLLAR_QUOTE);
  }
  return undefined;
}

// '…': every character as it is, up to the next single quote.
function singleQuote(text: string, start: number): Quoted {
  const close = text.indexOf("'", start + 1);
  if (close === -1) syntax("curl command", "unterminated single quote", start);
  return { text: text.slice(start + 1, close), end: close + 1 };
}

const DOLLAR_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  r: "\r",
  t: "\t",
  "\\": "\\",
  "'": "'",
  '"': '"',
};

// $'…': backslash escapes as in C; an unknown one is kept as written.
const DOLLAR_QUOTE: QuoteKind = {
  open: "$'",
  name: "$'",
  unescape: (e) => DOLLAR_ESCAPES[e] ?? "\\" + e,
};

// "…": a backslash escapes only " \ $ ` and a newline (which it removes).
const DOUBLE_QUOTE: QuoteKind = {
  open: '"',
  name: "double",
  unescape: (e) => /["\\$`\n]/.test(e) ? (e === "\n" ? "" : e) : undefined,
};

/** A quote in which a backslash may escape the character after it. */
interface QuoteKind {
  /** What opens it; its last character closes it. */
  open: string;
  /** Its name in a message. */
  name: string;
  /** What a backslash and `next` read as; `undefined`: a plain backslash. */
  unescape: (next: string) => string | undefined;
}

function escapedQuote(text: string, start: number, kind: QuoteKind): Quoted {
  const close = kind.open.at(-1)!;
  let out = "";
  let at = start + kind.open.length;
  for (;;) {
    const d = text[at];
    if (d === undefined) {
      syntax("curl command", `unterminated ${kind.name} quote`, start);
    }
    if (d === close) break;
    const escaped = d === "\\" ? kind.unescape(text[at + 1] ?? "") : undefined;
    out += escaped ?? d;
    at += escaped === undefined ? 1 : 2;
  }
  return { text: out, end: at + 1 };
}

const CURL_VALUE_OPTIONS: Readonly<Record<string, string>> = {
  "-X": "request",
  "--request": "request",
  "-H": "header",
  "--header": "header",
  "-d": "data",
  "--data": "data",
  "--data-raw": "data-raw",
  "--data-binary": "data",
  "--data-ascii": "data",
  "--data-urlencode": "data-urlencode",
  "--url": "url",
  "-A": "user-agent",
  "--user-agent": "user-agent",
  "-e": "referer",
  "--referer": "referer",
  "-b": "cookie",
  "--cookie": "cookie",
  "-o": "ignored",
  "--output": "ignored",
  "-m": "ignored",
  "--max-time": "ignored",
  "--connect-timeout": "ignored",
  "-w": "ignored",
  "--write-out": "ignored",
  "--retry": "ignored",
  "--proxy": "ignored",
  "-x": "ignored",
  "--cacert": "ignored",
  "--resolve": "ignored",
};
const CURL_FLAGS = new Set([
  "-s",
  "--silent",
  "-S",
  "--show-error",
  "-v",
  "--verbose",
  "-i",
  "--include",
  "-L",
  "--location",
  "-k",
  "--insecure",
  "--compressed",
  "-f",
  "--fail",
  "-G",
  "--get",
  "-g",
  "--globoff",
  "-N",
  "--no-buffer",
  "--http1.1",
  "--http2",
  "-#",
  "--progress-bar",
]);

/**
 * Imports a curl command line, as copied from a browser's developer tools,
 * Postman or an API's documentation: `-X`, `-H`, `-d` (and its
 * `--data-*` forms), `--data-urlencode`, `-G`, `--url`, and the common flags
 * that do not change the request. Quotes, `$'…'` and line continuations are
 * read as a POSIX shell reads them.
 *
 * @param text The command line, starting with `curl`.
 * @returns The captured request.
 * @throws {OAuthSyntaxError} If a quote is unterminated, an option is unknown
 * or lacks its value, the URL is missing, or data is read from a file
 * (`@file`).
 * @see {@link https://curl.se/docs/manpage.html}
 *
 * @example A curl line as a documentation page shows it
 * ```ts
 * import { importCurl } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importCurl(
 *   `curl --request POST --url 'https://api.twitter.com/1.1/statuses/update.json' \\
 *      --header 'authorization: OAuth oauth_consumer_key="k", oauth_signature="s"' \\
 *      --data 'status=Hello%20Ladies'`,
 * );
 * assert.equal(captured.method, "POST");
 * assert.equal(captured.body, "status=Hello%20Ladies");
 * assert.equal(captured.placement, "header");
 * ```
 */
export function importCurl(text: string): CapturedRequest {
  const words = shellWords(text);
  if (words[0]?.text !== "curl") {
    syntax(
      "curl command",
      'command must start with "curl"',
      words[0]?.offset ?? 0,
    );
  }
  const parts: CurlParts = {
    method: undefined,
    url: undefined,
    get: false,
    headers: [],
    data: [],
  };
  for (let i = 1; i < words.length; i++) i = readCurlWord(words, i, parts);
  return curlRequest(parts, text.length);
}

/** What a curl command line said, as its words are read. */
interface CurlParts {
  method: string | undefined;
  url: string | undefined;
  /** `-G`: the data goes in the query. */
  get: boolean;
  headers: [string, string][];
  data: string[];
}

/**
 * Reads the word at `i`, the URL or an option, and the option's value if it
 * is the next word; returns the index of the last word read.
 */
function readCurlWord(
  words: readonly Word[],
  i: number,
  parts: CurlParts,
): number {
  const word = words[i]!;
  if (!word.text.startsWith("-") || word.text === "-") {
    if (parts.url !== undefined) {
      syntax("curl command", "a second URL is not supported", word.offset);
    }
    parts.url = word.text;
    return i;
  }
  const option = splitCurlOption(word);
  if (option.flags.length > 0) {
    if (option.flags.includes("-G") || option.flags.includes("--get")) {
      parts.get = true;
    }
    return i;
  }
  const kind = CURL_VALUE_OPTIONS[option.name];
  if (kind === undefined) {
    return syntax(
      "curl command",
      `unknown option ${quoteRead(option.name)}`,
      word.offset,
    );
  }
  let value = option.value;
  if (value === undefined) {
    value = words[++i];
    if (value === undefined) {
      syntax(
        "curl command",
        `option ${quoteRead(option.name)} needs a value`,
        word.offset,
      );
    }
  }
  addCurlOption(parts, kind, value);
  return i;
}

/**
 * An option word: `--name=value`, `-Xvalue`, a flag, a run of flags (`-sSL`),
 * or a name whose value is the next word.
 */
function splitCurlOption(
  word: Word,
): { name: string; value: Word | undefined; flags: string[] } {
  const name = word.text;
  const eq = name.indexOf("=");
  if (name.startsWith("--") && eq !== -1) {
    const value = { text: name.slice(eq + 1), offset: word.offset };
    return { name: name.slice(0, eq), value, flags: [] };
  }
  if (/^-[A-Za-z]./.test(name) && CURL_VALUE_OPTIONS[name.slice(0, 2)]) {
    const value = { text: name.slice(2), offset: word.offset + 2 }; // -XPOST
    return { name: name.slice(0, 2), value, flags: [] };
  }
  if (CURL_FLAGS.has(name)) return { name, value: undefined, flags: [name] };
  if (/^-[A-Za-z]{2,}$/.test(name)) {
    const flags = [...name.slice(1)].map((c) => `-${c}`); // -sSL
    if (flags.every((f) => CURL_FLAGS.has(f))) {
      return { name, value: undefined, flags };
    }
  }
  return { name, value: undefined, flags: [] };
}

/** Adds what an option with a value says: the method, a header, data… */
function addCurlOption(parts: CurlParts, kind: string, value: Word): void {
  const v = value.text;
  switch (kind) {
    case "request":
      parts.method = v;
      break;
    case "header": {
      const colon = v.indexOf(":");
      if (colon <= 0) {
        syntax("curl command", 'header must be "Name: value"', value.offset);
      }
      parts.headers.push([v.slice(0, colon).trim(), v.slice(colon + 1).trim()]);
      break;
    }
    case "data":
    case "data-raw":
      if (kind === "data" && v.startsWith("@")) {
        syntax(
          "curl command",
          "data read from a file (@file) cannot be imported",
          value.offset,
        );
      }
      parts.data.push(kind === "data" ? v.replace(/[\r\n]/g, "") : v);
      break;
    case "data-urlencode":
      parts.data.push(curlUrlencode(v));
      break;
    case "url":
      parts.url = v;
      break;
    case "user-agent":
      parts.headers.push(["User-Agent", v]);
      break;
    case "referer":
      parts.headers.push(["Referer", v]);
      break;
    case "cookie":
      parts.headers.push(["Cookie", v]);
      break;
  }
}

/**
 * The request curl would send: the URL with a scheme, the data joined as the
 * body (or, with `-G`, added to the query), a form Content-Type for data
 * that has none, and POST for a body when no method was given.
 */
function curlRequest(parts: CurlParts, end: number): CapturedRequest {
  let { url } = parts;
  const { headers, data } = parts;
  if (url === undefined) {
    return syntax("curl command", "the URL is missing", end);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`; // as curl does
  let body: string | undefined = data.length > 0 ? data.join("&") : undefined;
  if (parts.get && body !== undefined) {
    url += (url.includes("?") ? "&" : "?") + body;
    body = undefined;
  }
  if (
    body !== undefined && headerValue(headers, "content-type") === undefined
  ) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  return captureRequest({
    method: parts.method ?? (body === undefined ? "GET" : "POST"),
    url,
    headers,
    body,
  });
}

// --data-urlencode: "content", "=content", "name=content" (curl(1)). curl
// escapes every byte but ALPHA, DIGIT and "-._~", as RFC 5849 §3.6 does.
function curlUrlencode(v: string): string {
  const eq = v.indexOf("=");
  if (eq === -1) return percentEncode(v);
  return (eq === 0 ? "" : v.slice(0, eq) + "=") +
    percentEncode(v.slice(eq + 1));
}

/**
 * Imports a captured request of any of the supported forms, told apart by
 * how the text starts: `curl …`, a signed `http(s)://` URL, an HTTP request
 * line (`GET /path HTTP/1.1`), or an `OAuth …` header (which needs
 * `options.url`).
 *
 * @param text The captured text.
 * @param options What the text does not carry: method, URL, body, scheme.
 * @returns The captured request.
 * @throws {OAuthSyntaxError} If the text is none of the supported forms or
 * cannot be parsed.
 * @throws {TypeError} If a header is given without `options.url`, or an
 * option is given that the text carries itself (any option for a curl
 * command; all but `scheme` for an HTTP request).
 *
 * @example
 * ```ts
 * import { importRequest } from "@oauth1/steps/import";
 * import assert from "node:assert/strict";
 *
 * const captured = importRequest("curl 'https://example.com/a?oauth_consumer_key=k&oauth_signature=s'");
 * assert.equal(captured.placement, "query");
 * ```
 */
export function importRequest(
  text: string,
  options: ImportOptions = {},
): CapturedRequest {
  if (typeof text !== "string") {
    throw new TypeError(
      `Cannot import request: text must be a string: current type is ${typeof text}`,
    );
  }
  const start = text.trimStart();
  if (/^curl(\s|$)/.test(start)) {
    refuseOptions(options, [], "a curl command");
    return importCurl(text);
  }
  if (/^https?:\/\//i.test(start)) return importSignedUrl(text, options);
  if (/^(authorization\s*:\s*)?oauth(\s|$)/i.test(start)) {
    return importAuthorizationHeader(text, options);
  }
  if (/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+ \S+ HTTP\/\d/.test(start)) {
    return importHttpRequest(text, options);
  }
  throw new OAuthSyntaxError(
    "Cannot import request: text must be a curl command, a signed URL, an HTTP request or an OAuth Authorization header at offset 0",
    0,
  );
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type { Placement } from "./sign.ts";
