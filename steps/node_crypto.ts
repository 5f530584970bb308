/**
 * Step 4, the signature, on `node:crypto`: the signature methods of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2 | RFC 5849 §3.4.2–3.4.4}
 * computed with `node:crypto` (HMAC on `createHash`, RSA on `createSign` and
 * `createVerify`), for Node, Deno and Bun. Opt-in: import
 * `@oauth1/steps/node-crypto` and pass a method to `signRequest()` or
 * `createOAuthFetch()` (`signatureMethod`), or the table to `verifyRequest()`
 * or the Hono middleware (`signatureMethods`); Web Crypto stays the default
 * everywhere, and nothing else in the package imports `node:`.
 *
 * Each Web Crypto call waits for a worker thread; these methods do their work
 * on the calling thread, inside the same async {@linkcode SignatureMethod}
 * interface, and give the same answers: the same signatures, the same
 * verdicts (received signatures are decoded as strictly, and compared in
 * constant time with `timingSafeEqual`), the same keys accepted and the same
 * errors for the others. Imported keys are kept per secret pair and per PEM.
 * A `CryptoKey` is used with Web Crypto, which it was made for.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  timingSafeEqual,
} from "node:crypto";
import { boundedMemo } from "../core/cache.ts";
import { fromBase64 } from "../core/codec.ts";
import { keyRefused, pemBody } from "./_rsa_pem.ts";
import {
  type BuiltInSignatureMethod,
  SIGNATURE_METHODS,
  type SignatureMethodName,
  signingKey,
  type SigningSecrets,
} from "./signature.ts";

export type {
  BuiltInSignatureMethod,
  HashName,
  SignatureFamily,
  SignatureMethod,
  SignatureMethodName,
  SignatureResult,
  SigningSecrets,
  VerifyingSecrets,
} from "./signature.ts";

const encoder = new TextEncoder();

/** node:crypto's name of a Web Crypto hash: "SHA-256" → "sha256". */
function nodeHash(row: BuiltInSignatureMethod): string {
  return row.hash!.replace("-", "").toLowerCase();
}

// A signature that is not canonical base64 is refused, as the Web Crypto
// methods refuse it: never decoded leniently.
function receivedBytes(signature: string): Uint8Array | undefined {
  try {
    return fromBase64(signature);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return undefined;
  }
}

/** What a method returns for a signature in base64: it, and its bytes. */
function result(signature: string): { signature: string; digest: Uint8Array } {
  return { signature, digest: fromBase64(signature) };
}

/** Runs `work` now, on this thread: its value, or its throw, as a promise. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * HMAC (RFC 2104) under one key, on `createHash`, in base64: the key's inner
 * and outer hash states are computed once, then copied for each text. Deno's
 * `createHmac` builds a stream and pads the key again on every call, at three
 * times the cost; on Node and Bun `createHmac` costs about as much as this.
 * The digest is taken as base64 (decoded by the caller where it needs the
 * bytes): Deno makes a `Buffer` of a raw digest at the cost of the hash.
 */
function keyedHash(
  hash: string,
  blockBytes: number,
  keyText: string,
): (text: string) => string {
  let key: Uint8Array = encoder.encode(keyText);
  if (key.length > blockBytes) key = createHash(hash).update(key).digest();
  const padded = new Uint8Array(blockBytes);
  padded.set(key);
  const inner = createHash(hash).update(padded.map((byte) => byte ^ 0x36));
  const outer = createHash(hash).update(padded.map((byte) => byte ^ 0x5c));
  return (text) =>
    outer.copy().update(inner.copy().update(text).digest()).digest("base64");
}

function hmac(row: BuiltInSignatureMethod): BuiltInSignatureMethod {
  const hash = nodeHash(row);
  const keys = boundedMemo<string, (text: string) => string>();
  const signatureOf = (baseString: string, secrets: SigningSecrets) => {
    const keyText = signingKey(secrets.consumerSecret, secrets.tokenSecret);
    return keys(keyText, () => keyedHash(hash, row.blockBytes!, keyText))(
      baseString,
    );
  };
  return {
    ...row,
    sign: (baseString, secrets) =>
      settled(() => result(signatureOf(baseString, secrets))),
    verify: (baseString, signature, secrets) =>
      settled(() => {
        const bytes = receivedBytes(signature);
        if (bytes === undefined) return false;
        const digest = fromBase64(signatureOf(baseString, secrets));
        // timingSafeEqual takes equal lengths; the length is no secret.
        return bytes.length === digest.length &&
          timingSafeEqual(bytes, digest);
      }),
  };
}

function importRsaKey(
  pem: string,
  format: "pkcs8" | "spki",
  name: string,
): KeyObject {
  const body = pemBody(pem, format, name);
  try {
    const der = Buffer.from(fromBase64(body).buffer);
    const key = format === "pkcs8"
      ? createPrivateKey({ key: der, format: "der", type: "pkcs8" })
      : createPublicKey({ key: der, format: "der", type: "spki" });
    // Web Crypto's RSASSA-PKCS1-v1_5 takes RSA keys only; createSign would
    // sign with an EC or RSA-PSS key as well.
    if (key.asymmetricKeyType !== "rsa") {
      throw new TypeError(
        `Cannot use the key: key type must be "rsa": current type is "${key.asymmetricKeyType}"`,
      );
    }
    return key;
  } catch (cause) {
    throw keyRefused(name, format, "node:crypto", cause);
  }
}

function rsa(row: BuiltInSignatureMethod): BuiltInSignatureMethod {
  const hash = nodeHash(row);
  const privateKeys = boundedMemo<string, KeyObject>();
  const publicKeys = boundedMemo<string, KeyObject>();
  return {
    ...row,
    async sign(baseString, secrets) {
      const pem = secrets.privateKey;
      // A CryptoKey, or no key (the Web method's TypeError), goes to Web Crypto.
      if (typeof pem !== "string") return await row.sign(baseString, secrets);
      const key = privateKeys(pem, () => importRsaKey(pem, "pkcs8", row.name));
      return result(createSign(hash).update(baseString).sign(key, "base64"));
    },
    async verify(baseString, signature, secrets) {
      const pem = secrets.publicKey;
      if (typeof pem !== "string") {
        return await row.verify!(baseString, signature, secrets);
      }
      const key = publicKeys(pem, () => importRsaKey(pem, "spki", row.name));
      const bytes = receivedBytes(signature);
      return bytes !== undefined &&
        createVerify(hash).update(baseString).verify(key, bytes);
    },
  };
}

/**
 * The table of signature methods on `node:crypto`: the rows of
 * {@linkcode SIGNATURE_METHODS} in the same order, with the same name,
 * section, family, hash and digest length, the HMAC and RSA methods computed
 * with `node:crypto` (PLAINTEXT computes nothing and is the same object).
 * Pass it as `verifyRequest()`'s `signatureMethods` to verify every method
 * on the calling thread.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example Verify with every method on node:crypto
 * ```ts
 * import { signRequest, verifyRequest } from "@oauth1/steps";
 * import {
 *   NODE_CRYPTO_SIGNATURE_METHODS,
 *   nodeHmacSha1,
 * } from "@oauth1/steps/node-crypto";
 * import assert from "node:assert/strict";
 *
 * const client = {
 *   consumerKey: "dpf43f3p2l4k3l03",
 *   consumerSecret: "kd94hf93k423kf44",
 *   token: "nnch734d00sl2jdk",
 *   tokenSecret: "pfkkdhi9sl3r4s00",
 * };
 * const signed = await signRequest(
 *   { method: "GET", url: "https://photos.example.net/photos?size=original" },
 *   client,
 *   { signatureMethod: nodeHmacSha1, timestamp: 137131202 },
 * );
 * const result = await verifyRequest(
 *   signed.toRequest(),
 *   {
 *     consumer: () => Promise.resolve({ secret: client.consumerSecret }),
 *     token: () => Promise.resolve({ secret: client.tokenSecret }),
 *   },
 *   { signatureMethods: NODE_CRYPTO_SIGNATURE_METHODS, now: 137131202 },
 * );
 * assert.ok(result.ok);
 * ```
 */
export const NODE_CRYPTO_SIGNATURE_METHODS: readonly BuiltInSignatureMethod[] =
  SIGNATURE_METHODS.map((row) =>
    row.family === "HMAC" ? hmac(row) : row.family === "RSA" ? rsa(row) : row
  );

function method(name: SignatureMethodName): BuiltInSignatureMethod {
  return NODE_CRYPTO_SIGNATURE_METHODS.find((m) => m.name === name)!;
}

/**
 * HMAC-SHA1 (RFC 5849 §3.4.2) on `node:crypto`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example The HMAC-SHA1 signature of RFC 5849 §1.2's photo request
 * ```ts
 * import { signRequest } from "@oauth1/steps";
 * import { nodeHmacSha1 } from "@oauth1/steps/node-crypto";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" },
 *   {
 *     consumerKey: "dpf43f3p2l4k3l03",
 *     consumerSecret: "kd94hf93k423kf44",
 *     token: "nnch734d00sl2jdk",
 *     tokenSecret: "pfkkdhi9sl3r4s00",
 *   },
 *   { signatureMethod: nodeHmacSha1, nonce: "chapoH", timestamp: 137131202, version: false },
 * );
 * assert.equal(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
 * ```
 */
export const nodeHmacSha1: BuiltInSignatureMethod = method("HMAC-SHA1");
/**
 * HMAC-SHA256 (the rule of RFC 5849 §3.4.2 with SHA-256) on `node:crypto`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example The request of RFC 5849 §3.4.1.1 (the vector of oauthlib's test suite)
 * ```ts
 * import { nodeHmacSha256 } from "@oauth1/steps/node-crypto";
 * import assert from "node:assert/strict";
 *
 * const { signature } = await nodeHmacSha256.sign(
 *   "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q" +
 *     "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key" +
 *     "%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method" +
 *     "%3DHMAC-SHA256%26oauth_timestamp%3D137131201%26oauth_token" +
 *     "%3Dkkk9d7dh3k39sjv7",
 *   {
 *     consumerSecret: "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ",
 *     tokenSecret: "just-a-string    asdasd",
 *   },
 * );
 * assert.equal(signature, "H3pFir1hklbRC9oCiPduDwq3HEUY6s4qUXq6qz9wmAs=");
 * ```
 */
export const nodeHmacSha256: BuiltInSignatureMethod = method("HMAC-SHA256");
/**
 * HMAC-SHA512 (the rule of RFC 5849 §3.4.2 with SHA-512) on `node:crypto`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example A signature checks in constant time; another spelling of it is refused
 * ```ts
 * import { nodeHmacSha512 } from "@oauth1/steps/node-crypto";
 * import assert from "node:assert/strict";
 *
 * const secrets = { consumerSecret: "kd94hf93k423kf44", tokenSecret: "" };
 * const { signature } = await nodeHmacSha512.sign("GET&x&y", secrets);
 * assert.equal(signature.length, 88); // 64 bytes
 * assert.ok(await nodeHmacSha512.verify!("GET&x&y", signature, secrets));
 * assert.ok(!await nodeHmacSha512.verify!("GET&x&y", signature.slice(0, -2), secrets));
 * ```
 */
export const nodeHmacSha512: BuiltInSignatureMethod = method("HMAC-SHA512");
/**
 * RSA-SHA1 (RFC 5849 §3.4.3): RSASSA-PKCS1-v1_5 with SHA-1, on `createSign`
 * and `createVerify`, with a PKCS#8 PEM private key and an SPKI PEM public
 * key.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.3}
 *
 * @example Sign with a PKCS#8 PEM key, verify with its SPKI PEM public key
 * ```ts
 * import { nodeRsaSha1 } from "@oauth1/steps/node-crypto";
 * import { generateKeyPairSync } from "node:crypto";
 * import assert from "node:assert/strict";
 *
 * const { privateKey, publicKey } = generateKeyPairSync("rsa", {
 *   modulusLength: 2048,
 *   privateKeyEncoding: { type: "pkcs8", format: "pem" },
 *   publicKeyEncoding: { type: "spki", format: "pem" },
 * });
 * const baseString = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&size%3Doriginal";
 * const { signature } = await nodeRsaSha1.sign(baseString, {
 *   consumerSecret: "",
 *   privateKey,
 * });
 * assert.ok(
 *   await nodeRsaSha1.verify!(baseString, signature, { consumerSecret: "", publicKey }),
 * );
 * ```
 */
export const nodeRsaSha1: BuiltInSignatureMethod = method("RSA-SHA1");
/**
 * RSA-SHA256: RFC 5849 §3.4.3 with SHA-256, on `createSign` and
 * `createVerify`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.3}
 *
 * @example A PKCS#1 key is refused, as the Web Crypto method refuses it
 * ```ts
 * import { OAuthError } from "@oauth1/steps";
 * import { nodeRsaSha256 } from "@oauth1/steps/node-crypto";
 * import assert from "node:assert/strict";
 *
 * await assert.rejects(
 *   nodeRsaSha256.sign("bs", {
 *     consumerSecret: "",
 *     privateKey: "-----BEGIN RSA PRIVATE KEY-----\n…\n-----END RSA PRIVATE KEY-----",
 *   }),
 *   (error) => error instanceof OAuthError && error.code === "invalid_key",
 * );
 * ```
 */
export const nodeRsaSha256: BuiltInSignatureMethod = method("RSA-SHA256");
