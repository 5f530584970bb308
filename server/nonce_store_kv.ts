/**
 * A {@linkcode NonceStore} on Deno KV, for verifiers that run as several
 * instances: a local SQLite file in development (`Deno.openKv("nonces.db")`),
 * Deno Deploy's distributed store in production (`Deno.openKv()`). Each nonce
 * is written with an atomic check that the key is absent, so two instances
 * can never both accept it, and expires when its timestamp leaves the window
 * (RFC 5849 §3.3).
 *
 * The module uses no Deno global: it is typed against {@linkcode NonceKv},
 * the small part of `Deno.Kv` it needs, so it imports anywhere; opening the
 * store (`Deno.openKv`, `--unstable-kv` outside Deno Deploy) is the caller's.
 *
 * What it promises rests on what Deno KV promises: a commit that answered is
 * durable (written to the SQLite file, or on Deno Deploy to its replicated
 * database), atomic checks are strongly consistent across instances, and an
 * expired key is deleted some time after `expireIn`, never before. So:
 *
 * - a verifier restart, a Deno Deploy isolate recycled, or the database's own
 *   failover keeps every nonce; there is no flush or eviction to fear.
 * - a database replaced or emptied (a deleted file, another path, a new
 *   Deploy project) loses every nonce, and the store cannot tell: it has no
 *   `since()`, so requests signed in the window before the loss can be
 *   replayed. Keep the database for as long as the timestamp window, or
 *   start the verifiers a window's length after replacing it.
 * - when the database cannot be reached, a commit fails: after five tries
 *   `use()` throws, so `verifyRequest()` throws (the Hono middleware then
 *   lets Hono answer `500`); no request is accepted.
 * - verifier clocks that disagree by d seconds leave a replay window of d
 *   seconds, as nonce lifetimes are counted on each verifier's clock.
 *
 * @module
 */

import type { NonceRecord, NonceStore } from "./nonce_store.ts";

/** A key of {@linkcode NonceKv}. */
export type NonceKvKey = readonly (string | number)[];

/** The part of `Deno.AtomicOperation` the store uses. */
export interface NonceKvAtomic {
  /**
   * Makes the commit fail unless each key has the given versionstamp.
   *
   * @param checks The keys that must be absent (`versionstamp: null`).
   * @returns The same operation.
   */
  check(...checks: { key: NonceKvKey; versionstamp: null }[]): NonceKvAtomic;
  /**
   * Writes a key.
   *
   * @param key The key.
   * @param value The value.
   * @param options `expireIn`: milliseconds after which the key may go.
   * @returns The same operation.
   */
  set(
    key: NonceKvKey,
    value: number,
    options?: { expireIn?: number },
  ): NonceKvAtomic;
  /**
   * Commits, or fails when a check fails.
   *
   * @returns `ok: false` when a check failed.
   */
  commit(): Promise<{ ok: boolean }>;
}

/** The part of `Deno.Kv` the store uses: `Deno.Kv` itself fits. */
export interface NonceKv {
  /**
   * Starts an atomic operation.
   *
   * @returns The operation.
   */
  atomic(): NonceKvAtomic;
}

const RETRIES = 5;

/** Options for {@linkcode kvNonceStore}. */
export interface KvNonceStoreOptions {
  /** The key prefix under which nonces are kept; `["oauth1_nonce"]` by default. */
  prefix?: NonceKvKey;
}

/**
 * Creates a nonce store on Deno KV, shared by every verifier that opens the
 * same database.
 *
 * @param kv An open `Deno.Kv`, or anything with the same `atomic()`.
 * @param options The key prefix.
 * @returns The store, for the `nonceStore` option of `verifyRequest()`.
 * @throws {TypeError} If `kv` has no `atomic()` method. From `use()`: the
 * database's error, when a commit fails five times (a commit that fails is
 * tried again, as a local SQLite file may be busy with another writer).
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.3}
 *
 * @example Two stores on one database accept a nonce once
 * ```ts ignore
 * import { kvNonceStore } from "@oauth1/steps/nonce-store-kv";
 * import { verifyRequest } from "@oauth1/steps";
 *
 * const kv = await Deno.openKv("/tmp/nonces.db"); // --unstable-kv
 * const nonceStore = kvNonceStore(kv);
 * Deno.serve(async (request) => {
 *   const result = await verifyRequest(request, lookup, { nonceStore });
 *   return new Response(result.ok ? "ok" : result.problem.code);
 * });
 * ```
 *
 * @example With a stand-in for Deno KV
 * ```ts
 * import { kvNonceStore, type NonceKv } from "@oauth1/steps/nonce-store-kv";
 * import assert from "node:assert/strict";
 *
 * const keys = new Set<string>();
 * const kv: NonceKv = {
 *   atomic() {
 *     const checks: string[] = [];
 *     const sets: string[] = [];
 *     const op = {
 *       check(...c: { key: readonly (string | number)[] }[]) {
 *         checks.push(...c.map((x) => JSON.stringify(x.key)));
 *         return op;
 *       },
 *       set(key: readonly (string | number)[]) {
 *         sets.push(JSON.stringify(key));
 *         return op;
 *       },
 *       commit() {
 *         if (checks.some((k) => keys.has(k))) return Promise.resolve({ ok: false });
 *         for (const k of sets) keys.add(k);
 *         return Promise.resolve({ ok: true });
 *       },
 *     };
 *     return op;
 *   },
 * };
 * const store = kvNonceStore(kv);
 * const record = {
 *   consumerKey: "k", token: undefined, timestamp: 1, nonce: "n", seenAt: 1, expiresAt: 301,
 * };
 * assert.equal(await store.use(record), true);
 * assert.equal(await store.use(record), false);
 * ```
 */
export function kvNonceStore(
  kv: NonceKv,
  options: KvNonceStoreOptions = {},
): NonceStore {
  if (typeof kv?.atomic !== "function") {
    throw new TypeError(
      "Cannot create nonce store: kv must be a Deno.Kv or have an atomic() method",
    );
  }
  const prefix = options.prefix ?? ["oauth1_nonce"];
  return {
    async use(record: NonceRecord): Promise<boolean> {
      const key = [
        ...prefix,
        record.consumerKey,
        record.token ?? "",
        record.timestamp,
        record.nonce,
      ];
      // One second more: a timestamp is still accepted at expiresAt itself.
      const expireIn = (Math.max(0, record.expiresAt - record.seenAt) + 1) *
        1000;
      // A local SQLite file can be busy with another connection's write:
      // try again a few times, then let the error through.
      for (let attempt = 1;; attempt++) {
        try {
          const result = await kv.atomic()
            .check({ key, versionstamp: null })
            .set(key, record.seenAt, { expireIn })
            .commit();
          return result.ok;
        } catch (error) {
          if (attempt >= RETRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
        }
      }
    },
  };
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type { NonceRecord, NonceStore } from "./nonce_store.ts";
