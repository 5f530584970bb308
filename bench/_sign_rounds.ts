// One runtime's half of bench/sign_peers.ts: signRequest() with each method
// set (Web Crypto, the default, and @oauth1/steps/node-crypto) beside
// npm:oauth-sign and npm:oauth-1.0a (on node:crypto's createHmac), on the
// 8-parameter request of _sign_request.ts. Runtime-neutral (node:process and
// node:crypto only), so that Deno runs it as it is and Node or Bun run its
// bundle. Interleaved rounds: each round runs every signer CALLS times, in
// an order that turns each round, and takes the process's CPU time (user +
// system) per call; the answer, one JSON line on stdout, is every round's
// figure per signer.
import process from "node:process";
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

const ROUNDS = Number(process.env.SIGN_ROUNDS ?? 21);
const CALLS = Number(process.env.SIGN_CALLS ?? 2000);

/** Each signer, returning its signature so that they can be compared. */
const SIGNERS: Record<string, () => Promise<string> | string> = {
  "signRequest(), Web Crypto (default)": async () =>
    (await signRequest(request, credentials, { nonce, timestamp })).signature,
  "signRequest(), node-crypto": async () =>
    (await signRequest(request, credentials, {
      nonce,
      timestamp,
      signatureMethod: nodeHmacSha1,
    })).signature,
  "oauth-sign hmacsign()": () =>
    oauthSign.hmacsign(
      "GET",
      url,
      { ...query, ...protocol },
      credentials.consumerSecret,
      credentials.tokenSecret,
    ),
  "oauth-1.0a authorize()": () =>
    oauth1a.authorize(
      { url: request.url, method: "GET" },
      { key: credentials.token, secret: credentials.tokenSecret },
    ).oauth_signature,
};

/** Runs `sign` CALLS times; the CPU microseconds per call. */
async function cpuPerCall(sign: () => Promise<string> | string) {
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await sign();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / CALLS;
}

// oauth-1.0a makes its own nonce and timestamp: it signs the same request
// only in shape, so its signature is left out of the comparison.
const signatures = new Set<string>();
for (const [name, sign] of Object.entries(SIGNERS)) {
  if (!name.startsWith("oauth-1.0a")) signatures.add(await sign());
}
if (signatures.size !== 1) {
  throw new Error(`The signers disagree: ${[...signatures].join(", ")}`);
}

const names = Object.keys(SIGNERS);
const rounds: Record<string, number[]> = {};
for (const name of names) await cpuPerCall(SIGNERS[name]!); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length]!;
    (rounds[name] ??= []).push(await cpuPerCall(SIGNERS[name]!));
  }
}
const versions = process.versions as Record<string, string | undefined>;
const runtime = versions.bun !== undefined
  ? `Bun ${versions.bun}`
  : versions.deno !== undefined
  ? `Deno ${versions.deno}`
  : `Node ${versions.node}`;
console.log(JSON.stringify({ runtime, calls: CALLS, rounds }));
