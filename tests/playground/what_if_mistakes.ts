// Each setting the What-if panel offers, as the independent test signer
// (tests/support/wrong_signer.ts) makes it for the request the panel's test
// signs: X's published example, a POST to an https URL with a query and a
// form body, a token and oauth_version. The page's What-if signature must be
// the test signer's, setting by setting; a setting with no row here has
// nothing to change in that request, and the page must say so.
import type { Mistakes } from "../support/wrong_signer.ts";

const swapScheme = (uri: string): string =>
  uri.startsWith("https:") ? `http:${uri.slice(6)}` : `https:${uri.slice(5)}`;

/** The mistakes of each setting, by the setting's id. */
export const WHAT_IF_MISTAKES: Readonly<Record<string, Mistakes>> = {
  "scheme-swapped": { uri: swapScheme },
  "default-port-kept": {
    uri: (u) =>
      u.replace(
        /^(https?:\/\/[^/]+)/,
        (_, s) => `${s}:${s.startsWith("https") ? 443 : 80}`,
      ),
  },
  "trailing-slash-added": { uri: (u) => `${u}/` },
  "query-in-uri": { queryInUri: true },
  "query-omitted": { omitQuery: true },
  "form-body-omitted": { omitFormBody: true },
  "form-plus-not-decoded": { formBody: "keep-plus" },
  "query-double-encoded": { query: "literal" },
  "query-plus-not-decoded": { query: "keep-plus" },
  "query-decoded-twice": { query: "twice" },
  "version-missing": { leaveOut: ["oauth_version"] },
  // The page signs its own correct signature along.
  "signature-signed": {
    alsoSign: [["oauth_signature", "hCtSmYh+iHYCEqBWrE7C7hYmtUk="]],
  },
  "encode-uri-component": { encoder: "encodeURIComponent" },
  "form-encoded": { encoder: "form" },
  "plus-for-space": { encoder: "plus-for-space" },
  "tilde-encoded": { encoder: "tilde-encoded" },
  "slash-raw": { encoder: "slash-raw" },
  "lower-hex": { lowerHex: true },
  "encoded-twice": { encodeTwice: true },
  "sorted-raw": { order: "raw" },
  "unsorted": { order: "none" },
  "sorted-by-name": { order: "name" },
  "method-lower-case": { method: "post" },
  "method-swapped": { method: "GET" },
  "parameters-not-encoded": { joinRaw: true },
  "key-not-encoded": { keyNotEncoded: true },
  "key-ampersand-missing": { keyWithoutAmpersand: true },
  "token-secret-missing": { tokenSecretMissing: true },
  "secrets-swapped": { secretsSwapped: true },
  "consumer-key-as-secret": { consumerKeyAsSecret: true },
  "hash-swapped": { hash: "sha256" },
  "hex-digest": { hex: true },
  "base64url-digest": { base64url: true },
  "base64-of-hex": { base64OfHex: true },
};
