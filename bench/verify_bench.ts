// verifyRequest() beside signRequest(), on the request of sign_bench.ts:
// 2 query parameters and the 6 protocol parameters. Each verification gets
// a request signed with a fresh nonce outside the timed part (b.start() and
// b.end()), so every one is accepted. Run with `deno task bench`.
import {
  memoryNonceStore,
  type NonceStore,
  signRequest,
  verifyRequest,
} from "../mod.ts";
import { kvNonceStore } from "../server/nonce_store_kv.ts";
import { NODE_CRYPTO_SIGNATURE_METHODS } from "../steps/node_crypto.ts";

const url =
  "https://api.example.com/1.1/statuses/home_timeline.json?count=20&include_entities=true";
const credentials = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const timestamp = 1318622958;
const lookup = {
  consumer: (key: string) =>
    Promise.resolve(
      key === credentials.consumerKey
        ? { secret: credentials.consumerSecret }
        : undefined,
    ),
  token: (token: string) =>
    Promise.resolve(
      token === credentials.token
        ? { secret: credentials.tokenSecret }
        : undefined,
    ),
};
let counter = 0;

async function fresh(placement: "header" | "query"): Promise<Request> {
  const signed = await signRequest({ method: "GET", url }, credentials, {
    nonce: `bench-${++counter}`,
    timestamp,
    placement,
  });
  return signed.toRequest();
}

async function verify(
  request: Request,
  nonceStore: NonceStore,
  signatureMethods?: typeof NODE_CRYPTO_SIGNATURE_METHODS,
): Promise<void> {
  const result = await verifyRequest(request, lookup, {
    nonceStore,
    now: timestamp,
    ...(signatureMethods && { signatureMethods }),
  });
  if (!result.ok) {
    throw new Error(`Bench request refused: ${result.problem.code}`);
  }
}

const memory = memoryNonceStore({ maxSize: 50_000_000, since: 0 });
const kv = kvNonceStore(await Deno.openKv(":memory:"));
await verify(await fresh("header"), memory); // the bench measures successes

Deno.bench("signRequest()", {
  group: "verify",
  baseline: true,
}, async () => {
  await signRequest({ method: "GET", url }, credentials, {
    nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
    timestamp,
  });
});

for (const placement of ["header", "query"] as const) {
  Deno.bench(`verifyRequest(), ${placement}, memoryNonceStore()`, {
    group: "verify",
  }, async (b) => {
    const request = await fresh(placement);
    b.start();
    await verify(request, memory);
    b.end();
  });
}

Deno.bench("verifyRequest(), header, memoryNonceStore(), node-crypto", {
  group: "verify",
}, async (b) => {
  const request = await fresh("header");
  b.start();
  await verify(request, memory, NODE_CRYPTO_SIGNATURE_METHODS);
  b.end();
});

Deno.bench("verifyRequest(), header, kvNonceStore() on :memory: KV", {
  group: "verify",
}, async (b) => {
  const request = await fresh("header");
  b.start();
  await verify(request, kv);
  b.end();
});
