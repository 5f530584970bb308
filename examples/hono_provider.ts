/**
 * A provider on Hono whose nonces live in Redis: run it as many times as you
 * like, on as many machines, behind one load balancer, and a request replayed
 * to any instance is refused, because every instance records its nonces with
 * one atomic `SET … NX` in the same Redis.
 *
 *     redis-server --port 6379 --save "" --maxmemory-policy noeviction &
 *     deno run --allow-net=127.0.0.1 --allow-env=REDIS_URL,PORT examples/hono_provider.ts
 *
 * `--save ""` turns persistence off, and costs this: a restarted Redis is
 * empty, so every request signed before the restart is refused once, as
 * `nonce_store_reset` (the store cannot tell a replay from an honest request
 * then), and the client signs it again (`createOAuthFetch()` does so by
 * itself). Persistence would not spare that refusal: the store counts any
 * restart as a loss, since a snapshot may be older than the last nonces.
 * `noeviction` keeps Redis from evicting nonce keys under memory pressure;
 * with it, a full Redis refuses writes, and so the requests (`503`).
 *
 * `REDIS_URL` is `redis://127.0.0.1:6379` by default, `PORT` 8788 (0 picks a
 * free one). Routes:
 *
 * - `GET /health` answers without a signature;
 * - `GET /catalog/titles?term=` needs a request signed by a known client and
 *   answers, in JSON, who signed it;
 * - `POST /queue` (a form body with `title_id`) needs a token as
 *   well, and reads the body the middleware verified.
 *
 * The demonstration credentials are those of `catalog_provider.ts`, plus a
 * token, `demo-token` with the secret `demo-token-secret`.
 *
 * @module
 */

import { Hono } from "hono";
import { createClient } from "redis";
import { DEMO_CREDENTIALS } from "./catalog_provider.ts";
import { oauth1, type OAuth1Env } from "../server/hono.ts";
import type { NonceStore, VerifyLookup } from "../mod.ts";
import { redisNonceStore } from "../server/nonce_store_redis.ts";

/** The demonstration token: published on purpose, as the examples need it. */
export const DEMO_TOKEN: {
  readonly token: string;
  readonly tokenSecret: string;
} = {
  token: "demo-token",
  tokenSecret: "demo-token-secret",
};

// Clients and tokens: a database in a real provider.
const lookup: VerifyLookup = {
  consumer: (key) =>
    Promise.resolve(
      key === DEMO_CREDENTIALS.consumerKey
        ? { secret: DEMO_CREDENTIALS.consumerSecret }
        : undefined,
    ),
  token: (token, key) =>
    Promise.resolve(
      token === DEMO_TOKEN.token && key === DEMO_CREDENTIALS.consumerKey
        ? { secret: DEMO_TOKEN.tokenSecret }
        : undefined,
    ),
};

/**
 * Builds the Hono app.
 *
 * @param nonceStore Where the instance records nonces: Redis, shared by all.
 * @param publicOrigin The origin clients sign for, behind a proxy.
 * @returns The app; `app.fetch` is its fetch handler.
 */
export function createHonoProvider(
  nonceStore: NonceStore,
  publicOrigin?: string,
): Hono<OAuth1Env> {
  const app = new Hono<OAuth1Env>();
  const options = publicOrigin === undefined
    ? { nonceStore, realm: "Catalog" }
    : { nonceStore, realm: "Catalog", publicOrigin };

  app.get("/health", (c) => c.text("ok"));

  // Every route under /catalog: a signed request, or a 400/401 refusal (503
  // with Retry-After when Redis cannot be reached).
  app.use("/catalog/*", oauth1(lookup, options));
  app.get("/catalog/titles", (c) =>
    c.json({
      consumerKey: c.var.oauth1.consumerKey,
      token: c.var.oauth1.token ?? null,
      term: c.req.query("term") ?? null,
    }));

  // A write needs a token: the middleware with requireToken, on a path
  // outside /catalog/*, since a request verified twice would be refused the
  // second time (its nonce is used by then).
  app.post(
    "/queue",
    oauth1(lookup, { ...options, requireToken: true }),
    async (c) => {
      const form = await c.req.parseBody();
      return c.json({
        queued: form["title_id"] ?? null,
        token: c.var.oauth1.token ?? null,
      });
    },
  );
  return app;
}

if (import.meta.main) {
  const redisUrl = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
  // disableOfflineQueue: while Redis is down a command fails at once, and the
  // middleware refuses the request (nonce store unavailable) without waiting.
  const client = createClient({ url: redisUrl, disableOfflineQueue: true });
  client.on(
    "error",
    (error: Error) =>
      console.error(`Redis at ${new URL(redisUrl).host}: ${error.message}`),
  );
  await client.connect();
  // onError: why Redis could not be used, and whether its maxmemory-policy
  // can evict nonce keys (said once).
  const nonceStore = redisNonceStore(client, {
    onError: (error) => console.error(`Nonce store: ${String(error)}`),
  });
  const app = createHonoProvider(nonceStore);
  Deno.serve({
    hostname: "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8788),
    onListen: ({ port }) =>
      console.log(
        `Catalog on Hono at http://127.0.0.1:${port}, nonces in Redis at ${
          new URL(redisUrl).host
        }`,
      ),
  }, app.fetch);
}
