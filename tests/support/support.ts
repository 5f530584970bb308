// Helpers shared by the step tests: deep freezing, the fixed RSA test key, error checks, a loopback
// server for real HTTP round trips, and a verifier lookup over known clients.
import assert, { AssertionError } from "node:assert/strict";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { OAuthSyntaxError } from "../../core/errors.ts";
import type { Credentials, VerifyLookup } from "../../mod.ts";

/**
 * Freezes plain objects and arrays, and everything reachable from them.
 * Platform objects (Headers, URLSearchParams, typed arrays) cannot be frozen
 * without breaking them; tests compare their contents before and after.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  const prototype = Object.getPrototypeOf(value);
  if (
    prototype !== Object.prototype && prototype !== Array.prototype &&
    prototype !== null
  ) {
    return value;
  }
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/**
 * Runs `run` (sync or async) and checks that it threw an instance of
 * `errorClass` with exactly `message` (or a message matching it); returns
 * the error for further checks.
 */
export async function expectError<E extends Error>(
  run: () => unknown,
  // deno-lint-ignore no-explicit-any
  errorClass: new (...args: any[]) => E,
  message: string | RegExp,
): Promise<E> {
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof errorClass)) {
    throw new AssertionError({
      message: `Expected ${errorClass.name}, got ${String(error)}`,
      actual: error,
      expected: errorClass,
    });
  }
  if (typeof message === "string") assert.equal(error.message, message);
  else assert.match(error.message, message);
  return error;
}

/**
 * Like {@linkcode expectError} for an {@linkcode OAuthSyntaxError}, which must
 * also be a `SyntaxError` and stop at `offset`.
 */
export async function expectSyntaxError(
  run: () => unknown,
  offset: number,
  message: RegExp,
): Promise<void> {
  const error = await expectError(run, OAuthSyntaxError, message);
  assert.ok(error instanceof SyntaxError);
  assert.equal(error.offset, offset);
}

/** An RSA key pair made with Web Crypto, the private key as PKCS#8 PEM. */
export interface RsaTestKey {
  /** The private key, `-----BEGIN PRIVATE KEY-----`, 64-character lines. */
  pem: string;
  /** The same private key as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), by node:crypto. */
  pkcs1Pem: string;
  /** The public key, as SubjectPublicKeyInfo DER bytes. */
  spki: Uint8Array<ArrayBuffer>;
  /** The public key as SPKI PEM (`BEGIN PUBLIC KEY`), by node:crypto. */
  publicPem: string;
}

/**
 * The suite's fixed 2048-bit RSA test key, tests/testdata/rsa_test_key.pem
 * (made once with `openssl genpkey -algorithm RSA`; a test key, nothing
 * else). Fixed, so that the oracle's recorded answers stay valid.
 */
export async function rsaTestKey(): Promise<RsaTestKey> {
  return rsaTestKeyOf(
    await Deno.readTextFile(
      new URL("../testdata/rsa_test_key.pem", import.meta.url),
    ),
  );
}

/** Generates a new 2048-bit RSA key pair, for a test that needs a second key. */
export async function newRsaTestKey(): Promise<RsaTestKey> {
  const { privateKey } = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const der = new Uint8Array(
    await crypto.subtle.exportKey("pkcs8", privateKey),
  );
  const lines = der.toBase64().match(/.{1,64}/g)!.join("\n");
  return rsaTestKeyOf(
    `-----BEGIN PRIVATE KEY-----\n${lines}\n-----END PRIVATE KEY-----\n`,
  );
}

function rsaTestKeyOf(pem: string): RsaTestKey {
  const key = createPrivateKey(pem);
  const publicKey = createPublicKey(key);
  return {
    pem,
    pkcs1Pem: key.export({ type: "pkcs1", format: "pem" }).toString(),
    spki: new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Verifies an RSASSA-PKCS1-v1_5 signature (base64) with Web Crypto. */
export async function verifyRsa(
  key: RsaTestKey,
  hash: "SHA-1" | "SHA-256",
  data: string,
  signature: string,
): Promise<boolean> {
  const publicKey = await crypto.subtle.importKey(
    "spki",
    key.spki,
    { name: "RSASSA-PKCS1-v1_5", hash },
    false,
    ["verify"],
  );
  return await crypto.subtle.verify(
    "RSASSA-PKCS1-v1_5",
    publicKey,
    Uint8Array.fromBase64(signature),
    new TextEncoder().encode(data),
  );
}

/** A running loopback server. */
export interface Loopback {
  /** The base URL, such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1, port 0. */
export function serveLoopback(
  handler: (request: Request) => Response | Promise<Response>,
): Loopback {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    handler,
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/** A verifier's lookup that knows these clients and their tokens. */
export function lookupOf(...clients: Credentials[]): VerifyLookup {
  return {
    consumer: (key) => {
      const client = clients.find((c) => c.consumerKey === key);
      return Promise.resolve(client && { secret: client.consumerSecret });
    },
    token: (token, key) => {
      const client = clients.find((c) =>
        c.token === token && c.consumerKey === key
      );
      return Promise.resolve(client && { secret: client.tokenSecret ?? "" });
    },
  };
}

/**
 * Runs a command line with sh from the repository's root, as a reader pastes
 * it: the Deno running the tests first on PATH (for `deno task …`), no
 * colour, no input; one that runs past two minutes (a server) is killed.
 */
export async function shell(
  line: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = `${Deno.execPath().replace(/\/[^/]*$/, "")}:${
    Deno.env.get("PATH") ?? ""
  }`;
  // timeout(1) signals the whole process group, so a command that starts a
  // server (deno task starts a child) cannot hold the pipes open forever.
  const output = await new Deno.Command("timeout", {
    args: ["--kill-after=5", "120", "sh", "-c", line],
    cwd: new URL("../..", import.meta.url).pathname,
    env: { PATH: path, NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
  };
}
