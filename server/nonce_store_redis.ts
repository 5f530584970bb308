/**
 * A {@linkcode NonceStore} on Redis, for verifiers that run as several
 * processes or machines behind a load balancer (Node, Bun, containers). Each
 * nonce is one atomic `SET key 1 NX EX ttl`: the first instance to write the
 * key accepts the request, every other is told it exists, and the key expires
 * once its timestamp has left the window (RFC 5849 §3.3).
 *
 * The module depends on no Redis client: it is typed against the one method
 * it calls, so a node-redis (v4, v5) client fits as it is
 * (`sendCommand(args)`), and so does an ioredis one (`call(command, args)`).
 * A store that cannot reach Redis fails closed: `use()` answers
 * `"unavailable"` and `verifyRequest()` refuses the request, saying the nonce
 * store is unavailable; it never accepts.
 *
 * With node-redis:
 *
 * ```ts ignore
 * import { createClient } from "redis";
 * const client = await createClient({ url: "redis://127.0.0.1:6379", disableOfflineQueue: true })
 *   .connect();
 * const nonceStore = redisNonceStore(client);
 * ```
 *
 * With ioredis:
 *
 * ```ts ignore
 * import { Redis } from "ioredis";
 * const client = new Redis({ host: "127.0.0.1", port: 6379, maxRetriesPerRequest: 0 });
 * const nonceStore = redisNonceStore(client);
 * ```
 *
 * `disableOfflineQueue` (node-redis) and `maxRetriesPerRequest: 0` (ioredis)
 * make a client answer at once with an error while Redis is down, rather than
 * hold the command until it is back; the store's `timeout` bounds the wait in
 * any case.
 *
 * ## When Redis loses its memory
 *
 * Besides the nonces, the store keeps one marker, `prefix` + `since`: the
 * time T from which this Redis holds every nonce, and which Redis it was then
 * (its `run_id` and its count of evicted keys, from `INFO server stats`). Each
 * accepted nonce reads it (`since()`, after the `SET`); when it is missing or
 * names another process or eviction count, the Redis lost nonces, and the
 * store writes a new marker with T = now + 1. A request signed before T is
 * then refused as `nonce_store_reset`: a replay of a request accepted before
 * the loss is refused, and an honest client signs again
 * (`createOAuthFetch()` does, once). What each fault does:
 *
 * - restart without persistence (`--save ""`), `FLUSHALL`, `FLUSHDB`: the
 *   marker is gone; requests signed before are refused once.
 * - restart with persistence: a new `run_id`, so the same, though the
 *   snapshot may have kept every nonce: the store cannot tell.
 * - failover to a replica, even one that lagged behind: the promoted replica
 *   is another process, so the same.
 * - eviction (any `maxmemory-policy` but `noeviction`, `volatile-*` included:
 *   nonce keys have a TTL): the eviction count changes, so the same, at each
 *   eviction, of any key; under steady memory pressure clients are refused
 *   about once a second. The store reads `CONFIG GET maxmemory-policy` once
 *   and tells `onError` of a policy that can evict, or that `CONFIG` is
 *   forbidden (managed services often forbid it); it never throws for it.
 *   Use `noeviction` (a full Redis then refuses writes, and the store
 *   answers `"unavailable"`), or a Redis that holds only nonces.
 * - a network partition between a verifier and Redis, or Redis down: the
 *   store fails closed, `use()` answers `"unavailable"` within `timeout`,
 *   and the Hono middleware answers `503` with `Retry-After: 1`.
 * - verifier clocks that disagree: T is read on the clock of the verifier
 *   that wrote the marker, nonce lifetimes on each verifier's own; a
 *   disagreement of d seconds leaves a replay window of d seconds, and a
 *   client whose clock is behind is refused until its timestamp reaches T
 *   (`createOAuthFetch()` signs again with T). Keep verifiers on NTP.
 *
 * What the store cannot promise: a client whose clock runs ahead of the
 * verifiers by d seconds has its requests of the d seconds before a loss
 * replayable after it (their timestamps are not older than T); Redis Cluster
 * is not supported (the marker lives in one shard, `INFO` answers for one
 * node). It reads `INFO server` and `INFO stats` (any Redis or Valkey).
 *
 * @module
 */

import type { NonceRecord, NonceStore } from "./nonce_store.ts";

/** A node-redis client (v4 or v5): `createClient()`'s, connected. */
export interface NodeRedisNonceClient {
  /**
   * Sends one command.
   *
   * @param args The command and its arguments, such as `["SET", "k", "1"]`.
   * @returns The reply: `"OK"`, or `null` for a `SET … NX` that did not set.
   */
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client: `new Redis(…)`'s. */
export interface IoRedisNonceClient {
  /**
   * Sends one command.
   *
   * @param command The command, such as `"SET"`.
   * @param args Its arguments.
   * @returns The reply: `"OK"`, or `null` for a `SET … NX` that did not set.
   */
  call(command: string, args: string[]): Promise<unknown>;
}

/** The Redis clients {@linkcode redisNonceStore} takes. */
export type RedisNonceClient = NodeRedisNonceClient | IoRedisNonceClient;

/** Options for {@linkcode redisNonceStore}. */
export interface RedisNonceStoreOptions {
  /** The prefix of every key the store writes; `"oauth1_nonce:"` by default. */
  prefix?: string;
  /**
   * How long, in milliseconds, to wait for Redis before refusing the request
   * as `"unavailable"`; 1 000 by default.
   */
  timeout?: number;
  /**
   * Called with the client's error, or the timeout's, when the store answers
   * `"unavailable"`, so that the operator can log why (the store never logs);
   * and once with a `RangeError` when Redis's `maxmemory-policy` can evict
   * nonce keys, or an `Error` when `CONFIG GET` is refused.
   */
  onError?: (error: unknown) => void;
}

/**
 * Creates a nonce store on Redis, shared by every verifier that talks to the
 * same Redis.
 *
 * A nonce is kept under `prefix` followed by the JSON array of consumer key,
 * token (`""` for none), timestamp and nonce, for the seconds left until its
 * timestamp leaves the window, plus one: a timestamp is still accepted during
 * the window's last second. The seconds are counted from the verifier's clock
 * and Redis keeps them on its own, so a Redis clock that is off does not
 * matter; verifiers whose clocks disagree by more than that one second leave
 * a replay window as wide as their disagreement, so keep them on NTP.
 *
 * It also keeps the marker the module doc describes: on a Redis it has never
 * used, the first requests, those signed in the second the marker is
 * written, are refused once as `nonce_store_reset`, as after a loss.
 *
 * @param client A connected node-redis or ioredis client.
 * @param options The key prefix, the timeout and an error listener.
 * @returns The store, for the `nonceStore` option of `verifyRequest()`.
 * @throws {TypeError} If `client` has neither `sendCommand()` nor `call()`.
 * @throws {RangeError} If `timeout` is not a positive number of milliseconds.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.3}
 * @see {@link https://redis.io/docs/latest/commands/set/}
 *
 * @example A nonce is accepted once, and refused while Redis is down
 * ```ts
 * import { redisNonceStore } from "@oauth1/steps/nonce-store-redis";
 * import assert from "node:assert/strict";
 *
 * // A stand-in for a node-redis client: SET key value NX EX ttl.
 * const keys = new Map<string, string>();
 * let down = false;
 * const client = {
 *   sendCommand([, key, value]: string[]): Promise<unknown> {
 *     if (down) return Promise.reject(new Error("connection refused"));
 *     if (keys.has(key!)) return Promise.resolve(null);
 *     keys.set(key!, value!);
 *     return Promise.resolve("OK");
 *   },
 * };
 * const store = redisNonceStore(client);
 * const record = {
 *   consumerKey: "dpf43f3p2l4k3l03", token: undefined, timestamp: 137131200,
 *   nonce: "wIjqoS", seenAt: 137131200, expiresAt: 137131500,
 * };
 * assert.equal(await store.use(record), true);
 * assert.equal(await store.use(record), false);
 * down = true;
 * assert.equal(await store.use({ ...record, nonce: "fresh" }), "unavailable");
 * ```
 */
export function redisNonceStore(
  client: RedisNonceClient,
  options: RedisNonceStoreOptions = {},
): NonceStore {
  const send = commandOf(client);
  const prefix = options.prefix ?? "oauth1_nonce:";
  const timeout = options.timeout ?? 1000;
  if (!(timeout > 0 && Number.isFinite(timeout))) {
    throw new RangeError(
      `Cannot create nonce store: timeout must be a positive number of milliseconds: current timeout is ${timeout}`,
    );
  }
  const onError = options.onError;
  const command = (args: string[]) => withTimeout(send(args), args, timeout);
  // The marker: since when this Redis holds every nonce, and which Redis
  // process (and eviction count) it was then. Nonce keys start with "[".
  const markerKey = prefix + "since";
  let policyChecked = false;
  return {
    async use(record: NonceRecord): Promise<boolean | "unavailable"> {
      const key = prefix + JSON.stringify([
        record.consumerKey,
        record.token ?? "",
        record.timestamp,
        record.nonce,
      ]);
      const ttl = Math.max(1, record.expiresAt - record.seenAt + 1);
      try {
        const reply = await command(["SET", key, "1", "NX", "EX", String(ttl)]);
        if (reply === "OK") return true;
        if (reply === null) return false;
        throw new TypeError(
          `Redis answered SET … NX with ${
            JSON.stringify(reply)
          } rather than "OK" or null`,
        );
      } catch (error) {
        onError?.(error);
        return "unavailable";
      }
    },
    async since(now: number): Promise<number | "unavailable"> {
      if (!policyChecked) {
        policyChecked = true;
        await checkPolicy(command, onError);
      }
      try {
        // INFO takes one section per call before Redis 7: two, at once.
        const [server, stats, marker] = await Promise.all([
          command(["INFO", "server"]),
          command(["INFO", "stats"]),
          command(["GET", markerKey]),
        ]);
        const identity = identityOf(`${server}\n${stats}`);
        const held = typeof marker === "string"
          ? parseMarker(marker)
          : undefined;
        if (held !== undefined && held.identity === identity) return held.since;
        // No marker (a new, flushed or evicting Redis), or one written by
        // another Redis process (restarted, failed over) or before keys
        // were evicted: this Redis holds the nonces used from now on.
        // A request signed in this second may have been accepted before.
        await command(["SET", markerKey, JSON.stringify([now + 1, identity])]);
        return now + 1;
      } catch (error) {
        onError?.(error);
        return "unavailable";
      }
    },
  };
}

/** Who answers: the Redis process (`run_id`) and its eviction count. */
function identityOf(info: unknown): string {
  const text = String(info);
  const runId = /^run_id:(\w+)/m.exec(text)?.[1];
  const evicted = /^evicted_keys:(\d+)/m.exec(text)?.[1];
  if (runId === undefined || evicted === undefined) {
    throw new TypeError(
      "Redis answered INFO server stats without run_id or evicted_keys",
    );
  }
  return `${runId}/${evicted}`;
}

function parseMarker(
  text: string,
): { since: number; identity: string } | undefined {
  try {
    const [since, identity] = JSON.parse(text);
    return typeof since === "number" && typeof identity === "string"
      ? { since, identity }
      : undefined;
  } catch {
    return undefined; // not ours: written over
  }
}

// Tells onError, once, when Redis may evict nonce keys, or when it does not
// say (managed services often forbid CONFIG): it never throws.
async function checkPolicy(
  command: (args: string[]) => Promise<unknown>,
  onError: ((error: unknown) => void) | undefined,
): Promise<void> {
  let policy: string | undefined;
  try {
    const reply = await command(["CONFIG", "GET", "maxmemory-policy"]);
    policy = Array.isArray(reply)
      ? reply[1]
      : (reply as Record<string, string> | null)?.["maxmemory-policy"];
  } catch (error) {
    onError?.(
      new Error(
        `Cannot check Redis maxmemory-policy: CONFIG GET was refused (${
          error instanceof Error ? error.message : String(error)
        }); make sure it is "noeviction", or that this Redis holds only nonces`,
      ),
    );
    return;
  }
  if (typeof policy === "string" && policy !== "noeviction") {
    onError?.(
      new RangeError(
        `Redis maxmemory-policy must be "noeviction" to keep every nonce: current policy is ${
          JSON.stringify(policy)
        }, which can evict nonce keys; requests signed before an eviction are refused as nonce_store_reset`,
      ),
    );
  }
}

function withTimeout(
  reply: Promise<unknown>,
  args: string[],
  timeout: number,
): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    reply,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`Redis did not answer ${args[0]} within ${timeout} ms`),
          ),
        timeout,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

function commandOf(
  client: RedisNonceClient,
): (args: string[]) => Promise<unknown> {
  // ioredis has a sendCommand() too, which takes a Command object: call()
  // is asked first.
  if (typeof (client as IoRedisNonceClient)?.call === "function") {
    const io = client as IoRedisNonceClient;
    return ([command, ...args]) => io.call(command!, args);
  }
  if (typeof (client as NodeRedisNonceClient)?.sendCommand === "function") {
    const node = client as NodeRedisNonceClient;
    return (args) => node.sendCommand(args);
  }
  throw new TypeError(
    "Cannot create nonce store: client must be a node-redis client (with sendCommand()) or an ioredis client (with call())",
  );
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type { NonceRecord, NonceStore } from "./nonce_store.ts";
