import process from "node:process";
import { createHash } from "node:crypto";
import { signRequest } from "./mod.ts";
import { nodeHmacSha1 } from "./steps/node_crypto.ts";
import { signingKey } from "./steps/signature.ts";
import oauthSign from "oauth-sign";
const enc = new TextEncoder();
const cache = new Map<string, (t: string) => Uint8Array>();
function hmacOf(keyText: string) {
  let key: Uint8Array = enc.encode(keyText);
  if (key.length > 64) key = createHash("sha1").update(key).digest();
  const padded = new Uint8Array(64); padded.set(key);
  const inner = createHash("sha1").update(padded.map((b) => b ^ 0x36));
  const outer = createHash("sha1").update(padded.map((b) => b ^ 0x5c));
  return (text: string) => outer.copy().update(inner.copy().update(text).digest()).digest();
}
const pre = { ...nodeHmacSha1, sign: (bs: string, s: { consumerSecret: string; tokenSecret?: string }) => {
  const k = signingKey(s.consumerSecret, s.tokenSecret);
  let f = cache.get(k); if (!f) { f = hmacOf(k); cache.set(k, f); }
  const d = f(bs) as Uint8Array & { toString(e: string): string };
  return Promise.resolve({ signature: d.toString("base64"), digest: new Uint8Array(d) });
} };
const c = { consumerKey: "xvz1evFS4wEEPTGEFPHBog", consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE" };
const url = "https://api.example.com/1.1/statuses/home_timeline.json";
const request = { method: "GET", url: url + "?count=20&include_entities=true" };
const o = { nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", timestamp: 1318622958 };
const p = { count: "20", include_entities: "true", oauth_consumer_key: c.consumerKey, oauth_token: c.token, oauth_signature_method: "HMAC-SHA1", oauth_timestamp: String(o.timestamp), oauth_nonce: o.nonce, oauth_version: "1.0" };
const a = (await signRequest(request, c, { ...o, signatureMethod: pre })).signature;
if (a !== (await signRequest(request, c, { ...o, signatureMethod: nodeHmacSha1 })).signature) throw new Error("x");
const fns: Record<string, () => unknown> = {
  createHmac: () => signRequest(request, c, { ...o, signatureMethod: nodeHmacSha1 }),
  precomputed: () => signRequest(request, c, { ...o, signatureMethod: pre }),
  oauthSign: () => oauthSign.hmacsign("GET", url, p, c.consumerSecret, c.tokenSecret),
};
const N = 3000, res: Record<string, number[]> = {};
for (let r = 0; r < 11; r++) for (const [k, f] of Object.entries(fns)) {
  const c0 = process.cpuUsage(); for (let i = 0; i < N; i++) await f(); const d = process.cpuUsage(c0);
  (res[k] ??= []).push((d.user + d.system) / N);
}
for (const [k, v] of Object.entries(res)) console.log(k, v.sort((a, b) => a - b)[5]!.toFixed(2));
