// oauth1(), the Hono middleware, in a real Hono app (npm:hono) served over
// HTTP on 127.0.0.1: the example provider of examples/hono_provider.ts with a
// memory nonce store, then run as a program on a real Redis. Requests are
// signed by npm:oauth-1.0a, a peer library, and by signRequest().
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { Hono } from "hono";
import OAuth from "oauth-1.0a";
import {
  createHonoProvider,
  DEMO_TOKEN,
} from "../../examples/hono_provider.ts";
import { DEMO_CREDENTIALS } from "../../examples/catalog_provider.ts";
import { oauth1 } from "../../server/hono.ts";
import { memoryNonceStore, signRequest } from "../../mod.ts";
import { startRedis } from "../support/redis.ts";
import { spawnServer } from "../support/spawn.ts";
import {
  expectError,
  type Loopback,
  serveLoopback,
} from "../support/support.ts";
import { REDIS, testWith } from "../support/tools.ts";

const PEER = new OAuth({
  consumer: {
    key: DEMO_CREDENTIALS.consumerKey,
    secret: DEMO_CREDENTIALS.consumerSecret,
  },
  signature_method: "HMAC-SHA1",
  hash_function: (base: string, key: string) =>
    createHmac("sha1", key).update(base).digest("base64"),
});
const TOKEN = { key: DEMO_TOKEN.token, secret: DEMO_TOKEN.tokenSecret };

/** The Authorization header npm:oauth-1.0a writes for this request. */
function peerAuthorization(
  method: string,
  url: string,
  data?: Record<string, string>,
  token?: { key: string; secret: string },
): string {
  const signed = PEER.authorize(
    { url, method, ...(data ? { data } : {}) },
    token,
  );
  return PEER.toHeader(signed).Authorization;
}

async function withProvider(
  test: (server: Loopback) => Promise<void>,
  publicOrigin?: string,
): Promise<void> {
  const app = createHonoProvider(memoryNonceStore(), publicOrigin);
  const server = serveLoopback(app.fetch);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

async function problemOf(response: Response): Promise<string | null> {
  return new URLSearchParams(await response.text()).get("oauth_problem");
}

Deno.test("oauth1() lets a request signed by oauth-1.0a through and hands the handler its consumer key", async () => {
  await withProvider(async (server) => {
    const url = `${server.url}/catalog/titles?term=fargo`;
    const response = await fetch(url, {
      headers: { authorization: peerAuthorization("GET", url) },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      consumerKey: "demo-consumer-key",
      token: null,
      term: "fargo",
    });
  });
});

Deno.test("a handler behind oauth1() reads the form body that was verified, and the token", async () => {
  await withProvider(async (server) => {
    const url = `${server.url}/queue`;
    const data = { title_id: "60031236" };
    const response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: peerAuthorization("POST", url, data, TOKEN),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(data),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      queued: "60031236",
      token: "demo-token",
    });
  });
});

Deno.test("oauth1() refuses an unsigned request with 400 and a challenge in the realm, a tampered query with 401 signature_invalid", async () => {
  await withProvider(async (server) => {
    const unsigned = await fetch(`${server.url}/catalog/titles`);
    assert.equal(unsigned.status, 400);
    assert.equal(
      unsigned.headers.get("www-authenticate"),
      'OAuth realm="Catalog", oauth_problem="parameter_absent"',
    );
    assert.equal(await problemOf(unsigned), "parameter_absent");

    const url = `${server.url}/catalog/titles?term=fargo`;
    const tampered = await fetch(`${server.url}/catalog/titles?term=heat`, {
      headers: { authorization: peerAuthorization("GET", url) },
    });
    assert.equal(tampered.status, 401);
    assert.equal(await problemOf(tampered), "signature_invalid");
  });
});

Deno.test("oauth1() refuses a replayed request with nonce_used, and a write without a token with parameter_absent", async () => {
  await withProvider(async (server) => {
    const url = `${server.url}/catalog/titles`;
    const headers = { authorization: peerAuthorization("GET", url) };
    assert.equal((await fetch(url, { headers })).status, 200);
    const replay = await fetch(url, { headers });
    assert.equal(replay.status, 401);
    assert.equal(await problemOf(replay), "nonce_used");

    const queue = `${server.url}/queue`;
    const noToken = await fetch(queue, {
      method: "POST",
      headers: { authorization: peerAuthorization("POST", queue) },
    });
    assert.equal(noToken.status, 400);
    assert.equal(await problemOf(noToken), "parameter_absent");
  });
});

Deno.test("an unprotected route of the app answers without a signature", async () => {
  await withProvider(async (server) => {
    const response = await fetch(`${server.url}/health`);
    assert.equal(await response.text(), "ok");
  });
});

Deno.test("oauth1() verifies against publicOrigin, the origin clients sign for behind a proxy", async () => {
  await withProvider(async (server) => {
    const signed = await signRequest(
      {
        method: "GET",
        url: "https://api.catalog.example/catalog/titles?term=up",
      },
      DEMO_CREDENTIALS,
    );
    const response = await fetch(`${server.url}/catalog/titles?term=up`, {
      headers: { authorization: signed.authorization },
    });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).term, "up");
  }, "https://api.catalog.example");
});

Deno.test("oauth1() on a Hono app without a declared environment, and a publicOrigin with a path refused", async () => {
  const app = new Hono();
  app.use(oauth1({ consumer: () => Promise.resolve({ secret: "s" }) }));
  app.get("/", (c) => c.text("ok"));
  const signed = await signRequest(
    { method: "GET", url: "http://localhost/" },
    { consumerKey: "k", consumerSecret: "s" },
  );
  assert.equal(await (await app.request(signed.toRequest())).text(), "ok");
  await expectError(
    () =>
      oauth1({ consumer: () => Promise.resolve(undefined) }, {
        publicOrigin: "https://api.catalog.example/v1",
      }),
    TypeError,
    'Cannot create OAuth 1.0a middleware: publicOrigin must be a scheme and host such as "https://api.example.com": current publicOrigin is "https://api.catalog.example/v1"',
  );
});

testWith(
  REDIS,
  "examples/hono_provider.ts on Redis accepts a request once, and refuses it with 503 and Retry-After while Redis is down",
  async () => {
    const redis = await startRedis();
    const provider = await spawnServer(
      [
        "--allow-net=127.0.0.1",
        "--allow-env=REDIS_URL,PORT",
        "examples/hono_provider.ts",
      ],
      { REDIS_URL: redis.url, PORT: "0" },
      "null", // the Redis errors it logs once Redis is stopped
    );
    try {
      const base = /http:\/\/127\.0\.0\.1:\d+/.exec(provider.line)![0];
      assert.equal(
        provider.line,
        `Catalog on Hono at ${base}, nonces in Redis at 127.0.0.1:${redis.port}`,
      );
      const url = `${base}/catalog/titles`;
      // A new Redis: the first request is refused as signed before the
      // store's marker, and so is any signed in the same second.
      const first = await fetch(url, {
        headers: { authorization: peerAuthorization("GET", url) },
      });
      assert.equal(first.status, 401);
      assert.equal(await problemOf(first), "nonce_store_reset");
      await new Promise((r) => setTimeout(r, 1010 - Date.now() % 1000));
      const headers = { authorization: peerAuthorization("GET", url) };
      assert.equal((await fetch(url, { headers })).status, 200);
      assert.equal(
        await problemOf(await fetch(url, { headers })),
        "nonce_used",
      );

      await redis.stop();
      const down = await fetch(url, {
        headers: { authorization: peerAuthorization("GET", url) },
      });
      assert.equal(down.status, 503);
      assert.equal(down.headers.get("retry-after"), "1");
      assert.equal(
        down.headers.get("www-authenticate"),
        'OAuth realm="Catalog", oauth_problem="nonce_used"',
      );
      assert.match(
        new URLSearchParams(await down.text()).get("oauth_problem_advice")!,
        /nonce store is unavailable/,
      );
    } finally {
      await provider.stop();
      await redis.stop();
    }
  },
);
