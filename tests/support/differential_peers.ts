// The three signers of the differential test (differential_test.ts): ours,
// oauthlib 3.2.2 (oauthlib_oracle.py, one /usr/bin/python3 run for every case,
// recorded in tests/testdata/oracle/) and npm:oauth-sign 0.9.0.
import { createHash } from "node:crypto";
import querystring from "node:querystring";
import { generateBase, sign as oauthSign } from "oauth-sign";
import { signRequest } from "../../mod.ts";
import { type Case, FORM } from "./differential_cases.ts";
import { oracle } from "./oracle.ts";
import { rsaTestKey } from "./support.ts";

/** The four values of one signer; `sig` is null where a peer lacks the method. */
export interface Result {
  bsu?: string;
  norm?: string;
  bs?: string;
  sig?: string | null;
  error?: string;
  /** The parts oauthlib's urldecode() refuses: "query", "body". */
  refused?: string[];
}

/** oauthlib's views of one case; oauthlib_oracle.py says what each is. */
export interface OauthlibResult {
  id: string;
  given: Result;
  givenOnce: Result;
  wire: Result;
  wireOnce: Result;
  server: Result;
  serverOnce: Result;
}

/** Our values, and the request toRequest() built, as a server reads it. */
export interface Ours extends Result {
  sent: {
    url: string;
    authorization: string | null;
    contentType: string | null;
    body: string | null;
  };
}

/** The suite's fixed RSA test key, as the PKCS#8 PEM all three signers read. */
export async function privateKey(): Promise<string> {
  return (await rsaTestKey()).pem;
}

function bodyText(c: Case): string | undefined {
  const body = c.body;
  if (body === undefined) return undefined;
  return typeof body === "string"
    ? body
    : body instanceof Uint8Array
    ? new TextDecoder().decode(body)
    : body.toString();
}

function contentType(c: Case): string | undefined {
  return c.headers["content-type"] ??
    (c.body instanceof URLSearchParams ? FORM : undefined);
}

function isForm(type: string | undefined): boolean {
  return type?.split(";")[0]?.trim().toLowerCase() === FORM;
}

/** The URL as fetch sends it: WHATWG-serialized, without the fragment. */
export function wireUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}

/** Signs the case with signRequest() and reads back the request it built. */
export async function ours(c: Case): Promise<Ours> {
  const body = c.body === undefined ? {} : { body: c.body };
  const request = c.asRequest
    ? new Request(c.url, { method: c.method, headers: c.headers, ...body })
    : { method: c.method, url: c.url, headers: c.headers, ...body };
  const signed = await signRequest(
    request,
    { ...c.credentials, privateKey: await privateKey() },
    c.options,
  );
  const sent = signed.toRequest();
  return {
    bsu: signed.baseStringUri,
    norm: signed.normalizedParameters,
    bs: signed.baseString,
    sig: signed.signature,
    sent: {
      url: sent.url,
      authorization: sent.headers.get("authorization"),
      contentType: sent.headers.get("content-type"),
      body: sent.body === null ? null : await sent.text(),
    },
  };
}

/** The protocol parameters, built from the case alone (not from ours). */
function protocolPairs(c: Case): [string, string][] {
  const { credentials: k, options: o } = c;
  const pairs: [string, string][] = [["oauth_consumer_key", k.consumerKey]];
  if (k.token !== undefined) pairs.push(["oauth_token", k.token]);
  pairs.push(
    ["oauth_signature_method", o.signatureMethod],
    ["oauth_timestamp", String(o.timestamp)],
    ["oauth_nonce", o.nonce],
  );
  if (o.version !== false) pairs.push(["oauth_version", "1.0"]);
  if (o.callback !== undefined) pairs.push(["oauth_callback", o.callback]);
  if (o.verifier !== undefined) pairs.push(["oauth_verifier", o.verifier]);
  if (o.bodyHash !== undefined) {
    // draft-eaton-oauth-bodyhash-00 §3.1: base64 of the plain digest.
    const hash = createHash(o.bodyHash === "SHA-1" ? "sha1" : "sha256");
    pairs.push([
      "oauth_body_hash",
      hash.update(bodyText(c) ?? "").digest("base64"),
    ]);
  }
  return pairs;
}

const OAUTH_SIGN_METHODS = [
  "HMAC-SHA1",
  "HMAC-SHA256",
  "PLAINTEXT",
  "RSA-SHA1",
];

/**
 * oauth-sign as the `request` library used it: the query (taken from the URL
 * text) and the form body parsed with Node's querystring into one object, a
 * repeated name becoming an array, and the protocol parameters added.
 * oauth-sign has no base string URI step: `bsu` is the one it is given.
 *
 * @param c The case.
 * @param url The URL to read the query from: as given, or as sent.
 * @param bsu The base string URI to sign.
 * @returns oauth-sign's values; `sig` is null for a method it lacks.
 */
export async function oauthSignView(
  c: Case,
  url: string,
  bsu: string,
): Promise<Result> {
  const key = await privateKey();
  try {
    const query = /^[^?#]*\?([^#]*)/.exec(url)?.[1] ?? "";
    const form = isForm(contentType(c)) ? bodyText(c) ?? "" : "";
    const params = querystring.parse(`${query}&${form}`);
    for (const [name, value] of protocolPairs(c)) {
      const old = params[name];
      params[name] = old === undefined ? value : [old, value].flat();
    }
    const bs: string = generateBase(c.method, bsu, params);
    const [, uri = "", norm = ""] = bs.split("&").map(decodeURIComponent);
    const name = c.options.signatureMethod;
    const secrets = name === "RSA-SHA1"
      ? [key]
      : [c.credentials.consumerSecret, c.credentials.tokenSecret];
    const sig: string | null = OAUTH_SIGN_METHODS.includes(name)
      ? oauthSign(name, c.method, bsu, params, ...secrets)
      : null;
    return { bsu: uri, norm, bs, sig };
  } catch (error) {
    return { error: String(error) };
  }
}

/**
 * Signs every case with signRequest(), then asks oauthlib once about all of
 * them: the request as given, as sent on the wire, and as toRequest() built it.
 *
 * @param recording The name of oauthlib's recorded answers (see _oracle.ts).
 * @param cases The cases.
 * @returns Our result (or the error signRequest() threw) and oauthlib's, by id.
 */
export async function runAll(
  recording: string,
  cases: readonly Case[],
): Promise<Map<string, { ours: Ours | Error; oauthlib?: OauthlibResult }>> {
  const results = new Map<
    string,
    { ours: Ours | Error; oauthlib?: OauthlibResult }
  >();
  const input = [];
  for (const c of cases) {
    const outcome = await ours(c).catch((error: Error) => error);
    results.set(c.id, { ours: outcome });
    if (outcome instanceof Error) continue;
    const given = {
      method: c.method,
      url: c.url,
      body: bodyText(c) ?? null,
      contentType: contentType(c) ?? null,
      host: c.headers.host ?? null,
    };
    input.push({
      id: c.id,
      oauth: {
        ...c.credentials,
        ...c.options,
        version: c.options.version !== false,
      },
      given,
      wire: { ...given, url: wireUrl(c.url) },
      sent: { ...outcome.sent, method: c.method, host: given.host },
    });
  }
  const lib = await oracle(
    recording,
    new URL("../oauthlib_oracle.py", import.meta.url),
    { rsaKey: await privateKey(), cases: input },
  ) as ({ id: string } & Record<string, string | Result>)[];
  for (const { id, ...views } of lib) {
    // oauthlib_oracle.py writes a view equal to an earlier one as its name.
    for (const [name, view] of Object.entries(views)) {
      if (typeof view === "string") views[name] = views[view]!;
    }
    results.get(id)!.oauthlib = { id, ...views } as unknown as OauthlibResult;
  }
  return results;
}
