// The signature computation as a record of a signer's decisions, for
// explain()'s search. With every decision at the RFC's value it is RFC 5849
// §3.4, computed by the steps themselves; a knob of the table in `_knobs.ts`
// turns one decision. The computation is split where the search shares work:
// the normalized parameters and the base string (synchronous), the key text,
// the digest (Web Crypto, keys imported once), the digest's text.

import { toBase64, toHex } from "../core/codec.ts";
import { boundedCache } from "../core/cache.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import { normalizeParameters, type Parameter } from "../steps/parameters.ts";
import { signatureBaseString } from "../steps/signature_base_string.ts";
import {
  type SignatureMethod,
  signatureMethod,
  type SignatureMethodName,
  type SigningSecrets,
} from "../steps/signature.ts";

/** How the digest is written: base64 (RFC 5849) or a wrong text. */
export type DigestText = "base64" | "hex" | "base64url" | "base64-of-hex";

/** Every input of a signature, with the decisions used to combine them. */
export interface Computation {
  /** The method as written into the base string. */
  readonly method: string;
  /** The base string URI. */
  readonly uri: string;
  /** The parameters signed, decoded, with their sources. */
  readonly parameters: readonly Parameter[];
  /** The percent-encoder, for parameters, the base string and the key. */
  readonly encode: (text: string) => string;
  /**
   * The order: by encoded name then value (RFC), by the decoded text, as
   * collected, or by name only (a stable sort).
   */
  readonly sort: "encoded" | "raw" | "none" | "name";
  /** Joins the normalized parameters into the base string unencoded. */
  readonly joinRaw: boolean;
  /** The signature method name, as signed with. */
  readonly signatureMethod: string;
  /** Builds the key from the percent-encoded secrets. */
  readonly keyEncoded: boolean;
  /** Joins the two secrets with `&`. */
  readonly keyAmpersand: boolean;
  /**
   * The two halves of the key: the consumer and token secrets (RFC), swapped,
   * the token secret left out, or the consumer key in place of its secret.
   */
  readonly keySecrets: "rfc" | "swapped" | "no-token-secret" | "consumer-key";
  /** `oauth_consumer_key` as sent, for the key made with it. */
  readonly consumerKey: string;
  /** How the digest is written. */
  readonly digestText: DigestText;
}

/** What a computation produced. */
export interface Computed {
  readonly normalized: string;
  readonly baseString: string;
  /** The signature, or `undefined` when the convention cannot apply. */
  readonly signature: string | undefined;
  /** The raw digest, when the method computes one. */
  readonly digest: Uint8Array | undefined;
  /** The signature method used. */
  readonly method: SignatureMethod;
}

/** The normalized parameters (RFC 5849 §3.4.1.3.2) as the computation has them. */
export function normalizedOf(c: Computation): string {
  if (c.encode === percentEncode && c.sort === "encoded") {
    return normalizeParameters(c.parameters);
  }
  const pairs = c.parameters.map(([name, value]) => ({
    name,
    value,
    encodedName: c.encode(name),
    encodedValue: c.encode(value),
  }));
  const cmp = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0;
  if (c.sort === "raw") {
    pairs.sort((a, b) => cmp(a.name, b.name) || cmp(a.value, b.value));
  } else if (c.sort === "name") {
    pairs.sort((a, b) => cmp(a.encodedName, b.encodedName));
  } else if (c.sort === "encoded") {
    pairs.sort((a, b) =>
      cmp(a.encodedName, b.encodedName) || cmp(a.encodedValue, b.encodedValue)
    );
  }
  return pairs.map((p) => `${p.encodedName}=${p.encodedValue}`).join("&");
}

/** The signature base string (RFC 5849 §3.4.1.1) of the computation. */
export function baseStringOf(c: Computation, normalized: string): string {
  if (c.encode === percentEncode && !c.joinRaw && c.method !== "") {
    if (c.method === c.method.toUpperCase()) {
      return signatureBaseString(c.method, c.uri, normalized);
    }
  }
  return `${c.encode(c.method)}&${c.encode(c.uri)}&${
    c.joinRaw ? normalized : c.encode(normalized)
  }`;
}

/** The HMAC or PLAINTEXT key (RFC 5849 §3.4.2) as the computation builds it. */
export function keyTextOf(c: Computation, secrets: SigningSecrets): string {
  const encode = c.keyEncoded ? c.encode : (text: string) => text;
  const consumer = c.keySecrets === "consumer-key"
    ? c.consumerKey
    : secrets.consumerSecret;
  const token = c.keySecrets === "no-token-secret"
    ? ""
    : secrets.tokenSecret ?? "";
  const parts = [encode(consumer), encode(token)];
  if (c.keySecrets === "swapped") parts.reverse();
  return parts.join(c.keyAmpersand ? "&" : "");
}

const encoder = new TextEncoder();
const hmacKeys = boundedCache<string, CryptoKey>(256);

/** The HMAC digest of a base string, the key imported once per key text. */
export async function hmacDigest(
  key: string,
  hash: string,
  data: string,
): Promise<Uint8Array> {
  const imported = await hmacKeys(
    `${hash}\n${key}`,
    () =>
      crypto.subtle.importKey(
        "raw",
        encoder.encode(key),
        { name: "HMAC", hash },
        false,
        ["sign"],
      ),
  );
  return new Uint8Array(
    await crypto.subtle.sign("HMAC", imported, encoder.encode(data)),
  );
}

/** A digest written as the computation writes it. */
export function digestTextOf(digest: Uint8Array, text: DigestText): string {
  switch (text) {
    case "base64":
      return toBase64(digest);
    case "hex":
      return toHex(digest);
    case "base64url":
      return toBase64(digest).replaceAll("+", "-").replaceAll("/", "_")
        .replace(/=+$/, "");
    case "base64-of-hex":
      return toBase64(encoder.encode(toHex(digest)));
  }
}

/** Runs a computation: the steps where the decisions are the RFC's. */
export async function compute(
  c: Computation,
  secrets: SigningSecrets,
): Promise<Computed> {
  const normalized = normalizedOf(c);
  const baseString = baseStringOf(c, normalized);
  const method = signatureMethod(c.signatureMethod as SignatureMethodName);
  const standardKey = c.encode === percentEncode && c.keyEncoded &&
    c.keyAmpersand && c.keySecrets === "rfc";
  let signature: string | undefined;
  let digest: Uint8Array | undefined;
  if (standardKey && c.digestText === "base64") {
    ({ signature, digest } = await method.sign(baseString, secrets));
  } else if (method.name.startsWith("HMAC-")) {
    digest = await hmacDigest(
      keyTextOf(c, secrets),
      `SHA-${method.name.slice(8)}`,
      baseString,
    );
    signature = digestTextOf(digest, c.digestText);
  } else if (method.name === "PLAINTEXT") {
    signature = c.digestText === "base64" ? keyTextOf(c, secrets) : undefined;
  } else if (standardKey) {
    ({ digest } = await method.sign(baseString, secrets));
    signature = digest && digestTextOf(digest, c.digestText);
  }
  return { normalized, baseString, signature, digest, method };
}

/** encodeURIComponent's set: `! * ' ( )` left as they are. */
export function uriComponentSet(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) =>
    encode(text).replace(
      /%(21|2A|27|28|29)/g,
      (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
    );
}

/** Form encoding: a space written as `+`. */
export function plusForSpace(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) => encode(text).replaceAll("%20", "+");
}

/**
 * The form serializer's set (URLSearchParams, PHP's urlencode): a space
 * written as `+`, `*` left raw, `~` encoded.
 */
export function formSet(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) =>
    encode(text).replaceAll("%20", "+").replaceAll("%2A", "*").replaceAll(
      "~",
      "%7E",
    );
}

/** `~` encoded as `%7E`, as PHP's `rawurlencode` did before 5.3. */
export function tildeEncoded(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) => encode(text).replaceAll("~", "%7E");
}

/** `/` left unencoded, as Python's `quote()` does by default. */
export function slashRaw(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) => encode(text).replaceAll("%2F", "/");
}

/** The hex digits of each escape in lower case. */
export function lowerHex(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) =>
    encode(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/** The encoder applied twice. */
export function encodedTwice(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) => encode(encode(text));
}

/** The raw `name=value` pieces of a query or form, undecoded. */
export function rawPairs(text: string): [string, string][] {
  return text.split("&").filter((piece) => piece !== "").map(splitPair);
}

/** A raw `name=value` piece split at its first `=`; no `=`, no value. */
export function splitPair(piece: string): [string, string] {
  const eq = piece.indexOf("=");
  return eq === -1 ? [piece, ""] : [piece.slice(0, eq), piece.slice(eq + 1)];
}

/** Percent-decodes without reading `+` as a space; malformed text stays. */
export function decodeKeepingPlus(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
