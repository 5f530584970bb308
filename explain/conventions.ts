// The signature computation as a record of knobs, for explain()'s cause
// search. With every knob at its default it is RFC 5849 §3.4, computed by the
// steps themselves; a wrong convention turns one knob. Only the variants the
// steps have no option for are written here, and kept small.

import { toBase64, toHex } from "../core/codec.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import { normalizeParameters, type Parameter } from "../steps/parameters.ts";
import { signatureBaseString } from "../steps/signature_base_string.ts";
import {
  type SignatureMethod,
  signatureMethod,
  type SignatureMethodName,
  type SigningSecrets,
} from "../steps/signature.ts";

/** Every input of a signature, with the conventions used to combine them. */
export interface Computation {
  /** The method as written into the base string. */
  readonly method: string;
  /** The base string URI. */
  readonly uri: string;
  /** The parameters signed, decoded, with their sources. */
  readonly parameters: readonly Parameter[];
  /** The percent-encoder, for parameters, the base string and the key. */
  readonly encode: (text: string) => string;
  /** Sorts by the decoded rather than the encoded names and values. */
  readonly sortRaw: boolean;
  /** The signature method name, as signed with. */
  readonly signatureMethod: string;
  /** Builds the key from the percent-encoded secrets. */
  readonly keyEncoded: boolean;
  /** Joins the two secrets with `&`. */
  readonly keyAmpersand: boolean;
  /** Puts the token secret first. */
  readonly keySwapped: boolean;
  /** How the digest is written: base64 (RFC 5849), hex or base64url. */
  readonly digestText: "base64" | "hex" | "base64url";
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

/** Runs a computation: the steps where the knobs are standard. */
export async function compute(
  c: Computation,
  secrets: SigningSecrets,
): Promise<Computed> {
  const standard = c.encode === percentEncode;
  let normalized: string;
  if (standard && !c.sortRaw) {
    normalized = normalizeParameters(c.parameters);
  } else {
    const pairs = c.parameters.map(([name, value]) => ({
      name,
      value,
      encodedName: c.encode(name),
      encodedValue: c.encode(value),
    }));
    const key = (p: typeof pairs[number]): [string, string] =>
      c.sortRaw ? [p.name, p.value] : [p.encodedName, p.encodedValue];
    pairs.sort((a, b) => {
      const [an, av] = key(a);
      const [bn, bv] = key(b);
      return an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0;
    });
    normalized = pairs.map((p) => `${p.encodedName}=${p.encodedValue}`)
      .join("&");
  }
  const baseString = standard && c.method === c.method.toUpperCase()
    ? signatureBaseString(c.method, c.uri, normalized)
    : `${c.encode(c.method)}&${c.encode(c.uri)}&${c.encode(normalized)}`;
  const method = signatureMethod(c.signatureMethod as SignatureMethodName);
  const standardKey = standard && c.keyEncoded && c.keyAmpersand &&
    !c.keySwapped;
  let signature: string | undefined;
  let digest: Uint8Array | undefined;
  if (standardKey) {
    ({ signature, digest } = await method.sign(baseString, secrets));
  } else if (method.name.startsWith("HMAC-") || method.name === "PLAINTEXT") {
    const key = keyText(c, secrets);
    if (method.name === "PLAINTEXT") signature = key;
    else {
      digest = await hmac(key, `SHA-${method.name.slice(8)}`, baseString);
      signature = toBase64(digest);
    }
  }
  if (c.digestText === "hex") signature = digest && toHex(digest);
  if (c.digestText === "base64url") {
    signature = digest &&
      toBase64(digest).replaceAll("+", "-").replaceAll("/", "_").replace(
        /=+$/,
        "",
      );
  }
  return { normalized, baseString, signature, digest, method };
}

function keyText(c: Computation, secrets: SigningSecrets): string {
  const encode = c.keyEncoded ? c.encode : (text: string) => text;
  const parts = [
    encode(secrets.consumerSecret),
    encode(secrets.tokenSecret ?? ""),
  ];
  if (c.keySwapped) parts.reverse();
  return parts.join(c.keyAmpersand ? "&" : "");
}

const encoder = new TextEncoder();

async function hmac(
  key: string,
  hash: string,
  data: string,
): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey(
    "raw",
    encoder.encode(key),
    { name: "HMAC", hash },
    false,
    ["sign"],
  );
  return new Uint8Array(
    await crypto.subtle.sign("HMAC", imported, encoder.encode(data)),
  );
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

/** `~` encoded as `%7E`, as PHP's `rawurlencode` did before 5.3. */
export function tildeEncoded(
  encode: (text: string) => string,
): (text: string) => string {
  return (text) => encode(text).replaceAll("~", "%7E");
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
