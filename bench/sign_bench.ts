// signRequest() beside its peers and the floor, on one 8-parameter request:
// 2 query parameters and the 6 protocol parameters (consumer key, token,
// signature method, timestamp, nonce, version). Run with `deno task bench`;
// bench/sign_peers.ts measures the same signers in interleaved rounds of
// CPU time, under Deno and Node.
import oauthSign from "oauth-sign";
import { signRequest } from "../mod.ts";
import { nodeHmacSha1 } from "../steps/node_crypto.ts";
import {
  credentials,
  nonce,
  oauth1a,
  protocol,
  query,
  request,
  timestamp,
  url,
} from "./_sign_request.ts";

const options = { nonce, timestamp };

// The floor: one HMAC over a prepared base string with an imported key.
const prepared = await signRequest(request, credentials, options);
const baseStringBytes = new TextEncoder().encode(prepared.baseString);
const floorKey = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(
    `${credentials.consumerSecret}&${credentials.tokenSecret}`,
  ),
  { name: "HMAC", hash: "SHA-1" },
  false,
  ["sign"],
);

const oauthSignParams = { ...query, ...protocol };

Deno.bench("floor: crypto.subtle.sign over a prepared base string", {
  group: "sign",
  baseline: true,
}, async () => {
  await crypto.subtle.sign("HMAC", floorKey, baseStringBytes);
});

// A reference: the least code that signs this request with Web Crypto, with
// no checks, no trace and no normalization beyond what this URL needs. It
// shows how much of the distance to the floor any such signer must cover.
const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
async function minimalSigner(): Promise<string> {
  const parsed = new URL(request.url);
  const pairs = [...parsed.searchParams, ...Object.entries(protocol)]
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : 1)
    .map(([name, value]) => `${name}=${value}`);
  const base = `GET&${encode(parsed.origin + parsed.pathname)}&${
    encode(pairs.join("&"))
  }`;
  const digest = await crypto.subtle.sign(
    "HMAC",
    floorKey,
    new TextEncoder().encode(base),
  );
  return new Uint8Array(digest).toBase64();
}
if (await minimalSigner() !== prepared.signature) {
  throw new Error("The minimal signer must agree with signRequest()");
}

Deno.bench("reference: a minimal Web Crypto signer", {
  group: "sign",
}, async () => {
  await minimalSigner();
});

Deno.bench("signRequest() (@oauth1/steps)", { group: "sign" }, async () => {
  await signRequest(request, credentials, options);
});

Deno.bench("signRequest() with nodeHmacSha1 (@oauth1/steps/node-crypto)", {
  group: "sign",
}, async () => {
  await signRequest(request, credentials, {
    ...options,
    signatureMethod: nodeHmacSha1,
  });
});

Deno.bench("signRequest(), then its header and trace read", {
  group: "sign",
}, async () => {
  const signed = await signRequest(request, credentials, options);
  signed.authorization;
  signed.trace;
});

Deno.bench("npm:oauth-sign hmacsign()", { group: "sign" }, () => {
  oauthSign.hmacsign(
    "GET",
    url,
    oauthSignParams,
    credentials.consumerSecret,
    credentials.tokenSecret,
  );
});

Deno.bench(
  "npm:oauth-1.0a authorize() (node:crypto)",
  { group: "sign" },
  () => {
    oauth1a.authorize(
      { url: request.url, method: "GET" },
      { key: credentials.token, secret: credentials.tokenSecret },
    );
  },
);
