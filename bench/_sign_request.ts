// The request the signing benches sign (sign_bench.ts, _sign_rounds.ts): 2
// query parameters and the 6 protocol parameters (consumer key, token,
// signature method, timestamp, nonce, version), with X's documented example
// credentials; and npm:oauth-1.0a set up to sign it on node:crypto.
import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";

export const url = "https://api.example.com/1.1/statuses/home_timeline.json";
export const query = { count: "20", include_entities: "true" };
export const credentials = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
export const nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
export const timestamp = 1318622958;
export const request = {
  method: "GET",
  url: `${url}?${new URLSearchParams(query)}`,
};
/** The protocol parameters, as the peers take them. */
export const protocol = {
  oauth_consumer_key: credentials.consumerKey,
  oauth_token: credentials.token,
  oauth_signature_method: "HMAC-SHA1",
  oauth_timestamp: String(timestamp),
  oauth_nonce: nonce,
  oauth_version: "1.0",
};
/** npm:oauth-1.0a, hashing with node:crypto; it makes its own nonce. */
export const oauth1a = new OAuth({
  consumer: {
    key: credentials.consumerKey,
    secret: credentials.consumerSecret,
  },
  signature_method: "HMAC-SHA1",
  hash_function: (base: string, key: string) =>
    createHmac("sha1", key).update(base).digest("base64"),
  nonce_length: nonce.length,
});
