// Hex and base64 built on what every supported runtime has (atob, btoa):
// `Uint8Array.prototype.toBase64`/`toHex` and `Uint8Array.fromBase64` exist
// only from Node 25, Chrome 140, Firefox 133 and Safari 18.2.

const HEX = Array.from(
  { length: 256 },
  (_, i) => i.toString(16).padStart(2, "0"),
);

/** The bytes as lower-case hex digits. */
export function toHex(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += HEX[byte];
  return text;
}

/** The bytes as standard, padded base64 (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In chunks: fromCharCode's argument count is limited.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const SEXTET = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes canonical base64: the standard alphabet, padded to a multiple of
 * four, with the unused bits of the last character zero. Anything else
 * (base64url, missing or extra padding, white space, changed padding bits)
 * throws, so that two spellings of one digest are never both accepted.
 *
 * @throws {SyntaxError} If the text is not canonical base64.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (
    text.length % 4 !== 0 ||
    !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)
  ) {
    throw new SyntaxError(
      `Cannot decode base64: text must be canonical base64 (A-Z a-z 0-9 + /, padded with "="): current text has ${text.length} characters`,
    );
  }
  // Decoded here rather than with atob() and checked without encoding again:
  // this runs on every signature a verifier reads.
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < text.length - padding; i++) {
    bits = ((bits << 6) | SEXTET[text.charCodeAt(i)]!) & 0xffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = bits >> count;
    }
  }
  if ((bits & ((1 << count) - 1)) !== 0) {
    throw new SyntaxError(
      "Cannot decode base64: the unused bits of the last character must be zero",
    );
  }
  return bytes;
}
