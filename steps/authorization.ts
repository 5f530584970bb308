/**
 * The last step: placing the protected parameters in the request, as
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5 | RFC 5849 §3.5}
 * describes: in the `Authorization` header (§3.5.1, preferred), in a form body
 * (§3.5.2) or in the query (§3.5.3).
 *
 * @module
 */

import { OAuthSyntaxError } from "../core/errors.ts";
import { quoteName, quoteRead } from "../core/quote.ts";
import { percentEncode } from "./percent_encode.ts";

/**
 * Builds the `Authorization` header of RFC 5849 §3.5.1: `OAuth `, then the
 * realm first as a quoted-string, then each parameter as `name="value"` with
 * name and value percent-encoded, separated by `, `.
 *
 * @param parameters The protocol parameters, `oauth_signature` included.
 * @param realm The optional realm; it is not signed.
 * @returns The header value.
 * @throws {TypeError} If the realm holds a control character or a character
 * past U+00FF, or a name or value a lone surrogate.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1}
 *
 * @example The header of RFC 5849 §3.5.1
 * ```ts
 * import { authorizationHeader } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * const header = authorizationHeader([
 *   ["oauth_consumer_key", "0685bd9184jfhq22"],
 *   ["oauth_signature", "wOJIO9A2W5mFwDgiDvZbTSMK/PY="],
 * ], "Example");
 * assert.equal(
 *   header,
 *   'OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", ' +
 *     'oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D"',
 * );
 * ```
 */
export function authorizationHeader(
  parameters: Iterable<readonly [string, string]>,
  realm?: string,
): string {
  const fields: string[] = [];
  if (realm !== undefined) fields.push(`realm=${quotedString(realm)}`);
  for (const [name, value] of parameters) {
    fields.push(
      `${percentEncode(name, { parameter: name })}="${
        percentEncode(value, { parameter: name })
      }"`,
    );
  }
  return `OAuth ${fields.join(", ")}`;
}

function quotedString(text: string): string {
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(text)) {
    throw new TypeError(
      `Cannot build Authorization header: realm must not hold control characters: current realm is ${
        JSON.stringify(text)
      }`,
    );
  }
  // A header value is bytes: fetch and Headers refuse anything past U+00FF.
  if (/[\u0100-\uffff]/.test(text)) {
    throw new TypeError(
      `Cannot build Authorization header: realm must be Latin-1 text (header values are bytes): current realm is ${
        JSON.stringify(text)
      }`,
    );
  }
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Encodes parameters as `name=value` pairs joined with `&`, each side
 * percent-encoded: the form of RFC 5849 §3.5.2 (body) and §3.5.3 (query).
 *
 * @param parameters The parameters to encode, in order.
 * @returns The encoded pairs.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.2}
 *
 * @example
 * ```ts
 * import { encodeForm } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * assert.equal(encodeForm([["oauth_signature", "a+b="], ["x", "1 2"]]), "oauth_signature=a%2Bb%3D&x=1%202");
 * ```
 */
export function encodeForm(
  parameters: Iterable<readonly [string, string]>,
): string {
  const pairs: string[] = [];
  for (const [name, value] of parameters) {
    pairs.push(
      `${percentEncode(name, { parameter: name })}=${
        percentEncode(value, { parameter: name })
      }`,
    );
  }
  return pairs.join("&");
}

/**
 * Adds the protocol parameters to a URL's query (RFC 5849 §3.5.3), after the
 * parameters it already has. The fragment, never sent, is dropped.
 *
 * @param url The request URL.
 * @param parameters The protocol parameters, `oauth_signature` included.
 * @returns The URL to send.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.3}
 *
 * @example
 * ```ts
 * import { withQueryParameters } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   withQueryParameters("http://example.com/t?term=a%20b#x", [["oauth_consumer_key", "k"]]),
 *   "http://example.com/t?term=a%20b&oauth_consumer_key=k",
 * );
 * ```
 */
export function withQueryParameters(
  url: string | URL,
  parameters: Iterable<readonly [string, string]>,
): string {
  const parsed = new URL(url);
  parsed.hash = "";
  const added = encodeForm(parameters);
  if (added === "") return parsed.href;
  return parsed.search.length > 1
    ? `${parsed.href}&${added}`
    : `${parsed.href.replace(/\?$/, "")}?${added}`;
}

/**
 * Adds the protocol parameters to a form body (RFC 5849 §3.5.2), after the
 * parameters it already has. The body's own text is kept byte for byte.
 *
 * @param body The form body, possibly empty.
 * @param parameters The protocol parameters, `oauth_signature` included.
 * @returns The body to send, as `application/x-www-form-urlencoded`.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.2}
 *
 * @example
 * ```ts
 * import { withBodyParameters } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * assert.equal(withBodyParameters("status=hi", [["oauth_token", "t"]]), "status=hi&oauth_token=t");
 * ```
 */
export function withBodyParameters(
  body: string,
  parameters: Iterable<readonly [string, string]>,
): string {
  const added = encodeForm(parameters);
  return body === "" ? added : added === "" ? body : `${body}&${added}`;
}

/** What {@linkcode parseAuthorizationHeader} read from a header. */
export interface ParsedAuthorizationHeader {
  /** The `realm`, unquoted, or `undefined` when the header has none. */
  readonly realm: string | undefined;
  /**
   * Every other parameter, in the order sent, name and value
   * percent-decoded. A name may repeat: the caller decides what that means.
   */
  readonly parameters: readonly (readonly [string, string])[];
}

/** Options for {@linkcode parseAuthorizationHeader}. */
export interface ParseAuthorizationHeaderOptions {
  /**
   * Also accept what the auth-param syntax of RFC 7235 §2.1 and a pasted
   * header allow beyond RFC 5849 §3.5.1: token (unquoted) values, empty list
   * elements, a `realm` name of any case (the last one wins) and a leading
   * `Authorization:`. For importers and debuggers; a verifier keeps the
   * default, `false`.
   */
  lenient?: boolean;
}

// RFC 7230 §3.2.6 tchar.
// A run of token characters from lastIndex: one regex step per name, not
// one per character.
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]*/y;

/** Where the run of token characters that starts at `at` ends. */
function tokenEnd(header: string, at: number): number {
  TOKEN.lastIndex = at;
  TOKEN.test(header);
  return TOKEN.lastIndex;
}

/**
 * Parses an `Authorization: OAuth …` header value (RFC 5849 §3.5.1): the
 * scheme `OAuth` (any case), then `name="value"` pairs separated by commas,
 * with optional whitespace around `=` and `,`. Values must be quoted-strings
 * unless `options.lenient` is set; names and values (the realm excepted) are
 * percent-decoded as UTF-8.
 *
 * @param header The header value, such as `OAuth realm="x", oauth_nonce="y"`.
 * @param options `lenient` to accept the wider syntax of RFC 7235 §2.1.
 * @returns The realm and the other parameters in the order sent.
 * @throws {OAuthSyntaxError} If the header is not an OAuth header or is
 * malformed; `offset` tells where parsing stopped. The message never quotes
 * a value, nor more of a name than the protocol name it starts with, nor a
 * character that could belong to either (with PLAINTEXT, the signature is
 * the signing key, and a lost `="` runs it into its name).
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7235#section-2.1}
 *
 * @example The header of RFC 5849 §3.5.1
 * ```ts
 * import { parseAuthorizationHeader } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * const parsed = parseAuthorizationHeader(
 *   'OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", ' +
 *     'oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D"',
 * );
 * assert.equal(parsed.realm, "Example");
 * assert.deepEqual(parsed.parameters, [
 *   ["oauth_consumer_key", "0685bd9184jfhq22"],
 *   ["oauth_signature", "wOJIO9A2W5mFwDgiDvZbTSMK/PY="],
 * ]);
 * ```
 *
 * @example A malformed header throws with the offset
 * ```ts
 * import { OAuthSyntaxError } from "@oauth1/steps";
 * import { parseAuthorizationHeader } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * assert.throws(
 *   () => parseAuthorizationHeader('OAuth oauth_nonce=abc'),
 *   (error) => error instanceof OAuthSyntaxError && error.offset === 18,
 * );
 * ```
 *
 * @example A pasted header, read leniently
 * ```ts
 * import { parseAuthorizationHeader } from "@oauth1/steps/authorization";
 * import assert from "node:assert/strict";
 *
 * const parsed = parseAuthorizationHeader(
 *   "Authorization: OAuth oauth_nonce=abc,, oauth_version=1.0",
 *   { lenient: true },
 * );
 * assert.deepEqual(parsed.parameters, [["oauth_nonce", "abc"], ["oauth_version", "1.0"]]);
 * ```
 */
export function parseAuthorizationHeader(
  header: string,
  options: ParseAuthorizationHeaderOptions = {},
): ParsedAuthorizationHeader {
  if (typeof header !== "string") {
    throw new TypeError(
      `Cannot parse Authorization header: header must be a string: current type is ${typeof header}`,
    );
  }
  const lenient = options.lenient === true;
  const reader = new HeaderReader(header);
  readScheme(reader, lenient);
  let realm: string | undefined;
  const parameters: [string, string][] = [];
  let afterComma = false;
  for (;;) {
    // Empty list elements are allowed in lenient mode (RFC 7230 §7).
    while (lenient && header[reader.at] === ",") {
      reader.at++;
      reader.skipSpace();
    }
    if (reader.at >= header.length && !afterComma) break;
    const nameStart = reader.at;
    const rawName = readName(reader);
    const valueStart = reader.at + (header[reader.at] === '"' ? 1 : 0);
    const value = readValue(reader, lenient);
    if (lenient ? rawName.toLowerCase() === "realm" : rawName === "realm") {
      if (realm !== undefined && !lenient) {
        reader.at = nameStart;
        reader.fail("realm must appear once");
      }
      realm = value;
    } else {
      parameters.push([
        decodeAt(rawName, nameStart),
        decodeAt(value, valueStart),
      ]);
    }
    if (!readSeparator(reader, rawName)) break;
    afterComma = !lenient;
  }
  return { realm, parameters };
}

/** A header and the offset reading has reached. */
class HeaderReader {
  readonly header: string;
  at = 0;

  constructor(header: string) {
    this.header = header;
  }

  skipSpace(): void {
    while (this.header[this.at] === " " || this.header[this.at] === "\t") {
      this.at++;
    }
  }

  /** Throws: `what` was expected at the offset reached. */
  fail(what: string): never {
    const { header, at } = this;
    return syntax(
      `${what} at offset ${at}: current ${
        at >= header.length
          ? "header ends there"
          : /["', \t]/.test(header[at]!)
          ? `character is ${JSON.stringify(header[at])}`
          : "character is not a quote, comma or space"
      }`,
      at,
    );
  }
}

// The scheme, "OAuth" in any case, and the space after it (and, leniently, a
// leading "Authorization:").
function readScheme(reader: HeaderReader, lenient: boolean): void {
  const { header } = reader;
  if (lenient) {
    reader.at = /^\s*(authorization\s*:)?\s*/i.exec(header)![0].length;
  } else reader.skipSpace();
  const at = reader.at;
  if (header.slice(at, at + 5).toLowerCase() !== "oauth") {
    // Only a word followed by a space is a scheme; a lone word may be a token.
    const scheme = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?=[ \t])/.exec(
      header.slice(at),
    )?.[0];
    syntax(
      `scheme must be "OAuth": current ${
        scheme === undefined
          ? "header has no scheme"
          : `scheme is ${quoteRead(scheme, 16)}`
      } at offset ${at}`,
      at,
    );
  }
  reader.at += 5;
  if (
    reader.at < header.length && header[reader.at] !== " " &&
    header[reader.at] !== "\t"
  ) {
    reader.fail('a space must follow "OAuth"');
  }
  reader.skipSpace();
}

// A parameter name, as sent, and the "=" after it.
function readName(reader: HeaderReader): string {
  const start = reader.at;
  reader.at = tokenEnd(reader.header, start);
  if (reader.at === start) reader.fail("expected a parameter name");
  const name = reader.header.slice(start, reader.at);
  reader.skipSpace();
  if (reader.header[reader.at] !== "=") {
    reader.fail(`expected "=" after ${quoteName(name)}`);
  }
  reader.at++;
  reader.skipSpace();
  return name;
}

// A quoted-string value, unescaped, or leniently a token value; as sent.
function readValue(reader: HeaderReader, lenient: boolean): string {
  const { header } = reader;
  const start = reader.at;
  if (header[start] !== '"') {
    if (!lenient) reader.fail('expected a quoted value (")');
    reader.at = tokenEnd(header, start);
    return header.slice(start, reader.at);
  }
  let at = start + 1;
  let value = "";
  // Most values hold no backslash: take them whole, up to the quote.
  const close = header.indexOf('"', at);
  const whole = close === -1 ? "\\" : header.slice(at, close);
  if (!whole.includes("\\")) {
    value = whole;
    at = close;
  }
  while (header[at] !== '"') {
    if (at >= header.length) {
      reader.at = start;
      reader.fail("quoted value is not closed");
    }
    if (header[at] === "\\") at++;
    value += header[at] ?? "";
    at++;
  }
  reader.at = at + 1;
  return value;
}

// The "," after a value, with the spaces around it; false at the end.
function readSeparator(reader: HeaderReader, name: string): boolean {
  reader.skipSpace();
  if (reader.at >= reader.header.length) return false;
  if (reader.header[reader.at] !== ",") {
    reader.fail(`expected "," after the value of ${quoteName(name)}`);
  }
  reader.at++;
  reader.skipSpace();
  return true;
}

// The text is never quoted: with PLAINTEXT a value is the signing key.
function decodeAt(text: string, offset: number): string {
  if (!text.includes("%")) return text;
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(text);
  if (bad) {
    syntax(
      `malformed percent-encoding at offset ${offset + bad.index}`,
      offset + bad.index,
    );
  }
  try {
    return decodeURIComponent(text);
  } catch {
    return syntax(
      `percent-encoding must be valid UTF-8 at offset ${offset}`,
      offset,
    );
  }
}

function syntax(detail: string, offset: number): never {
  throw new OAuthSyntaxError(
    `Cannot parse Authorization header: ${detail}`,
    offset,
  );
}
