// The only place that reads the clock or draws randomness for signing.

import { toHex } from "./codec.ts";

/** A nonce of 128 random bits from the platform's CSPRNG, as 32 hex digits. */
export function defaultNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** Seconds since the epoch; `Math.floor`, not `| 0`, which breaks in 2038. */
export function defaultTimestamp(): number {
  return Math.floor(Date.now() / 1000);
}
