// The embedded catalog provider over real HTTP (Deno.serve on 127.0.0.1,
// port 0): the key-only autocomplete, the signed title search, its XML read
// back with fast-xml-parser, and its refusals.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { createOAuthFetch, keyOnlyRequest, signRequest } from "../../mod.ts";
import {
  createCatalogProvider,
  DEMO_CREDENTIALS,
} from "../../examples/catalog_provider.ts";
import { serveLoopback } from "../support/support.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) =>
    ["autocomplete_item", "catalog_title", "link"].includes(name),
});

function withProvider(
  test: (
    base: string,
    provider: ReturnType<typeof createCatalogProvider>,
  ) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const provider = createCatalogProvider();
    const server = serveLoopback(provider.handler);
    try {
      await test(server.url, provider);
    } finally {
      await server.close();
    }
  };
}

Deno.test(
  "the catalog provider completes titles for a known consumer key, unsigned",
  withProvider(async (base) => {
    const request = keyOnlyRequest(
      `${base}/catalog/titles/autocomplete?term=AR`,
      DEMO_CREDENTIALS.consumerKey,
    );
    const response = await fetch(request.toRequest());
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /^application\/xml/);
    const xml = parser.parse(await response.text());
    assert.deepEqual(
      xml.autocomplete.autocomplete_item.map((
        i: { title: Record<string, string> },
      ) => i.title["@_short"]),
      ["Fargo", "Raising Arizona", "Rear Window"],
    );
  }),
);

Deno.test(
  "the catalog provider refuses autocomplete for an unknown or absent consumer key",
  withProvider(async (base) => {
    const unknown = await fetch(
      `${base}/catalog/titles/autocomplete?term=ar&oauth_consumer_key=nobody`,
    );
    assert.equal(unknown.status, 401);
    assert.equal(
      new URLSearchParams(await unknown.text()).get("oauth_problem"),
      "consumer_key_unknown",
    );
    const absent = await fetch(`${base}/catalog/titles/autocomplete?term=ar`);
    assert.equal(absent.status, 400);
    assert.equal(
      new URLSearchParams(await absent.text()).get("oauth_problem"),
      "parameter_absent",
    );
  }),
);

Deno.test(
  "the catalog provider answers a signed title search with <catalog_titles>",
  withProvider(async (base) => {
    const signed = await signRequest(
      {
        method: "GET",
        url:
          `${base}/catalog/titles?term=fargo&expand=synopsis,cast&max_results=1`,
      },
      DEMO_CREDENTIALS,
      { placement: "query" },
    );
    const response = await fetch(signed.toRequest());
    assert.equal(response.status, 200);
    const xml = parser.parse(await response.text()).catalog_titles;
    assert.equal(xml.number_of_results, 1);
    assert.equal(xml.results_per_page, 1);
    const [title] = xml.catalog_title;
    assert.equal(title.title["@_regular"], "Fargo");
    assert.equal(title.release_year, 1996);
    const synopsis = title.link.find((l: Record<string, string>) =>
      l["@_title"] === "synopsis"
    );
    assert.match(synopsis.synopsis, /police chief/);
    const cast = title.link.find((l: Record<string, string>) =>
      l["@_title"] === "cast"
    );
    assert.equal(cast.people.link[0]["@_title"], "Frances McDormand");
    const directors = title.link.find((l: Record<string, string>) =>
      l["@_title"] === "directors"
    );
    assert.equal(directors.people, undefined); // not expanded
  }),
);

Deno.test(
  "the catalog provider pages results with max_results and start_index",
  withProvider(async (base) => {
    const oauthFetch = createOAuthFetch(DEMO_CREDENTIALS);
    const titles: string[] = [];
    for (let start = 0; start < 4; start += 2) {
      const response = await oauthFetch(
        `${base}/catalog/titles?term=r&max_results=2&start_index=${start}`,
      );
      const xml = parser.parse(await response.text()).catalog_titles;
      assert.equal(xml.start_index, start);
      titles.push(
        ...xml.catalog_title.map((t: { title: Record<string, string> }) =>
          t.title["@_short"]
        ),
      );
    }
    assert.equal(new Set(titles).size, 4);
    const bad = await oauthFetch(
      `${base}/catalog/titles?term=r&max_results=101`,
    );
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<status_code>400<\/status_code>/);
  }),
);

Deno.test(
  "the catalog provider refuses an unsigned or replayed title search",
  withProvider(async (base) => {
    const unsigned = await fetch(
      keyOnlyRequest(
        `${base}/catalog/titles?term=fargo`,
        DEMO_CREDENTIALS.consumerKey,
      )
        .toRequest(),
    );
    assert.equal(unsigned.status, 400);
    assert.equal(
      new URLSearchParams(await unsigned.text()).get("oauth_parameters_absent"),
      "oauth_signature_method&oauth_signature&oauth_timestamp&oauth_nonce",
    );
    const signed = await signRequest(
      { method: "GET", url: `${base}/catalog/titles?term=fargo` },
      DEMO_CREDENTIALS,
    );
    assert.equal((await fetch(signed.toRequest())).status, 200);
    const replay = await fetch(signed.toRequest());
    assert.equal(replay.status, 401);
    assert.equal(
      replay.headers.get("www-authenticate"),
      'OAuth realm="Catalog", oauth_problem="nonce_used"',
    );
    await replay.body?.cancel();
  }),
);

Deno.test(
  "the catalog provider accepts a token it issued and new routes added to it",
  withProvider(async (base, provider) => {
    // What the three-legged endpoints will do: add a route and a token.
    provider.store.tokens.set("t1", {
      secret: "t1-secret",
      consumerKey: DEMO_CREDENTIALS.consumerKey,
    });
    provider.routes.set("GET /whoami", async (request, p) => {
      const result = await p.verify(request, { requireToken: true });
      return result.ok ? new Response(result.token) : p.refuse(result);
    });
    const withToken = createOAuthFetch({
      ...DEMO_CREDENTIALS,
      token: "t1",
      tokenSecret: "t1-secret",
    });
    assert.equal(await (await withToken(`${base}/whoami`)).text(), "t1");
    const without = await createOAuthFetch(DEMO_CREDENTIALS)(`${base}/whoami`);
    assert.equal(without.status, 400);
    await without.body?.cancel();
    const missing = await fetch(`${base}/no/such/route`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  }),
);

Deno.test("two providers do not share nonces", async () => {
  // Both running before the request is signed: a provider's nonce store
  // refuses a request signed before it began (it could be a replay).
  const providers = [createCatalogProvider(), createCatalogProvider()];
  const signed = await signRequest(
    { method: "GET", url: "http://catalog.example/catalog/titles?term=fargo" },
    DEMO_CREDENTIALS,
  );
  for (const provider of providers) {
    assert.equal((await provider.handler(signed.toRequest())).status, 200);
  }
});
