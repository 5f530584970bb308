/**
 * Step 0 of every other step: the percent-encoding of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.6 | RFC 5849 §3.6}.
 *
 * Values are encoded over their UTF-8 bytes. The unreserved characters
 * `A-Z a-z 0-9 - . _ ~` stay as they are; every other byte becomes `%XX` with
 * upper-case hex digits. This is stricter than `encodeURIComponent`, which
 * leaves `! * ' ( )` alone.
 *
 * @module
 */

const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, byte) => "%" + byte.toString(16).toUpperCase().padStart(2, "0"),
);
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
// One match per code point, so a surrogate pair is encoded as one character.
const RESERVED = /[^A-Za-z0-9\-._~]/gu;
const encoder = new TextEncoder();

/** Options for {@linkcode percentEncode}. */
export interface PercentEncodeOptions {
  /** The name of the parameter the value belongs to, for error messages. */
  parameter?: string;
}

/**
 * Percent-encodes a string as RFC 5849 §3.6 requires.
 *
 * @param value The text to encode.
 * @param options Where the value comes from, for error messages.
 * @returns The encoded text.
 * @throws {TypeError} If the value is not a string or holds a lone UTF-16
 * surrogate, which has no UTF-8 form.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.6}
 *
 * @example Encode the characters `encodeURIComponent` leaves alone
 * ```ts
 * import { percentEncode } from "@oauth1/steps/percent-encode";
 * import assert from "node:assert/strict";
 *
 * assert.equal(percentEncode("Ladies + Gentlemen!"), "Ladies%20%2B%20Gentlemen%21");
 * assert.equal(percentEncode("\u3001"), "%E3%80%81");
 * ```
 */
export function percentEncode(
  value: string,
  options?: PercentEncodeOptions,
): string {
  if (typeof value !== "string") {
    throw new TypeError(
      `Cannot percent-encode ${
        where(options)
      }: value must be a string: current type is ${typeof value}`,
    );
  }
  if (UNRESERVED.test(value)) return value;
  if (!value.isWellFormed()) {
    const at = [...value].findIndex((c) =>
      c.length === 1 && c >= "\uD800" && c <= "\uDFFF"
    );
    throw new TypeError(
      `Cannot percent-encode ${
        where(options)
      }: value holds a lone UTF-16 surrogate at code point ${at}, which has no UTF-8 form`,
    );
  }
  return value.replace(RESERVED, (c) => {
    if (c.length === 1 && c < "\x80") return HEX[c.charCodeAt(0)]!;
    let out = "";
    for (const byte of encoder.encode(c)) out += HEX[byte];
    return out;
  });
}

function where(options: PercentEncodeOptions | undefined): string {
  return options?.parameter === undefined
    ? "value"
    : `parameter "${options.parameter}"`;
}
