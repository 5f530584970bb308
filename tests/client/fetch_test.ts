// createOAuthFetch() over real HTTP: two loopback servers (two origins: same
// host, other ports); the first verifies with verifyRequest() and redirects,
// the second records what reached it.
import assert from "node:assert/strict";
import {
  createOAuthFetch,
  memoryNonceStore,
  problemResponse,
  verifyRequest,
} from "../../mod.ts";
import { lookupOf, serveLoopback } from "../support/support.ts";

const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
const lookup = lookupOf(CLIENT);

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
  nonce?: string | undefined;
}

function servers() {
  const seenOther: Seen[] = [];
  const seenHome: Seen[] = [];
  const other = serveLoopback(async (request) => {
    seenOther.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      body: await request.text(),
    });
    return new Response("other");
  });
  const nonceStore = memoryNonceStore();
  const home = serveLoopback(async (request) => {
    const result = await verifyRequest(request, lookup, { nonceStore });
    if (!result.ok) return problemResponse(result);
    const url = new URL(request.url);
    seenHome.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      body: await request.text(),
      nonce: result.nonce,
    });
    const to = url.searchParams.get("to");
    const status = Number(url.searchParams.get("status") ?? 302);
    if (url.pathname === "/dir") { // a trailing-slash 301 keeps the query
      return new Response(null, {
        status: 301,
        headers: { location: `/dir/${url.search}${url.hash}` },
      });
    }
    if (url.pathname === "/added") { // the server adds a pair of its own
      return new Response(null, {
        status: 302,
        headers: { location: `/dir/${url.search}&oauth_token=other` },
      });
    }
    if (to === "other-keep") {
      return new Response(null, {
        status: 307,
        headers: { location: `${other.url}/landed${url.search}` },
      });
    }
    if (url.pathname === "/loop") {
      return new Response(null, {
        status: 302,
        headers: { location: "/loop" },
      });
    }
    if (to === "home") {
      return new Response(null, {
        status,
        headers: { location: "/landed?x=1" },
      });
    }
    if (to === "other") {
      return new Response(null, {
        status,
        headers: { location: `${other.url}/landed?x=1` },
      });
    }
    return new Response("home");
  });
  return {
    home,
    other,
    seenHome,
    seenOther,
    async close() {
      await home.close();
      await other.close();
    },
  };
}

Deno.test("createOAuthFetch() signs every request with a fresh nonce", async () => {
  const s = servers();
  try {
    const oauthFetch = createOAuthFetch(CLIENT);
    for (let i = 0; i < 3; i++) {
      const response = await oauthFetch(`${s.home.url}/photos?size=original`);
      assert.equal(await response.text(), "home");
    }
    assert.equal(new Set(s.seenHome.map((x) => x.nonce)).size, 3);
  } finally {
    await s.close();
  }
});

for (const placement of ["header", "query", "body"] as const) {
  Deno.test(`createOAuthFetch() sends a form POST the verifier accepts, placement ${placement}`, async () => {
    const s = servers();
    try {
      const oauthFetch = createOAuthFetch(CLIENT, { placement });
      const response = await oauthFetch(`${s.home.url}/photos`, {
        method: "POST",
        body: new URLSearchParams({ status: "Hello Ladies + Gentlemen" }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      assert.match(s.seenHome[0]!.body, /^status=Hello/);
    } finally {
      await s.close();
    }
  });
}

Deno.test("createOAuthFetch() signs a same-origin redirect again with a new nonce", async () => {
  const s = servers();
  try {
    const response = await createOAuthFetch(CLIENT)(
      `${s.home.url}/start?to=home`,
    );
    assert.equal(await response.text(), "home");
    assert.equal(s.seenHome.length, 2);
    assert.equal(s.seenHome[1]!.url, `${s.home.url}/landed?x=1`);
    assert.notEqual(s.seenHome[0]!.nonce, s.seenHome[1]!.nonce);
  } finally {
    await s.close();
  }
});

for (const placement of ["header", "query"] as const) {
  Deno.test(`createOAuthFetch() sends no credentials to another origin after a redirect (${placement})`, async () => {
    const s = servers();
    try {
      const response = await createOAuthFetch(CLIENT, { placement })(
        `${s.home.url}/start?to=other&status=307`,
        { headers: { authorization: 'OAuth realm="user\'s own"' } },
      );
      assert.equal(await response.text(), "other");
      assert.equal(s.seenOther.length, 1);
      const seen = s.seenOther[0]!;
      assert.equal(seen.authorization, null);
      assert.equal(seen.url, `${s.other.url}/landed?x=1`);
      assert.doesNotMatch(seen.url, /oauth_/);
    } finally {
      await s.close();
    }
  });
}

Deno.test("createOAuthFetch() turns a POST into a GET without body on 303", async () => {
  const s = servers();
  try {
    const response = await createOAuthFetch(CLIENT)(
      `${s.home.url}/start?to=home&status=303`,
      { method: "POST", body: new URLSearchParams({ a: "1" }) },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(s.seenHome.map((x) => [x.method, x.body]), [
      ["POST", "a=1"],
      ["GET", ""],
    ]);
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() keeps method and body on 307", async () => {
  const s = servers();
  try {
    await createOAuthFetch(CLIENT)(
      `${s.home.url}/start?to=home&status=307`,
      { method: "POST", body: new URLSearchParams({ a: "1" }) },
    );
    assert.deepEqual(s.seenHome.map((x) => [x.method, x.body]), [
      ["POST", "a=1"],
      ["POST", "a=1"],
    ]);
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() honours redirect: manual and error", async () => {
  const s = servers();
  try {
    const oauthFetch = createOAuthFetch(CLIENT);
    const manual = await oauthFetch(`${s.home.url}/start?to=other`, {
      redirect: "manual",
    });
    assert.equal(manual.status, 302);
    assert.equal(s.seenOther.length, 0);
    await assert.rejects(
      oauthFetch(`${s.home.url}/start?to=home`, { redirect: "error" }),
      { name: "TypeError", message: /redirect mode is "error"/ },
    );
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() stops after maxRedirects", async () => {
  const s = servers();
  try {
    await assert.rejects(
      createOAuthFetch(CLIENT, { maxRedirects: 3 })(`${s.home.url}/loop`),
      {
        name: "TypeError",
        message:
          "Cannot fetch: redirects must be at most 3: current request was redirected more",
      },
    );
    assert.equal(s.seenHome.length, 4);
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() follows a same-origin 301 that keeps the query, placement query (regression: re-signing threw on oauth_consumer_key in the query)", async () => {
  const s = servers();
  try {
    const response = await createOAuthFetch(CLIENT, { placement: "query" })(
      `${s.home.url}/dir?b=2&a=1+1&oauth_x=kept`,
    );
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(await response.text(), "home");
    assert.equal(s.seenHome.length, 2);
    const [first, second] = s.seenHome.map((x) => new URL(x.url));
    const names = (url: URL) => [...url.searchParams.keys()];
    assert.equal(second!.pathname, "/dir/");
    // Every pair but ours kept, as written; ours once, with a fresh nonce.
    assert.match(second!.search, /^\?b=2&a=1\+1&oauth_x=kept&oauth_/);
    assert.deepEqual(names(second!), names(first!));
    assert.notEqual(
      first!.searchParams.get("oauth_nonce"),
      second!.searchParams.get("oauth_nonce"),
    );
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() follows a same-origin 301 that keeps the query, placement body on a GET", async () => {
  const s = servers();
  try {
    const response = await createOAuthFetch(CLIENT, { placement: "body" })(
      `${s.home.url}/dir?size=original`,
    );
    assert.equal(await response.text(), "home");
    assert.equal(s.seenHome.length, 2);
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() keeps an oauth_* pair the server added to the Location, and refuses to sign it", async () => {
  const s = servers();
  try {
    await assert.rejects(
      createOAuthFetch(CLIENT, { placement: "query" })(`${s.home.url}/added`),
      {
        name: "TypeError",
        message:
          'Cannot sign request: parameter "oauth_token" must not be in the query: the signer adds the protocol parameters itself',
      },
    );
    assert.equal(s.seenHome.length, 1);
  } finally {
    await s.close();
  }
});

Deno.test("createOAuthFetch() sends none of its query parameters to another origin whose Location keeps the query", async () => {
  const s = servers();
  try {
    const response = await createOAuthFetch(CLIENT, { placement: "query" })(
      `${s.home.url}/start?to=other-keep`,
    );
    assert.equal(await response.text(), "other");
    assert.equal(s.seenOther[0]!.url, `${s.other.url}/landed?to=other-keep`);
  } finally {
    await s.close();
  }
});
