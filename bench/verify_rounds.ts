// verifyRequest() in-process, one call at a time, on the load bench's
// request (bench/load.ts): with the default Web Crypto methods, with
// @oauth1/steps/node-crypto's, and with an HMAC-SHA1 whose check answers
// "valid" at once (our own work alone). Interleaved rounds; each takes the
// process's CPU time per call over CALLS requests signed beforehand, each
// with its own nonce. What the load bench's server rows cost without HTTP.
//
//     deno run -A bench/verify_rounds.ts     (VERIFY_ROUNDS, VERIFY_CALLS: 9, 2000)
import process from "node:process";
import {
  hmacSha1,
  memoryNonceStore,
  type SignatureMethod,
  signRequest,
  verifyRequest,
} from "../mod.ts";
import { NODE_CRYPTO_SIGNATURE_METHODS } from "../steps/node_crypto.ts";
import { LOAD_CLIENT, PUBLIC } from "./_load_client.ts";

const ROUNDS = Number(process.env.VERIFY_ROUNDS ?? 9);
const CALLS = Number(process.env.VERIFY_CALLS ?? 2000);
const TARGET =
  `${PUBLIC}/1.1/statuses/home_timeline.json?count=20&include_entities=true`;
const lookup = {
  consumer: () => Promise.resolve({ secret: LOAD_CLIENT.consumerSecret }),
  token: () => Promise.resolve({ secret: LOAD_CLIENT.tokenSecret }),
};
const VERIFIERS: Record<string, readonly SignatureMethod[] | undefined> = {
  "no crypto: a check that answers at once": [
    { ...hmacSha1, verify: () => Promise.resolve(true) },
  ],
  "node-crypto": NODE_CRYPTO_SIGNATURE_METHODS,
  "Web Crypto (default)": undefined,
};

let signed = 0;
/** CALLS requests, each signed with a nonce of its own. */
async function requests(): Promise<Request[]> {
  const all = [];
  for (let i = 0; i < CALLS; i++) {
    const nonce = `verify-${++signed}`;
    all.push((await signRequest({ method: "GET", url: TARGET }, LOAD_CLIENT, {
      nonce,
    })).toRequest());
  }
  return all;
}

const rounds: Record<string, number[]> = {};
for (let round = -1; round < ROUNDS; round++) { // round -1 warms up
  for (const [name, signatureMethods] of Object.entries(VERIFIERS)) {
    const batch = await requests();
    // A bench store has no earlier memory to lose: it holds every nonce.
    const nonceStore = memoryNonceStore({ since: 0 });
    const before = process.cpuUsage();
    for (const request of batch) {
      const result = await verifyRequest(request, lookup, {
        nonceStore,
        ...(signatureMethods && { signatureMethods }),
      });
      if (!result.ok) throw new Error(`Refused: ${result.problem.detail}`);
    }
    const spent = process.cpuUsage(before);
    if (round >= 0) {
      (rounds[name] ??= []).push((spent.user + spent.system) / CALLS);
    }
  }
}
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[xs.length >> 1]!;
console.log(
  `Deno ${Deno.version.deno}, ${ROUNDS} interleaved rounds of ${CALLS} calls\n`,
);
console.log("| verifyRequest() | CPU µs/call (median) | min–max |");
console.log("|---|---:|---:|");
for (const [name, xs] of Object.entries(rounds)) {
  console.log(
    `| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${
      Math.max(...xs).toFixed(1)
    } |`,
  );
}
