/**
 * Step 3 of a signature: the signature base string of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1 | RFC 5849 §3.4.1.1}.
 *
 * @module
 */

import { percentEncode } from "./percent_encode.ts";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Joins the HTTP method, the base string URI and the normalized parameters
 * into the signature base string: `METHOD&encode(uri)&encode(parameters)`.
 *
 * @param method The HTTP request method; it is upper-cased and, when it is a
 * custom method, percent-encoded.
 * @param baseStringUri The base string URI (step 1).
 * @param normalizedParameters The normalized parameters (step 2).
 * @returns The signature base string.
 * @throws {TypeError} If the method is not an HTTP token.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1}
 *
 * @example The base string of RFC 5849 §1.2's photo request
 * ```ts
 * import { signatureBaseString } from "@oauth1/steps/signature-base-string";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   signatureBaseString(
 *     "GET",
 *     "http://photos.example.net/photos",
 *     "file=vacation.jpg&oauth_consumer_key=dpf43f3p2l4k3l03",
 *   ),
 *   "GET&http%3A%2F%2Fphotos.example.net%2Fphotos" +
 *     "&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03",
 * );
 * ```
 */
export function signatureBaseString(
  method: string,
  baseStringUri: string,
  normalizedParameters: string,
): string {
  if (typeof method !== "string" || !TOKEN.test(method)) {
    throw new TypeError(
      `Cannot build signature base string: method must be an HTTP token such as "GET": current method is "${method}"`,
    );
  }
  return `${percentEncode(method.toUpperCase())}&${
    percentEncode(baseStringUri)
  }&${percentEncode(normalizedParameters)}`;
}
