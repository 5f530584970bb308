// One server of bench/load.ts, in its own process: `bare` answers "ok" to
// everything; `floor` runs one crypto.subtle.verify (HMAC-SHA1, a key
// imported once, a base string prepared once) and then answers "ok", the
// least any Web Crypto verifier can cost; `memory` and `redis` verify each
// request (nonces in memory, or in the Redis at argv[1]), for the client
// whose SPKI public key is argv[2] (RSA) or whose secret is the bench's
// (HMAC); `node` verifies as `memory` does with the signature methods of
// @oauth1/steps/node-crypto; `nocrypto` verifies as `memory` does but with an
// HMAC-SHA1 whose check answers "valid" at once, the most trimming our own
// code can give.
// Prints its port.
// GET /cpu answers the process's CPU time so far, in microseconds.
import process from "node:process";
import {
  hmacSha1,
  memoryNonceStore,
  problemResponse,
  verifyRequest,
} from "../mod.ts";
import type { NonceStore, VerifyLookup } from "../mod.ts";
import { NODE_CRYPTO_SIGNATURE_METHODS } from "../steps/node_crypto.ts";
import { redisNonceStore } from "../server/nonce_store_redis.ts";
import { connectRedis } from "../tests/support/redis.ts";
import { LOAD_CLIENT, PUBLIC } from "./_load_client.ts";

const [mode, redisUrl, publicKey] = Deno.args;
let nonceStore: NonceStore | undefined;
if (mode === "memory" || mode === "nocrypto" || mode === "node") {
  nonceStore = memoryNonceStore();
}
// For `nocrypto` only: never a verifier to copy.
const signatureMethods = mode === "nocrypto"
  ? [{ ...hmacSha1, verify: () => Promise.resolve(true) }]
  : mode === "node"
  ? NODE_CRYPTO_SIGNATURE_METHODS
  : undefined;
if (mode === "redis") {
  nonceStore = redisNonceStore(
    (await connectRedis("node-redis", redisUrl!)).client,
  );
}
const lookup: VerifyLookup = {
  consumer: (key) =>
    Promise.resolve(
      key === LOAD_CLIENT.consumerKey
        ? { secret: LOAD_CLIENT.consumerSecret, publicKey }
        : undefined,
    ),
  token: (token, key) =>
    Promise.resolve(
      token === LOAD_CLIENT.token && key === LOAD_CLIENT.consumerKey
        ? { secret: LOAD_CLIENT.tokenSecret }
        : undefined,
    ),
};

// The floor's input: a base string of this request's length, and its key.
const baseString = new TextEncoder().encode(
  `GET&https%3A%2F%2Fapi.example.com%2F1.1%2Fstatuses%2Fhome_timeline.json&${
    "x".repeat(240)
  }`,
);
const floorKey = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(
    `${LOAD_CLIENT.consumerSecret}&${LOAD_CLIENT.tokenSecret}`,
  ),
  { name: "HMAC", hash: "SHA-1" },
  false,
  ["sign", "verify"],
);
const floorSignature = await crypto.subtle.sign("HMAC", floorKey, baseString);
const floor = async () => {
  const valid = await crypto.subtle.verify(
    "HMAC",
    floorKey,
    floorSignature,
    baseString,
  );
  return new Response(valid ? "ok" : "no", { status: valid ? 200 : 401 });
};

const handler = mode === "floor"
  ? floor
  : nonceStore === undefined
  ? () => new Response("ok")
  : async (request: Request) => {
    const { pathname, search } = new URL(request.url);
    const result = await verifyRequest(request, lookup, {
      nonceStore,
      url: PUBLIC + pathname + search,
      ...(signatureMethods && { signatureMethods }),
    });
    return result.ok ? new Response("ok") : problemResponse(result);
  };

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(port),
  },
  (request) => {
    if (request.url.endsWith("/cpu")) {
      const { user, system } = process.cpuUsage();
      return new Response(String(user + system));
    }
    return handler(request);
  },
);
