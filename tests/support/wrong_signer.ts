// A small OAuth 1.0a signer written for the tests, apart from the library
// (its own encoder, URL rules, sorting, and node:crypto's HMAC), that can make
// each mistake of explain()'s knob table on purpose. With no mistakes it
// follows RFC 5849 §3.4.
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import {
  type CapturedRequest,
  importAuthorizationHeader,
} from "../../client/import.ts";

export interface Mistakes {
  /** The percent-encoder used everywhere: RFC 3986 unless told. */
  encoder?:
    | "encodeURIComponent"
    | "plus-for-space"
    | "tilde-encoded"
    | "form"
    | "slash-raw";
  /** Writes the hex digits of escapes in lower case. */
  lowerHex?: boolean;
  /** Applies the encoder twice. */
  encodeTwice?: boolean;
  /**
   * Reads the query: "literal" takes the text undecoded, "keep-plus" leaves
   * + alone, "twice" decodes it twice.
   */
  query?: "literal" | "keep-plus" | "twice";
  /** Reads a form body leaving + alone. */
  formBody?: "keep-plus";
  /** Signs the URL with its query as the base string URI. */
  queryInUri?: boolean;
  /** Drops a port that is not the default. */
  dropPort?: boolean;
  /** Leaves out every parameter whose value is empty. */
  dropEmpty?: boolean;
  /** Keeps one value of a repeated name, as a map does. */
  collapse?: "first" | "last";
  /** Sorts by the raw text, not at all, or by name only. */
  order?: "raw" | "none" | "name";
  /** Joins the normalized parameters into the base string unencoded. */
  joinRaw?: boolean;
  /** Leaves the token secret out of the key. */
  tokenSecretMissing?: boolean;
  /** Puts the consumer key in the key in place of the consumer secret. */
  consumerKeyAsSecret?: boolean;
  /** Writes the digest as the base64 of its hex text. */
  base64OfHex?: boolean;
  omitFormBody?: boolean;
  /** Signs a body that is not a form as if it were one. */
  signNonFormBody?: boolean;
  signJsonBody?: boolean;
  /** Signs the text fields of a multipart/form-data body. */
  signMultipart?: boolean;
  /** Leaves the query out of the signature. */
  omitQuery?: boolean;
  /** Extra pairs signed but not sent (empty token, oauth_version, realm). */
  alsoSign?: [string, string][];
  /** Names sent but not signed. */
  leaveOut?: string[];
  sortRaw?: boolean;
  /** Replaces the base string URI. */
  uri?: (correct: string) => string;
  keyNotEncoded?: boolean;
  keyWithoutAmpersand?: boolean;
  secretsSwapped?: boolean;
  hex?: boolean;
  /** Writes the digest in base64url without padding. */
  base64url?: boolean;
  /** The hash actually used, whatever oauth_signature_method says. */
  hash?: "sha1" | "sha256";
  /** The method written into the base string. */
  method?: string;
}

export interface TestRequest {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
  /** The protocol parameters sent, oauth_signature excepted. */
  oauth: [string, string][];
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

const ENCODERS = {
  "rfc3986": rfc3986,
  "encodeURIComponent": encodeURIComponent,
  "plus-for-space": (t: string) => rfc3986(t).replace(/%20/g, "+"),
  "tilde-encoded": (t: string) => rfc3986(t).replace(/~/g, "%7E"),
  // The WHATWG form serializer: space as +, * raw, ~ encoded.
  "form": (t: string) => new URLSearchParams([["", t]]).toString().slice(1),
  // Python's quote() with its default safe="/".
  "slash-raw": (t: string) => rfc3986(t).replace(/%2F/g, "/"),
};

// The encoder a set of mistakes uses.
function encoderOf(m: Mistakes): (text: string) => string {
  const base = ENCODERS[m.encoder ?? "rfc3986"];
  const cased = m.lowerHex
    ? (t: string) => base(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())
    : base;
  return m.encodeTwice ? (t: string) => cased(cased(t)) : cased;
}

function formPairs(
  text: string,
  decode: (s: string) => string,
): [string, string][] {
  return text.split("&").filter(Boolean).map((piece) => {
    const [name = "", ...rest] = piece.split("=");
    return [decode(name), decode(rest.join("="))];
  });
}

const formDecode = (s: string): string =>
  decodeURIComponent(s.replace(/\+/g, " "));

/** The base string this signer builds. */
export function wrongBaseString(
  request: TestRequest,
  m: Mistakes = {},
): string {
  const encode = encoderOf(m);
  const url = new URL(request.url);
  const defaultPort = (url.protocol === "http:" && url.port === "80") ||
    (url.protocol === "https:" && url.port === "443");
  const port = url.port === "" || defaultPort || m.dropPort
    ? ""
    : `:${url.port}`;
  const correctUri =
    `${url.protocol}//${url.hostname.toLowerCase()}${port}${url.pathname}${
      m.queryInUri ? url.search : ""
    }`;
  const uri = m.uri ? m.uri(correctUri) : correctUri;

  const params: [string, string][] = [];
  const queryDecode = m.query === "literal"
    ? (s: string) => s
    : m.query === "keep-plus"
    ? decodeURIComponent
    : m.query === "twice"
    ? (s: string) => formDecode(formDecode(s))
    : formDecode;
  if (!m.omitQuery) {
    params.push(...formPairs(url.search.slice(1), queryDecode));
  }
  const form = (request.contentType ?? "").split(";")[0]!.trim() ===
    "application/x-www-form-urlencoded";
  if (request.body !== undefined) {
    if ((form && !m.omitFormBody) || (!form && m.signNonFormBody)) {
      params.push(
        ...formPairs(
          request.body,
          m.formBody === "keep-plus" && form ? decodeURIComponent : formDecode,
        ),
      );
    }
    if (m.signMultipart) {
      const fields = request.body.matchAll(
        /; name="([^"]+)"\r\n\r\n([^\r]*)\r\n/g,
      );
      for (const [, name, value] of fields) params.push([name!, value!]);
    }
    if (m.signJsonBody) {
      for (const [k, v] of Object.entries(JSON.parse(request.body))) {
        params.push([k, String(v)]);
      }
    }
  }
  params.push(...request.oauth);
  let signed = params.filter(([n, v]) =>
    n !== "oauth_signature" && !(m.leaveOut ?? []).includes(n) &&
    !(m.dropEmpty && v === "")
  ).concat(m.alsoSign ?? []);
  if (m.collapse !== undefined) {
    const map: Record<string, string> = {};
    for (const [n, v] of signed) {
      if (m.collapse === "last" || !(n in map)) map[n] = v;
    }
    signed = Object.entries(map);
  }
  const pairs = signed.map(([n, v]) => ({
    n,
    v,
    en: encode(n),
    ev: encode(v),
  }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = m.sortRaw ? "raw" : m.order;
  if (order !== "none") {
    pairs.sort((a, b) =>
      order === "raw"
        ? cmp(a.n, b.n) || cmp(a.v, b.v)
        : order === "name"
        ? cmp(a.en, b.en)
        : cmp(a.en, b.en) || cmp(a.ev, b.ev)
    );
  }
  const normalized = pairs.map((p) => `${p.en}=${p.ev}`).join("&");
  const method = m.method ?? request.method.toUpperCase();
  return [
    encode(method),
    encode(uri),
    m.joinRaw ? normalized : encode(normalized),
  ].join("&");
}

/** The signature this signer computes. */
export function wrongSign(
  request: TestRequest,
  secrets: { consumerSecret: string; tokenSecret?: string },
  m: Mistakes = {},
): string {
  const encode = encoderOf(m);
  const base = wrongBaseString(request, m);
  const enc = m.keyNotEncoded ? (s: string) => s : encode;
  const consumer = m.consumerKeyAsSecret
    ? request.oauth.find(([n]) => n === "oauth_consumer_key")?.[1] ?? ""
    : secrets.consumerSecret;
  const token = m.tokenSecretMissing ? "" : secrets.tokenSecret ?? "";
  const parts = [enc(consumer), enc(token)];
  if (m.secretsSwapped) parts.reverse();
  const key = parts.join(m.keyWithoutAmpersand ? "" : "&");
  const named = request.oauth.find(([n]) => n === "oauth_signature_method")
    ?.[1];
  const hash = m.hash ?? (named === "HMAC-SHA256" ? "sha256" : "sha1");
  const mac = createHmac(hash, key).update(base);
  if (m.base64OfHex) {
    return Buffer.from(mac.digest("hex"), "latin1").toString("base64");
  }
  return mac.digest(m.hex ? "hex" : m.base64url ? "base64url" : "base64");
}

/** The Authorization header that carries the parameters and signature. */
export function header(
  oauth: [string, string][],
  signature: string,
  realm?: string,
  signatureAsIs = false,
): string {
  const fields = [...oauth, ["oauth_signature", signature]].map(([n, v]) =>
    `${rfc3986(n!)}="${
      signatureAsIs && n === "oauth_signature" ? v : rfc3986(v!)
    }"`
  );
  return `OAuth ${realm === undefined ? "" : `realm="${realm}", `}${
    fields.join(", ")
  }`;
}

/**
 * The request this signer sent with a signature in its Authorization header,
 * as explain() reads it (the library's importer: the signing above never
 * uses the library).
 */
export function sentWith(
  request: TestRequest,
  signature: string,
  realm?: string,
): CapturedRequest {
  return importAuthorizationHeader(header(request.oauth, signature, realm), {
    url: request.url,
    method: request.method,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.contentType === undefined
      ? {}
      : { contentType: request.contentType }),
  });
}
