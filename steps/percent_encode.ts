/**
 * Step 0 of every other step: the percent-encoding of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.6 | RFC 5849 §3.6}.
 *
 * Values are encoded over their UTF-8 bytes. The unreserved characters
 * `A-Z a-z 0-9 - . _ ~` stay as they are; every other byte becomes `%XX` with
 * upper-case hex digits. This is stricter than `encodeURIComponent`, which
 * leaves `! * ' ( )` alone, and, unlike it, a lone UTF-16 surrogate (which has
 * no UTF-8 form) is a `TypeError` that names the parameter, never a
 * `URIError` that names nothing.
 *
 * @module
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
// What encodeURIComponent leaves that RFC 5849 §3.6 encodes.
const SUB_DELIM = /[!'()*]/;
const SUB_DELIMS = /[!'()*]/g;
const HEX: Readonly<Record<string, string>> = {
  "!": "%21",
  "'": "%27",
  "(": "%28",
  ")": "%29",
  "*": "%2A",
};

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
  // A well-formed string: encodeURIComponent encodes its UTF-8 bytes as
  // upper-case %XX (ECMA-262 §19.2.6.5) and cannot throw; it is native, and
  // measured three times faster than a loop over the bytes.
  const encoded = encodeURIComponent(value);
  return SUB_DELIM.test(encoded)
    ? encoded.replace(SUB_DELIMS, (c) => HEX[c]!)
    : encoded;
}

function where(options: PercentEncodeOptions | undefined): string {
  return options?.parameter === undefined
    ? "value"
    : `parameter "${options.parameter}"`;
}
