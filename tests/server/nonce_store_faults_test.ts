// Replay protection across the faults that empty a nonce store: Redis
// restarted without persistence, FLUSHALL, keys evicted under a tiny
// maxmemory, a failover to a replica that lagged behind, and a verifier
// process restarted with a memory store. In each: requests accepted before
// the fault and replayed after it are all refused; a client that was sending
// as the fault happened (createOAuthFetch(), which signs again on
// nonce_store_reset) sees at most one refusal; fresh requests are accepted.
// Each test prints its figures (requests, replays, accepted, refused, the
// refusals the client saw, and the recovery time: from the delivery of the
// client's request after the fault to its acceptance) on one line.
import assert from "node:assert/strict";
import {
  createOAuthFetch,
  memoryNonceStore,
  type NonceStore,
  problemResponse,
  type SignedRequest,
  signRequest,
  verifyRequest,
} from "../../mod.ts";
import { redisNonceStore } from "../../server/nonce_store_redis.ts";
import {
  connectRedis,
  type RedisServer,
  startRedis,
} from "../support/redis.ts";
import { startProxy } from "../support/redis_proxy.ts";
import { lookupOf } from "../support/support.ts";
import { REDIS, testWith } from "../support/tools.ts";

const URL_SIGNED = "https://api.catalog.example/catalog/titles";
const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
};
const lookup = lookupOf(CLIENT);
const REQUESTS = 200;
const FRESH = 50;

/** A verifier instance: a request in, a response out. */
type Verifier = (request: Request) => Promise<Response>;

function verifierOn(store: () => NonceStore): Verifier {
  return async (request) => {
    const result = await verifyRequest(request, lookup, {
      nonceStore: store(),
    });
    return result.ok ? new Response("ok") : problemResponse(result);
  };
}

function sign(): Promise<SignedRequest> {
  return signRequest({ method: "GET", url: URL_SIGNED }, CLIENT);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits into the next whole second of the clock. */
const nextSecond = () => sleep(1010 - Date.now() % 1000);

/** What happened around one fault. */
interface Figures {
  requests: number;
  replays: number;
  replaysAccepted: number;
  refused: Record<string, number>;
  clientRefusals: number;
  recoveryMs: number;
  fresh: number;
}

async function problemOf(response: Response): Promise<string> {
  if (response.status === 200) return "ok";
  return new URLSearchParams(await response.text()).get("oauth_problem")!;
}

/**
 * Accepts REQUESTS requests spread over the verifiers, then lets a client
 * sign a request, brings the fault about while it is on its way, and
 * delivers it a second later (`midway` runs when half are accepted); replays every request to every verifier, and
 * sends FRESH more through the client.
 */
async function throughFault(
  name: string,
  verifiers: readonly Verifier[],
  fault: () => Promise<void>,
  midway?: () => Promise<void>,
): Promise<Figures> {
  // A new store holds the nonces of requests signed from the next second on
  // (one signed in this second may have been used before it began).
  for (const verifier of verifiers) await verifier((await sign()).toRequest());
  await nextSecond();
  const requests = await Promise.all(Array.from({ length: REQUESTS }, sign));
  for (const [i, signed] of requests.entries()) {
    if (i === REQUESTS / 2) await midway?.();
    const answer = await problemOf(
      await verifiers[i % verifiers.length]!(signed.toRequest()),
    );
    assert.equal(answer, "ok", `request ${i} before the fault`);
  }
  let faultEnd: number | undefined;
  let sent = 0;
  const answers: string[] = [];
  const oauthFetch = createOAuthFetch(CLIENT, {
    fetch: async (request) => {
      if (faultEnd === undefined) {
        await fault();
        await nextSecond(); // into the next second
        faultEnd = performance.now();
      }
      const response = await verifiers[sent++ % verifiers.length]!(request);
      answers.push(await problemOf(response.clone()));
      return response;
    },
  });
  assert.equal((await oauthFetch(URL_SIGNED)).status, 200);
  const recoveryMs = performance.now() - faultEnd!;

  const refused: Record<string, number> = {};
  let replaysAccepted = 0;
  for (const signed of requests) {
    for (const verifier of verifiers) {
      const answer = await problemOf(await verifier(signed.toRequest()));
      if (answer === "ok") replaysAccepted++;
      else refused[answer] = (refused[answer] ?? 0) + 1;
    }
  }
  for (let i = 0; i < FRESH; i++) {
    assert.equal((await oauthFetch(URL_SIGNED)).status, 200, `fresh ${i}`);
  }
  const figures: Figures = {
    requests: REQUESTS,
    replays: REQUESTS * verifiers.length,
    replaysAccepted,
    refused,
    clientRefusals: answers.filter((a) => a !== "ok").length,
    recoveryMs: Math.round(recoveryMs),
    fresh: FRESH,
  };
  console.log(`figures: ${name}: ${JSON.stringify(figures)}`);
  assert.equal(replaysAccepted, 0, "replays accepted");
  assert.ok(figures.clientRefusals <= 1, `${answers}`);
  for (const answer of answers.filter((a) => a !== "ok")) {
    assert.equal(answer, "nonce_store_reset");
  }
  return figures;
}

/** A Redis verifier on a client of its own, and how to close it. */
async function redisVerifier(
  kind: "node-redis" | "ioredis",
  url: string,
  errors: unknown[] = [],
): Promise<{ verifier: Verifier; close(): Promise<void> }> {
  const { client, close } = await connectRedis(kind, url);
  const store = redisNonceStore(client, {
    onError: (error) => errors.push(error),
  });
  return { verifier: verifierOn(() => store), close };
}

/** Sends one command on a client of its own. */
async function command(port: number, args: string[]): Promise<unknown> {
  const { client, close } = await connectRedis(
    "ioredis",
    `redis://127.0.0.1:${port}`,
  );
  try {
    const io = client as import("ioredis").Redis;
    return await io.call(args[0]!, ...args.slice(1));
  } finally {
    await close();
  }
}

async function waitFor(what: string, ok: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Two verifiers on one Redis at `url`, one on each client. */
async function withTwoVerifiers<T>(
  url: string,
  test: (verifiers: Verifier[]) => Promise<T>,
): Promise<T> {
  const a = await redisVerifier("node-redis", url);
  const b = await redisVerifier("ioredis", url);
  try {
    return await test([a.verifier, b.verifier]);
  } finally {
    await a.close();
    await b.close();
  }
}

// The first replay of each request is refused as signed before the reset;
// its nonce is recorded by then, so the second is refused as used.
const RESET_THEN_USED = { nonce_store_reset: REQUESTS, nonce_used: REQUESTS };

const RESTARTS = [
  { persistence: "without persistence", args: [], refused: RESET_THEN_USED },
  // Every nonce survives: each replay is refused as used; the client's
  // request, new, meets the new run_id's marker (one nonce_store_reset).
  {
    persistence: "with persistence (appendfsync always)",
    args: ["--appendonly", "yes", "--appendfsync", "always"],
    refused: { nonce_used: 2 * REQUESTS },
  },
];

for (const { persistence, args, refused } of RESTARTS) {
  testWith(
    REDIS,
    `two verifiers on one Redis refuse every replay after Redis restarts ${persistence}, and accept fresh requests`,
    async () => {
      const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "redis-" });
      let redis: RedisServer = await startRedis({ dir, args });
      try {
        await withTwoVerifiers(redis.url, async (verifiers) => {
          const figures = await throughFault(
            `restart ${persistence}`,
            verifiers,
            async () => {
              const port = redis.port;
              await redis.stop();
              redis = await startRedis({ port, dir, args });
              await sleep(300); // both clients reconnect (every 100 ms)
            },
          );
          assert.deepEqual(figures.refused, refused);
        });
      } finally {
        await redis.stop();
        await Deno.remove(dir, { recursive: true });
      }
    },
  );
}

testWith(
  REDIS,
  "verifiers whose clocks disagree by 4 seconds leave a replay window of about that width",
  async () => {
    const redis = await startRedis();
    const { client, close } = await connectRedis("ioredis", redis.url);
    try {
      const store = redisNonceStore(client);
      const now = () => Math.floor(Date.now() / 1000);
      const verifierAt = (offset: number): Verifier => async (request) => {
        const result = await verifyRequest(request, lookup, {
          nonceStore: store,
          timestampWindow: 2,
          now: now() + offset,
        });
        return result.ok ? new Response("ok") : problemResponse(result);
      };
      const ahead = verifierAt(2);
      const behind = verifierAt(-2);
      await behind((await sign()).toRequest()); // the marker, on its clock
      await nextSecond();
      const signed = await sign();
      // The verifier ahead keeps the nonce for the window left on its clock
      // (about 1 s); the one behind accepts the timestamp 4 s longer.
      assert.equal(await problemOf(await ahead(signed.toRequest())), "ok");
      await sleep(2100);
      assert.equal(await problemOf(await behind(signed.toRequest())), "ok");
      assert.equal(
        await problemOf(await ahead(signed.toRequest())),
        "timestamp_refused",
      );
    } finally {
      await close();
      await redis.stop();
    }
  },
);

testWith(
  REDIS,
  "two verifiers on one Redis refuse every replay after FLUSHALL, and accept fresh requests",
  async () => {
    const redis = await startRedis();
    try {
      await withTwoVerifiers(redis.url, async (verifiers) => {
        const figures = await throughFault("flushall", verifiers, async () => {
          assert.equal(await command(redis.port, ["FLUSHALL"]), "OK");
        });
        assert.deepEqual(figures.refused, RESET_THEN_USED);
      });
    } finally {
      await redis.stop();
    }
  },
);

testWith(
  REDIS,
  "a Redis verifier refuses every replay after nonce keys are evicted under allkeys-lru, and says once that the policy can evict",
  async () => {
    const redis = await startRedis();
    const errors: unknown[] = [];
    const a = await redisVerifier("ioredis", redis.url, errors);
    try {
      const used = Number(
        /used_memory:(\d+)/.exec(
          String(await command(redis.port, ["INFO", "memory"])),
        )![1],
      );
      await command(redis.port, [
        "CONFIG",
        "SET",
        "maxmemory",
        String(used + 512 * 1024),
        "maxmemory-policy",
        "allkeys-lru",
      ]);
      let lost = 0;
      await throughFault("eviction", [a.verifier], async () => {
        // Another user of the same Redis fills it: older keys are evicted.
        for (let i = 0; i < 2000; i++) {
          await command(redis.port, ["SET", `cache:${i}`, "x".repeat(1024)]);
        }
        const keys = await command(redis.port, ["KEYS", "oauth1_nonce:\\[*"]);
        lost = REQUESTS - (keys as string[]).length;
        // The pressure ends (the other user is moved away, say).
        await command(redis.port, ["CONFIG", "SET", "maxmemory", "0"]);
      });
      assert.ok(lost > REQUESTS / 2, `${lost} nonce keys evicted`);
      const policy = errors.filter((e) => /maxmemory-policy/.test(String(e)));
      assert.deepEqual(policy.map(String), [
        'RangeError: Redis maxmemory-policy must be "noeviction" to keep every nonce: current policy is "allkeys-lru", which can evict nonce keys; requests signed before an eviction are refused as nonce_store_reset',
      ]);
    } finally {
      await a.close();
      await redis.stop();
    }
  },
);

testWith(
  REDIS,
  "two verifiers refuse every replay after a failover to a replica that lagged behind, and accept fresh requests",
  async () => {
    const primary = await startRedis();
    const link = startProxy(primary.port); // the replica's link to the primary
    const replica = await startRedis({
      args: ["--replicaof", "127.0.0.1", String(link.port)],
    });
    const endpoint = startProxy(primary.port); // where verifiers reach Redis
    const url = `redis://127.0.0.1:${endpoint.port}`;
    try {
      await waitFor(
        "the replica to sync",
        async () =>
          /master_link_status:up/.test(
            String(await command(replica.port, ["INFO", "replication"])),
          ),
      );
      const offset = async (port: number) =>
        Number(
          /master_repl_offset:(\d+)/.exec(
            String(await command(port, ["INFO", "replication"])),
          )![1],
        );
      let lagging = 0;
      // Half the requests reach the replica, then its link stops.
      const midway = async () => {
        await waitFor(
          "the replica to catch up",
          async () => await offset(replica.port) === await offset(primary.port),
        );
        link.pause();
      };
      const figures = await withTwoVerifiers(
        url,
        (verifiers) =>
          throughFault("failover", verifiers, async () => {
            lagging = await offset(primary.port) - await offset(replica.port);
            await primary.stop();
            link.stop();
            assert.equal(
              await command(replica.port, ["REPLICAOF", "NO", "ONE"]),
              "OK",
            );
            endpoint.moveTo(replica.port);
            await sleep(300); // both clients reconnect (every 100 ms)
          }, midway),
      );
      assert.ok(lagging > 0, `the replica lagged ${lagging} bytes`);
      // The first half is on the replica: used. The second is not: reset,
      // then used at the second verifier.
      assert.deepEqual(figures.refused, {
        nonce_store_reset: REQUESTS / 2,
        nonce_used: REQUESTS + REQUESTS / 2,
      });
    } finally {
      endpoint.stop();
      link.stop();
      await primary.stop();
      await replica.stop();
    }
  },
);

Deno.test("a verifier process restarted with a new memory store, in a later second, refuses every replay, and accepts fresh requests", async () => {
  let store = memoryNonceStore();
  await throughFault("memory restart", [verifierOn(() => store)], async () => {
    await nextSecond(); // the restart takes a moment
    store = memoryNonceStore();
  });
});

Deno.test("a memory store given the next second as since refuses every replay after a restart within the same second", async () => {
  let store = memoryNonceStore();
  await throughFault(
    "memory restart, strict",
    [verifierOn(() => store)],
    () => {
      store = memoryNonceStore({ since: Math.floor(Date.now() / 1000) + 1 });
      return Promise.resolve();
    },
  );
});

Deno.test("a store written without since() keeps working, and cannot refuse the replays its loss lets through", async () => {
  let inner = memoryNonceStore();
  const userStore: NonceStore = { use: (record) => inner.use(record) };
  const verify = verifierOn(() => userStore);
  const signed = await sign();
  assert.equal(await problemOf(await verify(signed.toRequest())), "ok");
  assert.equal(
    await problemOf(await verify(signed.toRequest())),
    "nonce_used",
  );
  await nextSecond();
  inner = memoryNonceStore(); // the store loses its memory
  assert.equal(await problemOf(await verify(signed.toRequest())), "ok");
});

Deno.test("a nonce_store_reset refusal says since when the store holds nonces, and createOAuthFetch() signs again once, from then on", async () => {
  const since = Math.floor(Date.now() / 1000) + 100;
  const store = memoryNonceStore({ since });
  const refusal = await verifierOn(() => store)((await sign()).toRequest());
  assert.equal(refusal.status, 401);
  const body = new URLSearchParams(await refusal.text());
  assert.equal(body.get("oauth_problem"), "nonce_store_reset");
  assert.match(
    body.get("oauth_problem_advice")!,
    new RegExp(
      `^Cannot verify request: oauth_timestamp must not be older than the server's nonce store, which holds the nonces used since ${since}: current timestamp is \\d+; the store was reset, sign the request again$`,
    ),
  );
  assert.match(
    body.get("oauth_acceptable_timestamps")!,
    new RegExp(`^${since}-\\d+$`),
  );

  const answers: string[] = [];
  const clientOf = (verifier: Verifier) =>
    createOAuthFetch(CLIENT, {
      fetch: async (request) => {
        const response = await verifier(request);
        answers.push(await problemOf(response.clone()));
        return response;
      },
    });
  // Signed again with T as the timestamp (within the window), and so is the
  // next request, without a refusal.
  const oauthFetch = clientOf(verifierOn(() => store));
  assert.equal((await oauthFetch(URL_SIGNED)).status, 200);
  assert.equal((await oauthFetch(URL_SIGNED)).status, 200);
  assert.deepEqual(answers.splice(0), ["nonce_store_reset", "ok", "ok"]);

  // A store reset again and again: the client tries twice, then gives up.
  const reset = memoryNonceStore();
  let resets = 0;
  const always = verifierOn(() => ({
    use: (record) => reset.use(record),
    since: (now) => Promise.resolve(now + 10 * ++resets),
  }));
  assert.equal((await clientOf(always)(URL_SIGNED)).status, 401);
  assert.deepEqual(answers, ["nonce_store_reset", "nonce_store_reset"]);
});
