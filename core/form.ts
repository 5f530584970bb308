// Strict reading of application/x-www-form-urlencoded text, for the answers
// of OAuth 1.0a servers (RFC 5849 §2.1, §2.3) and for callback queries.

import { OAuthSyntaxError } from "./errors.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads form text into `[name, value]` pairs, in order. `+` is a space and
 * `%XX` a byte; the bytes must be UTF-8. Every pair needs a non-empty name
 * and an `=`; empty pairs, whitespace, control characters, non-ASCII text and
 * broken escapes are errors. The text is never quoted in a message, as it
 * may hold secrets.
 */
export function parseForm(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (text === "") return pairs;
  let offset = 0;
  for (const part of text.split("&")) {
    const equals = part.indexOf("=");
    if (equals <= 0) {
      throw new OAuthSyntaxError(
        `Cannot parse form: each pair must be a non-empty name, "=" and a value: ${
          part === "" ? "empty pair" : equals === 0 ? "empty name" : 'no "="'
        } at offset ${offset}`,
        offset,
      );
    }
    pairs.push([
      decodeComponent(part.slice(0, equals), offset),
      decodeComponent(part.slice(equals + 1), offset + equals + 1),
    ]);
    offset += part.length + 1;
  }
  return pairs;
}

function decodeComponent(text: string, start: number): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) { // "%"
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new OAuthSyntaxError(
          `Cannot parse form: "%" must start an escape of two hex digits: broken escape at offset ${
            start + i
          }`,
          start + i,
        );
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (code === 0x2b) { // "+"
      bytes.push(0x20);
    } else if (code > 0x20 && code < 0x7f) {
      bytes.push(code);
    } else {
      throw new OAuthSyntaxError(
        `Cannot parse form: characters must be printable ASCII: character U+${
          code.toString(16).toUpperCase().padStart(4, "0")
        } at offset ${start + i}`,
        start + i,
      );
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    throw new OAuthSyntaxError(
      `Cannot parse form: escaped bytes must be UTF-8: invalid UTF-8 at offset ${start}`,
      start,
    );
  }
}
