// What explain() and whatIf() start from: the correct computation of a
// captured request, as RFC 5849 §3.4 has it, and the values sent that the
// knobs read (the raw query, the realm, the body hash computed each way).

import type { CauseContext } from "./_knobs.ts";
import type { Computation } from "./conventions.ts";
import { toBase64, toHex } from "../core/codec.ts";
import { headerValue, oauthAuthorization } from "../core/headers.ts";
import type { CapturedRequest } from "../client/import.ts";
import { parseAuthorizationHeader } from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";
import { collectParameters } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import type { SigningSecrets } from "../steps/signature.ts";

// The correct computation of a captured request, and what the causes read.
export async function prepare(
  captured: CapturedRequest,
  secrets: SigningSecrets,
): Promise<{
  correct: Computation;
  context: CauseContext;
  uri: ReturnType<typeof baseStringUri>;
  contentType: string | undefined;
  host: string | undefined;
}> {
  const methodName = first(captured.oauth, "oauth_signature_method")!;
  const header = oauthAuthorization(captured.headers);
  const headerOAuth = header === undefined
    ? []
    : parseAuthorizationHeader(header, { lenient: true }).parameters;
  const contentType = headerValue(captured.headers, "content-type");
  const host = headerValue(captured.headers, "host");
  const uri = baseStringUri(
    captured.url,
    host === undefined ? undefined : { host },
  );
  const parameters = collectParameters({
    url: captured.url,
    body: captured.body,
    contentType,
    oauth: headerOAuth,
  }).filter(([name]) => name !== "oauth_signature");
  const correct: Computation = {
    method: captured.method.toUpperCase(),
    uri: uri.uri,
    parameters,
    encode: percentEncode,
    sort: "encoded",
    joinRaw: false,
    signatureMethod: methodName,
    keyEncoded: true,
    keyAmpersand: true,
    keySecrets: "rfc",
    consumerKey: first(captured.oauth, "oauth_consumer_key") ?? "",
    digestText: "base64",
  };
  const context: CauseContext = {
    rawQuery: new URL(captured.url).search.slice(1).split("&").filter((
      piece,
    ) => piece !== "" && !piece.startsWith("oauth_")).join("&"),
    body: captured.body,
    contentType,
    realm: captured.realm,
    timestamp: first(captured.oauth, "oauth_timestamp"),
    nonce: first(captured.oauth, "oauth_nonce"),
    rawUrl: captured.url,
    uri: uri.uri,
    signatureMethod: methodName,
    signature: first(captured.oauth, "oauth_signature") ?? "",
    rawSignature: header === undefined
      ? undefined
      : /oauth_signature\s*=\s*"([^"]*)"/.exec(header)?.[1],
    tokenSecret: (secrets.tokenSecret ?? "") !== "",
    bodyHash: await bodyHashes(
      first(captured.oauth, "oauth_body_hash"),
      captured.body,
      secrets,
    ),
  };
  return { correct, context, uri, contentType, host };
}

// The value of the first pair with this name.
export function first(
  pairs: readonly (readonly [string, string])[],
  name: string,
): string | undefined {
  return pairs.find(([n]) => n === name)?.[1];
}

const bytes = (text: string): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(text);

// oauth_body_hash as sent, and each way of computing it from the body sent.
async function bodyHashes(
  sent: string | undefined,
  body: string | undefined,
  secrets: SigningSecrets,
): Promise<CauseContext["bodyHash"]> {
  if (sent === undefined) return undefined;
  const data = bytes(body ?? "");
  const key = bytes(
    `${percentEncode(secrets.consumerSecret)}&${
      percentEncode(secrets.tokenSecret ?? "")
    }`,
  );
  const digests: Record<string, string> = {};
  for (const hash of ["SHA-1", "SHA-256"]) {
    const name = hash.replace("-", "").toLowerCase();
    const plain = new Uint8Array(await crypto.subtle.digest(hash, data));
    digests[name] = toBase64(plain);
    digests[`${name}-hex`] = toHex(plain);
    const hmac = await crypto.subtle.importKey(
      "raw",
      key,
      { name: "HMAC", hash },
      false,
      ["sign"],
    );
    digests[`hmac-${name}`] = toBase64(
      new Uint8Array(await crypto.subtle.sign("HMAC", hmac, data)),
    );
  }
  return { sent, digests };
}
