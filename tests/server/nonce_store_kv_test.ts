// kvNonceStore() on a real Deno KV database (a SQLite file in /tmp), shared
// by two verifier instances, each with its own connection and its own
// loopback server, as two instances of one service behind a load balancer:
// clients sign for the public URL, each instance verifies against it.
import assert from "node:assert/strict";
import {
  problemResponse,
  type SignedRequest,
  signRequest,
  verifyRequest,
} from "../../mod.ts";
import { kvNonceStore } from "../../server/nonce_store_kv.ts";
import { lookupOf, type Loopback, serveLoopback } from "../support/support.ts";

const PUBLIC = "https://api.catalog.example";
const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
};
const lookup = lookupOf(CLIENT);

async function withInstances(
  test: (a: Loopback, b: Loopback) => Promise<void>,
): Promise<void> {
  const path = await Deno.makeTempFile({ dir: "/tmp", suffix: ".kv.sqlite" });
  const kvs = [await Deno.openKv(path), await Deno.openKv(path)];
  const [a, b] = kvs.map((kv) => {
    const nonceStore = kvNonceStore(kv);
    return serveLoopback(async (request) => {
      const { pathname, search } = new URL(request.url);
      const result = await verifyRequest(request, lookup, {
        nonceStore,
        url: PUBLIC + pathname + search,
      });
      return result.ok ? new Response("ok") : problemResponse(result);
    });
  });
  try {
    await test(a!, b!);
  } finally {
    await a!.close();
    await b!.close();
    for (const kv of kvs) kv.close();
    await Deno.remove(path);
  }
}

async function sendTo(
  instance: Loopback,
  signed: SignedRequest,
): Promise<string> {
  const url = new URL(signed.url);
  const response = await fetch(instance.url + url.pathname, {
    headers: { authorization: signed.authorization },
  });
  const body = new URLSearchParams(await response.text());
  return body.get("oauth_problem") ?? String(response.status);
}

Deno.test("kvNonceStore() lets one instance refuse a nonce the other accepted", async () => {
  await withInstances(async (a, b) => {
    const signed = await signRequest(
      { method: "GET", url: `${PUBLIC}/catalog/titles` },
      CLIENT,
    );
    assert.equal(await sendTo(a, signed), "200");
    assert.equal(await sendTo(b, signed), "nonce_used");
    assert.equal(await sendTo(a, signed), "nonce_used");
    const fresh = await signRequest(
      { method: "GET", url: `${PUBLIC}/catalog/titles` },
      CLIENT,
    );
    assert.equal(await sendTo(b, fresh), "200");
  });
});

Deno.test("kvNonceStore() accepts a request sent to both instances at once exactly once", async () => {
  await withInstances(async (a, b) => {
    for (let i = 0; i < 10; i++) {
      const signed = await signRequest(
        { method: "GET", url: `${PUBLIC}/catalog/titles` },
        CLIENT,
      );
      const answers = await Promise.all([sendTo(a, signed), sendTo(b, signed)]);
      assert.deepEqual(answers.sort(), ["200", "nonce_used"]);
    }
  });
});

Deno.test("kvNonceStore() on a database opened again, as after a verifier restart, still refuses a nonce used before", async () => {
  const path = await Deno.makeTempFile({ dir: "/tmp", suffix: ".kv.sqlite" });
  const record = {
    consumerKey: "dpf43f3p2l4k3l03",
    token: undefined,
    timestamp: 137131200,
    nonce: "wIjqoS",
    seenAt: 137131200,
    expiresAt: 137131500,
  };
  try {
    const before = await Deno.openKv(path);
    assert.equal(await kvNonceStore(before).use(record), true);
    before.close();
    const after = await Deno.openKv(path);
    try {
      assert.equal(await kvNonceStore(after).use(record), false);
    } finally {
      after.close();
    }
  } finally {
    await Deno.remove(path);
  }
});
