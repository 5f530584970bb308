// The playground's state as plain data, and what the page asks of the library
// with it: signing, the captured request for What-if, the share link and the
// exports. No DOM here, so each piece can be read (and tested) on its own.

import {
  builtInSignatureMethod,
  type CapturedRequest,
  captureRequest,
  percentEncode,
  type Placement,
  type SignatureMethodName,
  type SignedRequest,
  signRequest,
} from "../mod.ts";
import { curlLine } from "../core/curl.ts";

/** The fields of the "Sign and watch" form, all as typed. */
export interface Fields {
  method: string;
  url: string;
  bodyKind: "none" | "form" | "text";
  body: string;
  contentType: string;
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
  privateKey: string;
  signatureMethod: SignatureMethodName;
  placement: Placement;
  realm: string;
  callback: string;
  verifier: string;
  nonce: string;
  timestamp: string;
  version: boolean;
}

/** The fields that hold a secret: never in a link, an export or the DOM. */
export const SECRET_FIELDS = [
  "consumerSecret",
  "tokenSecret",
  "privateKey",
] as const satisfies readonly (keyof Fields)[];

export const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

/** A blank form, onto which a preset or a share link is laid. */
export const BLANK_FIELDS: Readonly<Fields> = {
  method: "GET",
  url: "",
  bodyKind: "none",
  body: "",
  contentType: "text/plain",
  consumerKey: "",
  consumerSecret: "",
  token: "",
  tokenSecret: "",
  privateKey: "",
  signatureMethod: "HMAC-SHA1",
  placement: "header",
  realm: "",
  callback: "",
  verifier: "",
  nonce: "",
  timestamp: "",
  version: false,
};

/** The form as it first appears: RFC 5849 §1.2's protected resource. */
export const DEFAULT_FIELDS: Readonly<Fields> = {
  ...BLANK_FIELDS,
  method: "GET",
  url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
  realm: "Photos",
  nonce: "chapoH",
  timestamp: "137131202",
};

const isRsa = (f: Fields): boolean => f.signatureMethod.startsWith("RSA-");

function contentTypeOf(f: Fields): string | undefined {
  return f.bodyKind === "form"
    ? "application/x-www-form-urlencoded"
    : f.bodyKind === "text"
    ? f.contentType || "text/plain"
    : undefined;
}

/** Signs the fields with the library; throws what `signRequest()` throws. */
export function signFields(
  f: Fields,
  reveal: boolean,
): Promise<SignedRequest> {
  const contentType = contentTypeOf(f);
  const timestamp = /^\s*\d+\s*$/.test(f.timestamp)
    ? Number(f.timestamp)
    : Number.NaN;
  return signRequest(
    {
      method: f.method,
      url: f.url,
      headers: contentType === undefined ? [] : [[
        "Content-Type",
        contentType,
      ]],
      body: contentType === undefined ? null : f.body,
    },
    {
      consumerKey: f.consumerKey,
      consumerSecret: f.consumerSecret,
      ...(f.token === "" ? {} : { token: f.token }),
      ...(f.tokenSecret === "" ? {} : { tokenSecret: f.tokenSecret }),
      ...(isRsa(f) ? { privateKey: f.privateKey } : {}),
    },
    {
      signatureMethod: f.signatureMethod,
      nonce: f.nonce,
      timestamp,
      version: f.version ? "1.0" : false,
      placement: f.placement,
      revealSecrets: reveal,
      ...(f.realm === "" ? {} : { realm: f.realm }),
      ...(f.callback === "" ? {} : { callback: f.callback }),
      ...(f.verifier === "" ? {} : { verifier: f.verifier }),
    },
  );
}

/** The signed request as a server receives it, for `whatIf()`. */
export function capturedOf(f: Fields, signed: SignedRequest): CapturedRequest {
  const contentType = contentTypeOf(f);
  return captureRequest({
    method: f.method,
    url: f.url,
    headers: [
      ...(contentType === undefined
        ? []
        : [["Content-Type", contentType] as const]),
      ["Authorization", signed.authorization],
    ],
    body: contentType === undefined ? undefined : f.body,
  });
}

/** The secrets of the fields, as `explain()` and `whatIf()` take them. */
export function secretsOf(f: Fields): {
  consumerSecret: string;
  tokenSecret: string;
  privateKey?: string;
} {
  return {
    consumerSecret: f.consumerSecret,
    tokenSecret: f.tokenSecret,
    ...(isRsa(f) ? { privateKey: f.privateKey } : {}),
  };
}

/** The three placements and a curl line; PLAINTEXT's key masked unless revealed. */
export async function placementsOf(
  signed: SignedRequest,
  f: Fields,
  reveal: boolean,
): Promise<
  { header: string; url: string; body: string | undefined; curl: string }
> {
  const secret = f.signatureMethod === "PLAINTEXT" && !reveal;
  const mask = (text: string): string =>
    secret
      ? text.replaceAll(percentEncode(signed.signature), "(masked)")
        .replaceAll(signed.signature, "(masked)")
      : text;
  return {
    header: mask(`Authorization: ${signed.authorization}`),
    url: mask(signed.url),
    body: signed.body === undefined ? undefined : mask(signed.body),
    // A GET or HEAD with a body cannot be a Web Request: no curl line then.
    curl: await (async () => mask(await curlLine(signed.toRequest())))()
      .catch((error: Error) => `(no curl line: ${error.message})`),
  };
}

const SHARED = (Object.keys(BLANK_FIELDS) as (keyof Fields)[]).filter(
  (name) => !(SECRET_FIELDS as readonly string[]).includes(name),
);

/** The URL fragment of a share link: the non-secret fields only. */
export function shareFragment(f: Fields): string {
  const params = new URLSearchParams();
  for (const name of SHARED) params.set(name, String(f[name]));
  return params.toString();
}

/** Reads a share link's fragment back; unknown and secret names are ignored. */
export function readFragment(fragment: string): Partial<Fields> {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const fields: Record<string, string | boolean> = {};
  for (const name of SHARED) {
    const value = params.get(name);
    if (value === null) continue;
    fields[name] = name === "version" ? value === "true" : value;
  }
  if (!METHODS.includes(String(fields.method ?? "GET"))) delete fields.method;
  if (
    builtInSignatureMethod(String(fields.signatureMethod ?? "HMAC-SHA1")) ===
      undefined
  ) delete fields.signatureMethod;
  if (
    !["header", "query", "body"].includes(String(fields.placement ?? "header"))
  ) {
    delete fields.placement;
  }
  if (!["none", "form", "text"].includes(String(fields.bodyKind ?? "none"))) {
    delete fields.bodyKind;
  }
  return fields as Partial<Fields>;
}

/**
 * The request as a test vector, in the shape of tests/testdata/published.json;
 * the secrets only when revealed, otherwise their length and fingerprint.
 */
export function testVector(
  f: Fields,
  signed: SignedRequest,
  reveal: boolean,
): Record<string, unknown> {
  const step4 = signed.trace.find((s) => s.step === "signature");
  const shown = (name: "consumerSecret" | "tokenSecret"): string => {
    const view = step4?.step === "signature" ? step4.key[name] : undefined;
    return reveal
      ? f[name]
      : `(masked: ${view?.length ?? 0} characters, ${view?.fingerprint ?? ""})`;
  };
  const contentType = contentTypeOf(f);
  return {
    id: "playground",
    source: "the @oauth1/steps playground",
    method: f.method,
    url: f.url,
    ...(contentType === undefined ? {} : { body: f.body, contentType }),
    ...(f.realm === "" ? {} : { realm: f.realm }),
    oauth: Object.fromEntries(
      signed.oauthParameters.filter(([n]) => n !== "oauth_signature"),
    ),
    consumerSecret: shown("consumerSecret"),
    tokenSecret: shown("tokenSecret"),
    expected: {
      baseStringUri: signed.baseStringUri,
      normalizedParameters: signed.normalizedParameters,
      baseString: signed.baseString,
      signature: f.signatureMethod === "PLAINTEXT" && !reveal
        ? "(masked)"
        : signed.signature,
    },
  };
}
