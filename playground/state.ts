// The playground's state as plain data, and what the page asks of the library
// with it: signing, the captured request for What-if, the share link and the
// exports, a vendor profile's settings, and a pasted request loaded into the
// form. No DOM here, so each piece can be read (and tested) on its own.

import {
  builtInSignatureMethod,
  type CapturedRequest,
  captureRequest,
  percentEncode,
  type Placement,
  type SignatureMethodName,
  type SignedRequest,
  type SignOptions,
  signRequest,
} from "../mod.ts";
import { curlLine } from "../core/curl.ts";
import { headerValue } from "../core/headers.ts";
import { isFormContentType } from "../steps/parameters.ts";
import {
  findProfile,
  type ProfileInputs,
  type ProfileName,
  PROFILES,
  profileSignOptions,
} from "../vendors/profiles.ts";

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
  /** The vendor profile's name, or `""` for none. */
  profile: string;
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
  profile: "",
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

/** The profile's inputs that were given: an empty field is not given. */
export function givenInputs(inputs: ProfileInputs): ProfileInputs {
  return Object.fromEntries(
    Object.entries(inputs).filter(([, value]) => value.trim() !== ""),
  );
}

/**
 * The sign options of the fields' profile, as `cli sign --profile` takes
 * them: `profileSignOptions()`; none without a profile. A missing input is
 * asked for in words.
 */
export function profileOptionsOf(
  f: Fields,
  inputs: ProfileInputs,
): SignOptions {
  if (f.profile === "") return {};
  const profile = findProfile(f.profile as ProfileName);
  const given = givenInputs(inputs);
  const missing = profile.inputs.find((i) =>
    i.required && given[i.name] === undefined
  );
  if (missing !== undefined) {
    throw new TypeError(
      `${profile.brand} needs ${
        missing.description.split(";")[0]
      }: type it under Vendor profile to sign`,
    );
  }
  return profileSignOptions(profile, given);
}

/**
 * The fields with the profile's settings written in: its signature method,
 * placement, `oauth_version` and realm, as `profileSignOptions()` gives them.
 */
export function withProfile(f: Fields, inputs: ProfileInputs): Fields {
  const options = profileOptionsOf(f, inputs);
  return {
    ...f,
    ...(options.signatureMethod === undefined
      ? {}
      : { signatureMethod: options.signatureMethod as SignatureMethodName }),
    ...(options.placement === undefined
      ? {}
      : { placement: options.placement }),
    ...(options.version === undefined
      ? {}
      : { version: options.version !== false }),
    ...(options.realm === undefined ? {} : { realm: options.realm }),
  };
}

/**
 * Signs the fields with the library: the profile's options first, the
 * form's over them, as `cli sign --profile` lays its flags over the
 * profile's; throws what `signRequest()` throws.
 */
export function signFields(
  f: Fields,
  reveal: boolean,
  inputs: ProfileInputs = {},
): Promise<SignedRequest> {
  // The realm is the form's: the profile's was written into it.
  const { realm: _, ...profile } = profileOptionsOf(f, inputs);
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
      ...profile,
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

/**
 * The signed request as it goes out with the chosen placement: the
 * protocol parameters in the header, the query or the form body.
 */
export function sentOf(f: Fields, signed: SignedRequest): CapturedRequest {
  const contentType = contentTypeOf(f);
  const type: [string, string][] = contentType === undefined
    ? []
    : [["Content-Type", contentType]];
  return captureRequest({
    method: f.method,
    url: f.placement === "query" ? signed.url : f.url,
    headers: f.placement === "header"
      ? [...type, ["Authorization", signed.authorization]]
      : type,
    body: f.placement === "body"
      ? signed.body
      : contentType === undefined
      ? undefined
      : f.body,
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
  if (fields.profile !== undefined && !(String(fields.profile) in PROFILES)) {
    delete fields.profile;
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

/**
 * The form as a pasted request fills it: the request without its protocol
 * parameters, and the values those parameters carried (the secrets are not
 * in a request: they stay as in `base`).
 */
export function fieldsOfCaptured(
  captured: CapturedRequest,
  base: Fields,
): Fields {
  const sent = (name: string): string | undefined =>
    captured.oauth.find(([n]) => n === name)?.[1];
  const { request } = captured;
  const type = headerValue(request.headers, "content-type");
  const bodyKind = request.body === null
    ? "none"
    : isFormContentType(type)
    ? "form"
    : "text";
  const method = request.method.toUpperCase();
  const signatureMethod = sent("oauth_signature_method") ?? "";
  return {
    ...base,
    method: METHODS.includes(method) ? method : base.method,
    url: request.url,
    bodyKind,
    body: request.body ?? "",
    contentType: bodyKind === "text" ? type ?? "" : base.contentType,
    consumerKey: sent("oauth_consumer_key") ?? "",
    token: sent("oauth_token") ?? "",
    signatureMethod: builtInSignatureMethod(signatureMethod) === undefined
      ? base.signatureMethod
      : signatureMethod as SignatureMethodName,
    placement: captured.placement ?? "header",
    realm: captured.realm ?? "",
    callback: sent("oauth_callback") ?? "",
    verifier: sent("oauth_verifier") ?? "",
    nonce: sent("oauth_nonce") ?? "",
    timestamp: sent("oauth_timestamp") ?? "",
    version: sent("oauth_version") !== undefined,
  };
}
