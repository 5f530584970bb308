/**
 * Step 4 of a signature: the signature methods of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2 | RFC 5849 §3.4.2–3.4.4},
 * all computed with Web Crypto (`crypto.subtle`).
 *
 * HMAC-SHA1 is the default of the RFC and of nearly every server.
 * HMAC-SHA256 and HMAC-SHA512 follow the same rule with another hash, as
 * NetSuite, Mastercard and others ask. RSA-SHA1 and RSA-SHA256 sign with a
 * PKCS#8 PEM private key. PLAINTEXT sends the signing key itself and is safe
 * only over TLS.
 *
 * Each method is one row of {@linkcode SIGNATURE_METHODS} (its name, section,
 * family, hash, digest length, and how it signs and verifies), the one table
 * the signer, the verifier, the trace, the cause search, the CLI and the
 * playground read; a new method is a row there and its test.
 *
 * @module
 */

import { boundedCache } from "../core/cache.ts";
import { fromBase64, toBase64 } from "../core/codec.ts";
import { constantTimeEqual } from "../core/constant_time.ts";
import { keyRefused, PEM, pemBody } from "./_rsa_pem.ts";
import { percentEncode } from "./percent_encode.ts";

/** The secrets a signature method may need. */
export interface SigningSecrets {
  /** The client shared-secret. */
  consumerSecret: string;
  /** The token shared-secret; empty or absent when there is no token. */
  tokenSecret?: string | undefined;
  /** For RSA methods: a PKCS#8 PEM private key, or an imported `CryptoKey`. */
  privateKey?: string | CryptoKey | undefined;
}

/** The secrets a verifier needs to check a signature. */
export interface VerifyingSecrets {
  /** The client shared-secret. */
  consumerSecret: string;
  /** The token shared-secret; empty or absent when there is no token. */
  tokenSecret?: string | undefined;
  /** For RSA methods: the client's SPKI PEM public key, or a `CryptoKey`. */
  publicKey?: string | CryptoKey | undefined;
}

/** What a signature method computed. */
export interface SignatureResult {
  /** The `oauth_signature` value, before percent-encoding. */
  readonly signature: string;
  /** The raw digest, for the methods that compute one. */
  readonly digest: Uint8Array | undefined;
}

/** A signature method, the built-in ones or one of your own. */
export interface SignatureMethod {
  /** The `oauth_signature_method` value, such as `"HMAC-SHA1"`. */
  readonly name: string;
  /** How the key is built, in words, for the trace. */
  readonly keyStructure: string;
  /**
   * Signs a signature base string.
   *
   * @param baseString The signature base string (RFC 5849 §3.4.1.1).
   * @param secrets The secrets to sign with.
   * @returns The signature and its raw digest.
   */
  sign(baseString: string, secrets: SigningSecrets): Promise<SignatureResult>;
  /**
   * Checks a signature in constant time. A method without `verify` is checked
   * by signing again and comparing the two signatures in constant time.
   *
   * @param baseString The signature base string the server rebuilt.
   * @param signature The `oauth_signature` the client sent, decoded.
   * @param secrets The secrets, or the public key for RSA methods.
   * @returns Whether the signature is valid.
   */
  verify?(
    baseString: string,
    signature: string,
    secrets: VerifyingSecrets,
  ): Promise<boolean>;
}

/** The families of RFC 5849 §3.4: a keyed hash, an RSA key pair, or none. */
export type SignatureFamily = "HMAC" | "RSA" | "PLAINTEXT";

/**
 * A built-in signature method: one row of {@linkcode SIGNATURE_METHODS}, the
 * method itself with the facts the trace, the verifier, explain, the CLI and
 * the playground read about it.
 */
export interface BuiltInSignatureMethod extends SignatureMethod {
  /** The `oauth_signature_method` value. */
  readonly name: SignatureMethodName;
  /** Its section of RFC 5849: `"3.4.2"`, `"3.4.3"` or `"3.4.4"`. */
  readonly section: "3.4.2" | "3.4.3" | "3.4.4";
  /** HMAC with the shared secrets, RSA with a key pair, or PLAINTEXT. */
  readonly family: SignatureFamily;
  /** The hash, as Web Crypto names it; `undefined` for PLAINTEXT. */
  readonly hash: HashName | undefined;
  /**
   * The digest's length in bytes: HMAC's hash length; `undefined` where the
   * key sets it (RSA) or nothing is hashed (PLAINTEXT).
   */
  readonly digestBytes: number | undefined;
  /**
   * HMAC's block size in bytes, the `B` of RFC 2104 §2 that a key is padded
   * to; `undefined` for RSA and PLAINTEXT.
   */
  readonly blockBytes: number | undefined;
}

/** The hashes the built-in methods use, as Web Crypto names them. */
export type HashName = "SHA-1" | "SHA-256" | "SHA-512";

// Each hash's digest and block lengths in bytes (FIPS 180-4 §1).
const HASHES: Readonly<
  Record<HashName, { digestBytes: number; blockBytes: number }>
> = {
  "SHA-1": { digestBytes: 20, blockBytes: 64 },
  "SHA-256": { digestBytes: 32, blockBytes: 64 },
  "SHA-512": { digestBytes: 64, blockBytes: 128 },
};

const encoder = new TextEncoder();
const HMAC_KEY =
  "percent-encoded consumer secret & percent-encoded token secret";

/**
 * Builds the key of the HMAC and PLAINTEXT methods (RFC 5849 §3.4.2): the
 * percent-encoded consumer secret, `&`, the percent-encoded token secret. The
 * `&` is there even when the token secret is empty.
 *
 * @param consumerSecret The client shared-secret.
 * @param tokenSecret The token shared-secret, or empty.
 * @returns The signing key.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example
 * ```ts
 * import { signingKey } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * assert.equal(signingKey("kd94hf93k423kf44", ""), "kd94hf93k423kf44&");
 * assert.equal(signingKey("a&b", "c d"), "a%26b&c%20d");
 * ```
 */
export function signingKey(consumerSecret: string, tokenSecret = ""): string {
  if (typeof consumerSecret !== "string" || typeof tokenSecret !== "string") {
    throw new TypeError(
      "Cannot build signing key: consumer secret and token secret must be strings",
    );
  }
  // The parameter names keep any error message free of the secrets.
  return `${percentEncode(consumerSecret, { parameter: "consumerSecret" })}&${
    percentEncode(tokenSecret, { parameter: "tokenSecret" })
  }`;
}

function hmac(
  name: SignatureMethodName,
  hash: HashName,
): BuiltInSignatureMethod {
  const keys = boundedCache<string, CryptoKey>();
  const hmacKey = (secrets: SigningSecrets): Promise<CryptoKey> => {
    const keyText = signingKey(secrets.consumerSecret, secrets.tokenSecret);
    return keys(keyText, () =>
      crypto.subtle.importKey(
        "raw",
        encoder.encode(keyText),
        { name: "HMAC", hash },
        false,
        ["sign", "verify"],
      ));
  };
  return {
    name,
    section: "3.4.2",
    family: "HMAC",
    hash,
    ...HASHES[hash],
    keyStructure: HMAC_KEY,
    async sign(baseString, secrets) {
      const key = await hmacKey(secrets);
      const digest = new Uint8Array(
        await crypto.subtle.sign("HMAC", key, encoder.encode(baseString)),
      );
      return { signature: toBase64(digest), digest };
    },
    async verify(baseString, signature, secrets) {
      const bytes = signatureBytes(signature);
      if (bytes === undefined) return false;
      return crypto.subtle.verify(
        "HMAC",
        await hmacKey(secrets),
        bytes,
        encoder.encode(baseString),
      );
    },
  };
}

// A signature that is not canonical base64 is refused, never decoded leniently.
function signatureBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return fromBase64(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function rsa(
  name: SignatureMethodName,
  hash: "SHA-1" | "SHA-256",
): BuiltInSignatureMethod {
  const keys = boundedCache<string, CryptoKey>();
  const publicKeys = boundedCache<string, CryptoKey>();
  return {
    name,
    section: "3.4.3",
    family: "RSA",
    hash,
    digestBytes: undefined,
    blockBytes: undefined,
    keyStructure: "RSA private key (PKCS#8)",
    async sign(baseString, secrets) {
      const pem = secrets.privateKey;
      const key = typeof pem === "string"
        ? await keys(pem, () => importRsaKey(pem, "pkcs8", name, hash))
        : pem;
      if (key === undefined) {
        throw new TypeError(
          `Cannot sign with ${name}: credentials must include a privateKey (PKCS#8 PEM or CryptoKey)`,
        );
      }
      const digest = new Uint8Array(
        await crypto.subtle.sign(
          "RSASSA-PKCS1-v1_5",
          key,
          encoder.encode(baseString),
        ),
      );
      return { signature: toBase64(digest), digest };
    },
    async verify(baseString, signature, secrets) {
      const pem = secrets.publicKey;
      const key = typeof pem === "string"
        ? await publicKeys(pem, () => importRsaKey(pem, "spki", name, hash))
        : pem;
      if (key === undefined) {
        throw new TypeError(
          `Cannot verify ${name}: secrets must include a publicKey (SPKI PEM or CryptoKey)`,
        );
      }
      const bytes = signatureBytes(signature);
      return bytes !== undefined && crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        key,
        bytes,
        encoder.encode(baseString),
      );
    },
  };
}

async function importRsaKey(
  pem: string,
  format: "pkcs8" | "spki",
  name: string,
  hash: string,
): Promise<CryptoKey> {
  const body = pemBody(pem, format, name);
  try {
    return await crypto.subtle.importKey(
      format,
      fromBase64(body),
      { name: "RSASSA-PKCS1-v1_5", hash },
      false,
      [PEM[format].usage],
    );
  } catch (cause) {
    throw keyRefused(name, format, "Web Crypto", cause);
  }
}

/**
 * HMAC-SHA1 (RFC 5849 §3.4.2), the default.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example The HMAC-SHA1 signature of RFC 5849 §1.2's photo request
 * ```ts
 * import { hmacSha1 } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * const { signature } = await hmacSha1.sign(
 *   "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26" +
 *     "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26" +
 *     "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26" +
 *     "oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
 *   { consumerSecret: "kd94hf93k423kf44", tokenSecret: "pfkkdhi9sl3r4s00" },
 * );
 * assert.equal(signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
 * ```
 */
export const hmacSha1: BuiltInSignatureMethod = hmac("HMAC-SHA1", "SHA-1");
/**
 * HMAC-SHA256: the rule of RFC 5849 §3.4.2 with SHA-256.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example The request of RFC 5849 §3.4.1.1, signed with HMAC-SHA256 (the vector of oauthlib's test suite)
 * ```ts
 * import { hmacSha256 } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * const { signature } = await hmacSha256.sign(
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
export const hmacSha256: BuiltInSignatureMethod = hmac(
  "HMAC-SHA256",
  "SHA-256",
);
/**
 * HMAC-SHA512: the rule of RFC 5849 §3.4.2 with SHA-512.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2}
 *
 * @example RFC 5849 §1.2's photo request with HMAC-SHA512 (the signature python3-oauthlib 3.2.2 computes)
 * ```ts
 * import { hmacSha512 } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * const { signature } = await hmacSha512.sign(
 *   "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26" +
 *     "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26" +
 *     "oauth_signature_method%3DHMAC-SHA512%26oauth_timestamp%3D137131202%26" +
 *     "oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
 *   { consumerSecret: "kd94hf93k423kf44", tokenSecret: "pfkkdhi9sl3r4s00" },
 * );
 * assert.equal(
 *   signature,
 *   "GnPni/I//SEqvsTDz9Hl/oqxAlzMUgeQVrspr+N1EWltelChqWWuhrgewHZy90k8K2weeJkkURa/W10NRXY7uQ==",
 * );
 * ```
 */
export const hmacSha512: BuiltInSignatureMethod = hmac(
  "HMAC-SHA512",
  "SHA-512",
);
/**
 * RSA-SHA1 (RFC 5849 §3.4.3): RSASSA-PKCS1-v1_5 with SHA-1.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.3}
 *
 * @example Sign with a private key; the public key verifies the signature
 * ```ts
 * import { rsaSha1 } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" };
 * const keys = await crypto.subtle.generateKey(
 *   { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
 *   false,
 *   ["sign", "verify"],
 * );
 * const baseString = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&size%3Doriginal";
 * const { signature } = await rsaSha1.sign(baseString, {
 *   consumerSecret: "",
 *   privateKey: keys.privateKey, // or a PKCS#8 PEM string
 * });
 * assert.ok(
 *   await crypto.subtle.verify(
 *     algorithm,
 *     keys.publicKey,
 *     Uint8Array.from(atob(signature), (c) => c.charCodeAt(0)),
 *     new TextEncoder().encode(baseString),
 *   ),
 * );
 * ```
 */
export const rsaSha1: BuiltInSignatureMethod = rsa("RSA-SHA1", "SHA-1");
/**
 * RSA-SHA256: RFC 5849 §3.4.3 with SHA-256.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.3}
 *
 * @example Sign with a private key; the public key verifies the signature
 * ```ts
 * import { rsaSha256 } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
 * const keys = await crypto.subtle.generateKey(
 *   { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
 *   false,
 *   ["sign", "verify"],
 * );
 * const baseString = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&size%3Doriginal";
 * const { signature } = await rsaSha256.sign(baseString, {
 *   consumerSecret: "",
 *   privateKey: keys.privateKey,
 * });
 * assert.ok(
 *   await crypto.subtle.verify(
 *     algorithm,
 *     keys.publicKey,
 *     Uint8Array.from(atob(signature), (c) => c.charCodeAt(0)),
 *     new TextEncoder().encode(baseString),
 *   ),
 * );
 * ```
 */
export const rsaSha256: BuiltInSignatureMethod = rsa("RSA-SHA256", "SHA-256");

/**
 * PLAINTEXT (RFC 5849 §3.4.4): the signature is the signing key itself. Use it
 * only over TLS.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4.4}
 *
 * @example The PLAINTEXT request token of the OAuth wiki's TestCases
 * ```ts
 * import { plaintext } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * // The base string is not used: PLAINTEXT signs nothing.
 * const { signature } = await plaintext.sign("", {
 *   consumerSecret: "kd94hf93k423kf44",
 *   tokenSecret: "",
 * });
 * assert.equal(signature, "kd94hf93k423kf44&");
 * ```
 */
export const plaintext: BuiltInSignatureMethod = {
  name: "PLAINTEXT",
  section: "3.4.4",
  family: "PLAINTEXT",
  hash: undefined,
  digestBytes: undefined,
  blockBytes: undefined,
  keyStructure: HMAC_KEY,
  sign(_baseString, secrets) {
    return Promise.resolve({
      signature: signingKey(secrets.consumerSecret, secrets.tokenSecret),
      digest: undefined,
    });
  },
  verify(_baseString, signature, secrets) {
    return Promise.resolve(constantTimeEqual(
      signature,
      signingKey(secrets.consumerSecret, secrets.tokenSecret),
    ));
  },
};

/** The names of the built-in signature methods. */
export type SignatureMethodName =
  | "HMAC-SHA1"
  | "HMAC-SHA256"
  | "HMAC-SHA512"
  | "RSA-SHA1"
  | "RSA-SHA256"
  | "PLAINTEXT";

/**
 * The table of signature methods (RFC 5849 §3.4): each built-in method once,
 * the RFC's default first, with its section, family, hash and digest length.
 * Everything that lists, names or describes a method reads this table.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example The names and sections of the built-in methods
 * ```ts
 * import { SIGNATURE_METHODS } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   SIGNATURE_METHODS.map((method) => `${method.name} §${method.section}`),
 *   [
 *     "HMAC-SHA1 §3.4.2",
 *     "HMAC-SHA256 §3.4.2",
 *     "HMAC-SHA512 §3.4.2",
 *     "RSA-SHA1 §3.4.3",
 *     "RSA-SHA256 §3.4.3",
 *     "PLAINTEXT §3.4.4",
 *   ],
 * );
 * ```
 */
export const SIGNATURE_METHODS: readonly BuiltInSignatureMethod[] = [
  hmacSha1,
  hmacSha256,
  hmacSha512,
  rsaSha1,
  rsaSha256,
  plaintext,
];

/**
 * The row of {@linkcode SIGNATURE_METHODS} with this name, or `undefined`.
 *
 * @param name An `oauth_signature_method` value, as sent.
 * @returns The built-in method, or `undefined` if none has that name.
 *
 * @example
 * ```ts
 * import { builtInSignatureMethod } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * assert.equal(builtInSignatureMethod("RSA-SHA256")?.section, "3.4.3");
 * assert.equal(builtInSignatureMethod("hmac-sha1"), undefined);
 * ```
 */
export function builtInSignatureMethod(
  name: string,
): BuiltInSignatureMethod | undefined {
  return SIGNATURE_METHODS.find((method) => method.name === name);
}

/**
 * Finds a built-in signature method by its `oauth_signature_method` name.
 *
 * @param name The name, such as `"HMAC-SHA256"`, or a method of your own.
 * @returns The signature method.
 * @throws {TypeError} If no built-in method has that name.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example
 * ```ts
 * import { signatureMethod } from "@oauth1/steps/signature";
 * import assert from "node:assert/strict";
 *
 * assert.equal(signatureMethod("HMAC-SHA256").name, "HMAC-SHA256");
 * ```
 */
export function signatureMethod(
  name: SignatureMethodName | SignatureMethod,
): SignatureMethod {
  if (typeof name !== "string") return name;
  const method = builtInSignatureMethod(name);
  if (method === undefined) {
    throw new TypeError(
      `Cannot sign: signature method must be one of ${
        SIGNATURE_METHODS.map((m) => m.name).join(", ")
      }: current method is "${name}"`,
    );
  }
  return method;
}
