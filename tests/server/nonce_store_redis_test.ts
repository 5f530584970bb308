// redisNonceStore() on a real Redis: Debian's redis-server, started on a free
// port of 127.0.0.1 in a temporary directory, without persistence, through
// both clients it is typed for (npm:redis, node-redis v5, and npm:ioredis).
// The two-instance tests run two verifier processes (tests/support/redis_verifier.ts,
// one on each client) behind one public URL, as a load balancer would.
import assert from "node:assert/strict";
import { type SignedRequest, signRequest, verifyRequest } from "../../mod.ts";
import { redisNonceStore } from "../../server/nonce_store_redis.ts";
import { oauth1 } from "../../server/hono.ts";
import { Hono } from "hono";
import { createClient as createClientV4 } from "redis-v4";
import {
  connectRedis,
  type RedisClientKind,
  type RedisServer,
  startRedis,
} from "../support/redis.ts";
import { LOOPBACK_SERVER, spawnServer } from "../support/spawn.ts";
import { expectError, lookupOf } from "../support/support.ts";
import { REDIS, testWith } from "../support/tools.ts";

const PUBLIC = "https://api.catalog.example";
const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
};
const lookup = lookupOf(CLIENT);
const KINDS: RedisClientKind[] = ["node-redis", "ioredis"];

function sign(): Promise<SignedRequest> {
  return signRequest(
    { method: "GET", url: `${PUBLIC}/catalog/titles` },
    CLIENT,
  );
}

async function withRedis(
  test: (redis: RedisServer) => Promise<void>,
): Promise<void> {
  const redis = await startRedis();
  try {
    await test(redis);
  } finally {
    await redis.stop();
  }
}

/** A verifier process on `kind`, and its URL. */
interface Instance {
  readonly url: string;
  close(): Promise<void>;
}

async function startInstance(
  kind: RedisClientKind,
  redis: RedisServer,
): Promise<Instance> {
  const server = await spawnServer([
    ...LOOPBACK_SERVER,
    new URL("../support/redis_verifier.ts", import.meta.url).pathname,
    kind,
    redis.url,
    PUBLIC,
  ]);
  return { url: `http://127.0.0.1:${server.line}`, close: server.stop };
}

async function withInstances(
  redis: RedisServer,
  test: (a: Instance, b: Instance) => Promise<void>,
): Promise<void> {
  const [a, b] = await Promise.all(KINDS.map((k) => startInstance(k, redis)));
  try {
    await test(a!, b!);
  } finally {
    await a!.close();
    await b!.close();
  }
}

/** What an instance answered: "ok", or the problem and its advice. */
async function sendTo(
  instance: Instance,
  signed: SignedRequest,
): Promise<string> {
  const response = await fetch(instance.url + new URL(signed.url).pathname, {
    headers: { authorization: signed.authorization },
  });
  const text = await response.text();
  if (response.status === 200) return text;
  const body = new URLSearchParams(text);
  return `${body.get("oauth_problem")}: ${body.get("oauth_problem_advice")}`;
}

/**
 * Makes the store's marker on a new Redis: the first request is refused as
 * signed before it (a new Redis cannot tell it from one that was emptied),
 * and requests signed from the next second on are accepted.
 */
async function warmUp(send: () => Promise<string>): Promise<void> {
  assert.match(await send(), /^nonce_store_reset: /);
  await new Promise((resolve) => setTimeout(resolve, 1010 - Date.now() % 1000));
}

/** Runs `jobs` with at most `limit` in flight. */
async function inFlight(
  jobs: number,
  limit: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs) await job(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

Deno.test("redisNonceStore() refuses a client with neither sendCommand() nor call(), and a timeout that is not positive", async () => {
  await expectError(
    () => redisNonceStore({} as never),
    TypeError,
    "Cannot create nonce store: client must be a node-redis client (with sendCommand()) or an ioredis client (with call())",
  );
  await expectError(
    () =>
      redisNonceStore({ sendCommand: () => Promise.resolve("OK") }, {
        timeout: 0,
      }),
    RangeError,
    "Cannot create nonce store: timeout must be a positive number of milliseconds: current timeout is 0",
  );
});

Deno.test("redisNonceStore() answers unavailable, and tells onError, when Redis does not answer within the timeout", async () => {
  const errors: unknown[] = [];
  const store = redisNonceStore(
    { sendCommand: () => new Promise(() => {}) }, // never answers
    { timeout: 50, onError: (error) => errors.push(error) },
  );
  const signed = await sign();
  const result = await verifyRequest(signed.toRequest(), lookup, {
    nonceStore: store,
  });
  assert.equal(result.ok ? "accepted" : result.problem.code, "nonce_used");
  assert.match(result.ok ? "" : result.problem.detail, /store is unavailable/);
  assert.equal(
    String(errors[0]),
    "Error: Redis did not answer SET within 50 ms",
  );
});

for (const kind of KINDS) {
  testWith(
    REDIS,
    `redisNonceStore() on ${kind} accepts a nonce once, under its prefix, for the window left plus one second`,
    async () => {
      await withRedis(async (redis) => {
        const { client, close } = await connectRedis(kind, redis.url);
        try {
          const store = redisNonceStore(client, { prefix: "test:" });
          const record = {
            consumerKey: "dpf43f3p2l4k3l03",
            token: "nnch734d00sl2jdk",
            timestamp: 137131200,
            nonce: "wIjqoS",
            seenAt: 137131210,
            expiresAt: 137131500,
          };
          assert.equal(await store.use(record), true);
          assert.equal(await store.use(record), false);
          assert.equal(await store.use({ ...record, token: undefined }), true);
          const { client: raw, close: closeRaw } = await connectRedis(
            "ioredis",
            redis.url,
          );
          try {
            const io = raw as import("ioredis").Redis;
            assert.deepEqual((await io.keys("*")).sort(), [
              'test:["dpf43f3p2l4k3l03","",137131200,"wIjqoS"]',
              'test:["dpf43f3p2l4k3l03","nnch734d00sl2jdk",137131200,"wIjqoS"]',
            ]);
            const ttl = await io.ttl(
              'test:["dpf43f3p2l4k3l03","",137131200,"wIjqoS"]',
            );
            assert.ok(
              ttl > 280 && ttl <= 291,
              `TTL ${ttl} is 291 s or just under`,
            );
          } finally {
            await closeRaw();
          }
        } finally {
          await close();
        }
      });
    },
  );
}

testWith(
  REDIS,
  "two verifier processes sharing one Redis accept each of 5 000 requests exactly once when 1 000 are sent to both at once",
  async () => {
    await withRedis((redis) =>
      withInstances(redis, async (a, b) => {
        await warmUp(async () => sendTo(a, await sign()));
        const requests = await Promise.all(Array.from({ length: 5000 }, sign));
        const answers: string[][] = requests.map(() => []);
        await inFlight(requests.length, 16, async (i) => {
          const signed = requests[i]!;
          const targets = i < 1000 ? [a, b] : [i % 2 ? a : b];
          answers[i] = await Promise.all(targets.map((t) => sendTo(t, signed)));
        });
        const accepted = answers.map((list) => list.filter((x) => x === "ok"));
        assert.equal(accepted.filter((list) => list.length === 1).length, 5000);
        const refusals = answers.flat().filter((x) => x !== "ok");
        assert.equal(refusals.length, 1000);
        for (const refusal of refusals) {
          assert.match(refusal, /was used before$/);
        }
      })
    );
  },
);

testWith(
  REDIS,
  "two verifier processes refuse every request once Redis is stopped mid-run, and never accept one twice",
  async () => {
    await withRedis((redis) =>
      withInstances(redis, async (a, b) => {
        await warmUp(async () => sendTo(a, await sign()));
        const requests = await Promise.all(Array.from({ length: 400 }, sign));
        const answers: string[][] = requests.map(() => []);
        let done = 0;
        let stopping: Promise<void> | undefined;
        const afterStop = new Set<number>();
        await inFlight(requests.length, 8, async (i) => {
          // A request not yet sent when the stop begins waits for its end.
          if (stopping) {
            await stopping;
            afterStop.add(i);
          }
          answers[i] = await Promise.all(
            [a, b].map((t) => sendTo(t, requests[i]!)),
          );
          if (++done === 200) stopping = redis.stop();
        });
        // Every request, sent once more to both, after the stop.
        for (let i = 0; i < requests.length; i++) {
          answers[i]!.push(
            ...await Promise.all([a, b].map((t) => sendTo(t, requests[i]!))),
          );
        }
        const unavailable = /^nonce_used: .*nonce store is unavailable/;
        for (const [i, list] of answers.entries()) {
          const ok = list.filter((x) => x === "ok").length;
          assert.ok(ok <= 1, `request ${i} was accepted ${ok} times`);
          assert.match(list[2]!, unavailable);
          assert.match(list[3]!, unavailable);
          if (afterStop.has(i)) {
            assert.match(list[0]!, unavailable);
            assert.match(list[1]!, unavailable);
          }
        }
        assert.equal(
          answers.slice(0, 100).flat().filter((x) => x === "ok").length,
          100,
        );
        assert.ok(
          afterStop.size > 150,
          `${afterStop.size} requests after the stop`,
        );
      })
    );
  },
);

testWith(
  REDIS,
  "a nonce whose Redis key has expired is refused anyway, its timestamp being outside the window by then",
  async () => {
    await withRedis(async (redis) => {
      const { client, close } = await connectRedis("ioredis", redis.url);
      try {
        const nonceStore = redisNonceStore(client);
        await warmUp(async () => {
          const result = await verifyRequest(
            (await sign()).toRequest(),
            lookup,
            { nonceStore, timestampWindow: 1 },
          );
          return result.ok ? "ok" : `${result.problem.code}: `;
        });
        const signed = await sign();
        const verify = () =>
          verifyRequest(signed.toRequest(), lookup, {
            nonceStore,
            timestampWindow: 1,
          });
        const first = await verify();
        assert.ok(first.ok);
        const io = client as import("ioredis").Redis;
        const nonceKeys = async () =>
          (await io.keys("oauth1_nonce:\\[*")).length;
        for (let i = 0; i < 100 && (await nonceKeys()) > 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(await nonceKeys(), 0, "the nonce's key has expired");
        const replay = await verify();
        assert.equal(
          replay.ok ? "accepted" : replay.problem.code,
          "timestamp_refused",
        );
      } finally {
        await close();
      }
    });
  },
);

testWith(
  REDIS,
  "redisNonceStore() takes a node-redis v4 client as it is",
  async () => {
    await withRedis(async (redis) => {
      const client = createClientV4({ url: redis.url });
      await client.connect();
      try {
        const store = redisNonceStore(client);
        const record = {
          consumerKey: "dpf43f3p2l4k3l03",
          token: undefined,
          timestamp: 137131200,
          nonce: "chapoH",
          seenAt: 137131200,
          expiresAt: 137131500,
        };
        assert.equal(await store.use(record), true);
        assert.equal(await store.use(record), false);
        assert.equal(
          await client.exists(
            'oauth1_nonce:["dpf43f3p2l4k3l03","",137131200,"chapoH"]',
          ),
          1,
        );
      } finally {
        await client.quit();
      }
    });
  },
);

testWith(
  REDIS,
  "redisNonceStore() on a Redis that forbids CONFIG says so once through onError, and accepts requests",
  async () => {
    const redis = await startRedis({
      args: ["--rename-command", "CONFIG", ""],
    });
    const { client, close } = await connectRedis("node-redis", redis.url);
    try {
      const errors: unknown[] = [];
      const nonceStore = redisNonceStore(client, {
        onError: (error) => errors.push(error),
      });
      const verify = async () => {
        const result = await verifyRequest((await sign()).toRequest(), lookup, {
          nonceStore,
        });
        return result.ok ? "ok" : `${result.problem.code}: `;
      };
      await warmUp(verify);
      assert.deepEqual([await verify(), await verify()], ["ok", "ok"]);
      assert.equal(errors.length, 1);
      assert.match(
        String(errors[0]),
        /^Error: Cannot check Redis maxmemory-policy: CONFIG GET was refused \(.*unknown command.*\); make sure it is "noeviction", or that this Redis holds only nonces$/,
      );
    } finally {
      await close();
      await redis.stop();
    }
  },
);

testWith(
  REDIS,
  "redisNonceStore() under noeviction says nothing of the policy, and a full Redis refuses with 503 rather than forget a nonce",
  async () => {
    await withRedis(async (redis) => {
      const { client, close } = await connectRedis("ioredis", redis.url);
      try {
        const errors: unknown[] = [];
        const nonceStore = redisNonceStore(client, {
          onError: (error) => errors.push(error),
        });
        const app = new Hono();
        app.use(oauth1(lookup, { nonceStore }));
        app.get("*", (c) => c.text("ok"));
        const status = async () =>
          (await app.request((await sign()).toRequest())).status;
        assert.equal(await status(), 401); // the new Redis's marker
        await new Promise((r) => setTimeout(r, 1010 - Date.now() % 1000));
        assert.equal(await status(), 200);
        assert.deepEqual(errors, []);
        const io = client as import("ioredis").Redis;
        await io.call("CONFIG", "SET", "maxmemory", "1");
        const full = await app.request((await sign()).toRequest());
        assert.equal(full.status, 503);
        assert.equal(full.headers.get("retry-after"), "1");
        assert.match(String(errors[0]), /OOM command not allowed/);
      } finally {
        await close();
      }
    });
  },
);
