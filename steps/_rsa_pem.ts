// Reading an RSA key's PEM block, shared by the Web Crypto methods
// (signature.ts) and the node:crypto ones (node_crypto.ts), so that both
// accept the same keys and refuse the others with the same OAuthError.

import { OAuthError } from "../core/errors.ts";

/** The PEM label, the word for the key, and its use, by key format. */
export const PEM = {
  pkcs8: { label: "PRIVATE KEY", what: "key", usage: "sign" },
  spki: { label: "PUBLIC KEY", what: "public key", usage: "verify" },
} as const;

/**
 * The base64 body of the key's PEM block, white space removed; decoding it is
 * left to the caller, whose engine refuses what is not a key.
 *
 * @throws {OAuthError} `invalid_key` for a PKCS#1 private key, or text with
 * no PEM block of the format's label.
 */
export function pemBody(
  pem: string,
  format: "pkcs8" | "spki",
  name: string,
): string {
  const { label, what } = PEM[format];
  if (format === "pkcs8" && pem.includes("BEGIN RSA PRIVATE KEY")) {
    throw new OAuthError(
      "invalid_key",
      `Cannot import ${name} key: key must be PKCS#8 ("BEGIN PRIVATE KEY"): current key is PKCS#1 ("BEGIN RSA PRIVATE KEY"); convert it with "openssl pkcs8 -topk8 -nocrypt"`,
    );
  }
  const body = new RegExp(
    `-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`,
  ).exec(pem)?.[1];
  if (body === undefined) {
    throw new OAuthError(
      "invalid_key",
      `Cannot import ${name} ${what}: key must be a PEM block "BEGIN ${label}"`,
    );
  }
  return body.replace(/\s+/g, "");
}

/** The error for a key whose bytes the engine (`"Web Crypto"`, `"node:crypto"`) refused. */
export function keyRefused(
  name: string,
  format: "pkcs8" | "spki",
  engine: string,
  cause: unknown,
): OAuthError {
  return new OAuthError(
    "invalid_key",
    `Cannot import ${name} ${PEM[format].what}: ${engine} refused the ${
      format === "pkcs8" ? "PKCS#8" : "SPKI"
    } RSA key`,
    { cause },
  );
}
