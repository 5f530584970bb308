// What the peer libraries get wrong, measured: each case below is a request a
// real integration sends. The truth is oauthlib 3.2.2 signing the request as
// fetch sends it; we, npm:oauth-1.0a 2.2.6 (through its own API) and
// npm:oauth-sign 0.9.0 (fed as the `request` library fed it: base URI from
// node:url, query and form parsed with node:querystring) are compared with it.
// The README's table "What we do that the peers don't" comes from this test.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { parse as parseUrl } from "node:url";
import OAuth from "oauth-1.0a";
import { type Case, FORM } from "./support/differential_cases.ts";
import { oauthSignView, runAll } from "./support/differential_peers.ts";

interface PeerCase {
  name: string;
  method: string;
  url: string;
  body?: string;
  /** Whether each peer's signature equals oauthlib's, as measured. */
  expect: { oauth1a: boolean; oauthSign: boolean };
}

const CASES: PeerCase[] = [
  {
    name: "a plain GET with a query",
    method: "GET",
    url: "http://api.example.com/1/titles?term=fargo",
    expect: { oauth1a: true, oauthSign: true },
  },
  {
    name: "an upper-case host and the default port",
    method: "GET",
    url: "HTTP://API.Example.COM:80/1/titles?term=fargo",
    expect: { oauth1a: false, oauthSign: false },
  },
  {
    name: "an encoded query value (first%2Csecond)",
    method: "GET",
    url: "http://api.example.com/1/titles?expand=first%2Csecond",
    expect: { oauth1a: true, oauthSign: true },
  },
  {
    name: "a + meaning space in the query",
    method: "GET",
    url: "http://api.example.com/1/titles?term=the+wire",
    expect: { oauth1a: false, oauthSign: true },
  },
  {
    name: "a repeated query name",
    method: "GET",
    url: "http://api.example.com/1/titles?id=2&id=1",
    expect: { oauth1a: true, oauthSign: true },
  },
  {
    name: "names a and a! (sorted by encoded name)",
    method: "GET",
    url: "http://api.example.com/1/titles?a%21=1&a=2",
    expect: { oauth1a: false, oauthSign: true },
  },
  {
    name: "an empty path",
    method: "GET",
    url: "http://api.example.com?term=fargo",
    expect: { oauth1a: false, oauthSign: true },
  },
  {
    name: "a fragment",
    method: "GET",
    url: "http://api.example.com/1/titles?term=fargo#top",
    expect: { oauth1a: false, oauthSign: true },
  },
  {
    name: "a non-ASCII path",
    method: "GET",
    url: "http://api.example.com/1/titles/amélie",
    expect: { oauth1a: false, oauthSign: false },
  },
  {
    name: "the same name in the query and the form body",
    method: "POST",
    url: "http://api.example.com/1/titles?tag=a",
    body: "tag=b&status=Hello%20Ladies%20%2B%20Gentlemen",
    expect: { oauth1a: false, oauthSign: true },
  },
];

const CREDENTIALS = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
const NONCE = "kllo9940pd9333jh";
const TIMESTAMP = 1191242096;

function toCase(c: PeerCase, i: number): Case {
  return {
    id: `peer-${i}`,
    method: c.method,
    url: c.url,
    headers: c.body === undefined ? {} : { "content-type": FORM },
    ...(c.body === undefined ? {} : { body: c.body }),
    credentials: CREDENTIALS,
    options: {
      signatureMethod: "HMAC-SHA1",
      nonce: NONCE,
      timestamp: TIMESTAMP,
    },
  };
}

function oauth1aSignature(c: PeerCase): string {
  const oauth = new OAuth({
    consumer: {
      key: CREDENTIALS.consumerKey,
      secret: CREDENTIALS.consumerSecret,
    },
    signature_method: "HMAC-SHA1",
    hash_function: (base: string, key: string) =>
      createHmac("sha1", key).update(base).digest("base64"),
  });
  oauth.getNonce = () => NONCE;
  oauth.getTimeStamp = () => TIMESTAMP;
  const data = c.body === undefined
    ? undefined
    : Object.fromEntries(new URLSearchParams(c.body));
  return oauth.authorize(
    { url: c.url, method: c.method, ...(data ? { data } : {}) },
    { key: CREDENTIALS.token, secret: CREDENTIALS.tokenSecret },
  ).oauth_signature;
}

/** The base string URI the `request` library built for oauth-sign. */
function requestBaseUri(url: string): string {
  const parsed = parseUrl(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

const cases = CASES.map(toCase);
const results = await runAll("peers", cases);
const rows: string[] = [];

for (const [i, c] of CASES.entries()) {
  Deno.test(`signRequest() agrees with oauthlib, and the peers are as measured, for ${c.name}`, async () => {
    const { ours, oauthlib } = results.get(`peer-${i}`)!;
    assert.ok(!(ours instanceof Error), String(ours));
    const truth = oauthlib!.wire.sig;
    assert.equal(ours.sig, truth);
    const oauth1a = oauth1aSignature(c) === truth;
    const view = await oauthSignView(cases[i]!, c.url, requestBaseUri(c.url));
    const oauthSign = view.sig === truth;
    rows.push(
      `| ${c.name} | yes | ${oauth1a ? "yes" : "**no**"} | ${
        oauthSign ? "yes" : "**no**"
      } |`,
    );
    assert.deepEqual({ oauth1a, oauthSign }, c.expect);
  });
}

Deno.test("the peers throw URIError, with no parameter named, on a lone surrogate", async () => {
  const lone = "\uD800";
  assert.throws(
    () =>
      oauth1aSignature({
        ...CASES[0]!,
        url: `http://api.example.com/?q=${lone}`,
      }),
    URIError,
  );
  const view = await oauthSignView(
    { ...cases[0]!, url: `http://api.example.com/?q=${lone}` },
    `http://api.example.com/?q=${lone}`,
    "http://api.example.com/",
  );
  assert.match(view.error ?? "", /URIError/);
});

Deno.test("the table of peer results is complete", () => {
  assert.equal(rows.length, CASES.length);
  console.log(
    [
      "| request | ours | oauth-1.0a | oauth-sign |",
      "|---|---|---|---|",
      ...rows,
    ].join("\n"),
  );
});
