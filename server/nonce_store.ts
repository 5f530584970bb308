/**
 * The nonce store contract of a verifier
 * ({@link https://www.rfc-editor.org/rfc/rfc5849#section-3.3 | RFC 5849 §3.3}):
 * a nonce is accepted once per consumer key, token and timestamp, so the
 * store must remember each nonce until its timestamp leaves the window.
 *
 * A store can lose its memory: a process restarts, Redis comes back empty, a
 * replica that had not received the last writes is promoted, keys are
 * evicted. A store that knows when this happened says so through the
 * optional {@linkcode NonceStore.since}: "I hold every nonce used since time
 * T". {@linkcode recordNonce} then refuses a request signed before T, with
 * the problem `nonce_store_reset`, since it may have been accepted before
 * the loss; the client signs again and is accepted. A store without
 * `since()` (one written before it existed, say) keeps working as it did.
 *
 * @module
 */

import { defaultTimestamp } from "../core/defaults.ts";
import { quoteRead } from "../core/quote.ts";

/** A nonce to remember, with the times that bound its life, in seconds. */
export interface NonceRecord {
  /** `oauth_consumer_key`. */
  readonly consumerKey: string;
  /** `oauth_token`, or `undefined`. */
  readonly token: string | undefined;
  /** `oauth_timestamp`. */
  readonly timestamp: number;
  /** `oauth_nonce`. */
  readonly nonce: string;
  /** The verifier's current time. */
  readonly seenAt: number;
  /** When the timestamp leaves the window: the nonce may be forgotten then. */
  readonly expiresAt: number;
}

/**
 * Where a verifier remembers nonces (RFC 5849 §3.3): a nonce is accepted once
 * per consumer key, token and timestamp.
 */
export interface NonceStore {
  /**
   * Records a nonce, atomically.
   *
   * @param record The nonce and the times that bound its life.
   * @returns `true` when the nonce is new and now recorded; `false` when it
   * was seen before; `"full"` when the store cannot record it now (it holds
   * as many live nonces as it may); `"unavailable"` when the store cannot be
   * reached (a shared store's server is down or too slow). Each refuses the
   * request: stores fail closed. `verifyRequest()` reports them as
   * `nonce_used`, the nearest Problem Reporting code, and says which in the
   * detail.
   */
  use(record: NonceRecord): Promise<boolean | "full" | "unavailable">;
  /**
   * Optional: since when the store holds every nonce recorded in it. It is
   * asked after `use()` accepted a nonce; a request whose timestamp is older
   * than the answer may have been accepted before the store lost its memory,
   * and is refused with `nonce_store_reset`.
   *
   * @param now The verifier's current time, in seconds.
   * @returns T, in whole seconds on the verifier's clock: the store holds
   * every nonce of a request signed at T or later; or `"unavailable"` when it
   * cannot tell now. A store that finds it lost its memory answers `now + 1`:
   * a request signed in the current second may have been used before.
   */
  since?(now: number): Promise<number | "unavailable">;
}

/** Options for {@linkcode memoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /** The most live nonces held; 100 000 by default. */
  maxSize?: number;
  /**
   * The time, in whole seconds, from which the store holds every nonce; the
   * second of its creation by default. A request accepted by the process
   * before in that very second, and replayed, is accepted again: give the
   * next second (`Math.floor(Date.now() / 1000) + 1`) to refuse it too, at
   * the cost of refusing once the requests signed in the second the store
   * began. Give an earlier time only when no verifier used a nonce since then
   * that this store does not hold.
   */
  since?: number;
}

/**
 * A nonce store in memory, for a single server process: each nonce is
 * forgotten once its timestamp leaves the window, and at most `maxSize` live
 * nonces are held. When the store is full of live nonces it refuses new ones
 * (it fails closed) rather than forget a nonce that could be replayed: `use()`
 * answers `"full"`, and `verifyRequest()` says so in its detail.
 *
 * A new process starts with an empty store: its `since()` is the second the
 * store was created, so a request signed before it (perhaps accepted by the
 * process before) is refused with `nonce_store_reset`, and the client signs
 * again. For several instances, use the Deno KV store of
 * `@oauth1/steps/nonce-store-kv` or the Redis one.
 *
 * @param options The size bound and the time the store holds nonces from.
 * @returns The store.
 * @throws {RangeError} If `maxSize` is not a positive integer or `since` is
 * not a finite number.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.3}
 *
 * @example A nonce is accepted once
 * ```ts
 * import { memoryNonceStore } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const store = memoryNonceStore({ since: 137131200 });
 * const record = {
 *   consumerKey: "dpf43f3p2l4k3l03", token: undefined, timestamp: 137131200,
 *   nonce: "wIjqoS", seenAt: 137131200, expiresAt: 137131500,
 * };
 * assert.equal(await store.use(record), true);
 * assert.equal(await store.use(record), false);
 * assert.equal(await store.since?.(137131201), 137131200);
 * ```
 */
export function memoryNonceStore(
  options: MemoryNonceStoreOptions = {},
): NonceStore {
  const maxSize = options.maxSize ?? 100_000;
  if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
    throw new RangeError(
      `Cannot create nonce store: maxSize must be a positive integer: current maxSize is ${maxSize}`,
    );
  }
  const since = options.since ?? defaultTimestamp();
  if (typeof since !== "number" || !Number.isFinite(since)) {
    throw new RangeError(
      `Cannot create nonce store: since must be a finite number of seconds: current since is ${
        String(since)
      }`,
    );
  }
  const seen = new Map<string, number>();
  return {
    use(record) {
      const key = JSON.stringify([
        record.consumerKey,
        record.token ?? "",
        record.timestamp,
        record.nonce,
      ]);
      // A timestamp is still accepted at expiresAt itself: so is its nonce
      // remembered until then.
      const expiresAt = seen.get(key);
      if (expiresAt !== undefined && expiresAt >= record.seenAt) {
        return Promise.resolve(false);
      }
      if (seen.size >= maxSize) {
        for (const [old, end] of seen) {
          if (end < record.seenAt) seen.delete(old);
        }
        if (seen.size >= maxSize) return Promise.resolve("full");
      }
      seen.set(key, record.expiresAt);
      return Promise.resolve(true);
    },
    since: () => Promise.resolve(since),
  };
}

/** Why {@linkcode recordNonce} refused a nonce: a `Problem` of `verifyRequest()`. */
export interface NonceProblem {
  /** `nonce_used`, or `nonce_store_reset` for a request signed before T. */
  readonly code: "nonce_used" | "nonce_store_reset";
  /** What was wrong, in words. */
  readonly detail: string;
  /**
   * Seconds after which the same request may be sent again, when the store
   * is full or unavailable (the request was not refused for itself).
   */
  readonly retryAfter?: number;
  /** For `nonce_store_reset`: the oldest and newest timestamps accepted. */
  readonly acceptableTimestamps?: readonly [number, number];
}

/**
 * Records a request's nonce in `store`, then refuses the request when its
 * timestamp is older than the time since which the store holds every nonce
 * ({@linkcode NonceStore.since}), when the store has that capability. The
 * order matters: a store wiped before `use()` shows it to `since()` after.
 *
 * Only requests that could have been accepted just before T are refused:
 * timestamps within the window below T. An older one was outside the window
 * of any verifier whose clock agrees with the one that set T.
 *
 * @param store The nonce store.
 * @param record The nonce and the times that bound its life.
 * @returns `undefined` when the nonce is new and the store held every nonce
 * since before the request was signed; otherwise the problem to report.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.3}
 *
 * @example A request signed before a store began is refused
 * ```ts
 * import { memoryNonceStore, recordNonce } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const store = memoryNonceStore({ since: 137131200 });
 * const record = {
 *   consumerKey: "dpf43f3p2l4k3l03", token: undefined, timestamp: 137131199,
 *   nonce: "wIjqoS", seenAt: 137131201, expiresAt: 137131499,
 * };
 * const problem = await recordNonce(store, record);
 * assert.equal(problem?.code, "nonce_store_reset");
 * assert.equal(await recordNonce(store, { ...record, timestamp: 137131201 }), undefined);
 * ```
 */
export async function recordNonce(
  store: NonceStore,
  record: NonceRecord,
): Promise<NonceProblem | undefined> {
  const fresh = await store.use(record);
  if (fresh === true && store.since !== undefined) {
    const since = await store.since(record.seenAt);
    if (since === "unavailable") return unavailable();
    const window = record.expiresAt - record.timestamp;
    if (record.timestamp < since && record.timestamp >= since - window) {
      return {
        code: "nonce_store_reset",
        detail:
          `Cannot verify request: oauth_timestamp must not be older than the server's nonce store, which holds the nonces used since ${since}: current timestamp is ${record.timestamp}; the store was reset, sign the request again`,
        acceptableTimestamps: [since, record.seenAt + window],
      };
    }
    return undefined;
  }
  if (fresh === true) return undefined;
  // A full or unreachable store has no Problem Reporting code of its own:
  // nonce_used is the nearest (the nonce cannot be accepted now).
  if (fresh === "full") {
    return {
      code: "nonce_used",
      detail:
        "Cannot verify request: oauth_nonce must be recorded to refuse replays: the server's nonce store is full of nonces still in the timestamp window, try again later",
      retryAfter: 1,
    };
  }
  if (fresh === "unavailable") return unavailable();
  return {
    code: "nonce_used",
    detail:
      `Cannot verify request: oauth_nonce must be new for this client, token and timestamp: current nonce ${
        quoteRead(record.nonce)
      } was used before`,
  };
}

function unavailable(): NonceProblem {
  return {
    code: "nonce_used",
    detail:
      "Cannot verify request: oauth_nonce must be recorded to refuse replays: the server's nonce store is unavailable, try again later",
    retryAfter: 1,
  };
}
