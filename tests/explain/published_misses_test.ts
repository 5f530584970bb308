// Regression (issue 17): the 16 broken requests explain() used to leave
// unexplained, each rebuilt from its vendor's published example (X's
// "Creating a signature" page, NetSuite token-based authentication, an IMS
// LTI 1.1 launch, WooCommerce's REST API, RFC 5849 §3.4.1.1; the vectors are
// in tests/testdata/published.json) and signed wrong by the independent
// signer. explain() must name the mistakes made: the setting, or the settings
// together.
import assert from "node:assert/strict";
import { explain, type ExplainEvidence } from "../../explain/explain.ts";
import {
  type Mistakes,
  sentWith,
  type TestRequest,
  wrongBaseString,
  wrongSign,
} from "../support/wrong_signer.ts";
import vectors from "../testdata/published.json" with { type: "json" };

interface Example {
  request: TestRequest;
  secrets: { consumerSecret: string; tokenSecret?: string };
  realm?: string;
}

function published(id: string): Example {
  const v = vectors.requests.find((r) => r.id === id)!;
  return {
    request: {
      method: v.method,
      url: v.url,
      oauth: Object.entries(v.oauth),
      ...("body" in v ? { body: v.body } : {}),
      ...("contentType" in v ? { contentType: v.contentType } : {}),
    },
    secrets: {
      consumerSecret: v.consumerSecret,
      ...(v.tokenSecret === "" ? {} : { tokenSecret: v.tokenSecret }),
    },
    ...("realm" in v ? { realm: v.realm } : {}),
  };
}

// NetSuite's token-based authentication for a RESTlet, as its documentation
// describes it: HMAC-SHA256, the account ID as realm, script and deploy in
// the query, a JSON body that is not signed.
const NETSUITE: Example = {
  request: {
    method: "POST",
    url:
      "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1",
    body: '{"id":7}',
    contentType: "application/json",
    oauth: [
      ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
      ["oauth_token", "nnch734d00sl2jdk"],
      ["oauth_signature_method", "HMAC-SHA256"],
      ["oauth_timestamp", "1700000000"],
      ["oauth_nonce", "4f1c0a9e77d2"],
      ["oauth_version", "1.0"],
    ],
  },
  secrets: {
    consumerSecret: "kd94hf93k423kf44",
    tokenSecret: "pfkkdhi9sl3r4s00",
  },
  realm: "1234567_SB1",
};

// WooCommerce's REST API over plain HTTP, as its documentation describes
// it: a consumer key and secret, no token, the parameters in the query.
const WOOCOMMERCE: Example = {
  request: {
    method: "GET",
    url: "http://shop.example.com/wp-json/wc/v3/products?per_page=10",
    oauth: [
      ["oauth_consumer_key", "ck_4d2a6b51e5f8e6c9d0a1b2c3d4e5f60718293a4b"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "1700000000"],
      ["oauth_nonce", "w0oN0nce"],
    ],
  },
  secrets: { consumerSecret: "cs_9f8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5" },
};

const X = published("x-docs-api.x.com-1.1");
const LTI = published("lti-1.1-launch");
const RFC = published("rfc5849-3.4.1-hmac-sha1");

const MISSES: [string, Example, Mistakes, string[], ExplainEvidence?][] = [
  ["X: the token secret left out of the key", X, { tokenSecretMissing: true }, [
    "token-secret-missing",
  ]],
  ["NetSuite: the token secret left out of the key", NETSUITE, {
    tokenSecretMissing: true,
  }, ["token-secret-missing"]],
  [
    "X: the consumer secret alone, with no &, while a token is sent",
    X,
    { tokenSecretMissing: true, keyWithoutAmpersand: true },
    ["key-ampersand-missing", "token-secret-missing"],
  ],
  ["X: the full URL, query and all, signed as the base string URI", X, {
    queryInUri: true,
  }, ["query-in-uri"]],
  [
    "WooCommerce: the full URL signed as the base string URI",
    WOOCOMMERCE,
    { queryInUri: true },
    ["query-in-uri"],
  ],
  ["WooCommerce: lower-case hex in percent escapes", WOOCOMMERCE, {
    lowerHex: true,
  }, ["lower-hex"]],
  ["WooCommerce: / left unencoded", WOOCOMMERCE, { encoder: "slash-raw" }, [
    "slash-raw",
  ]],
  ["LTI 1.1: the empty roles= dropped", LTI, { dropEmpty: true }, [
    "empty-values-dropped",
  ]],
  ["RFC 5849 §3.4.1.1: the empty c@= and c2= dropped", RFC, {
    dropEmpty: true,
  }, ["empty-values-dropped"]],
  ["RFC 5849 §3.4.1.1: a3 collapsed to its last value", RFC, {
    collapse: "last",
  }, ["duplicates-last-kept"]],
  ["RFC 5849 §3.4.1.1: a3 collapsed to its first value", RFC, {
    collapse: "first",
  }, ["duplicates-first-kept"]],
  ["RFC 5849 §3.4.1.1: the + of the form body not read as a space", RFC, {
    formBody: "keep-plus",
  }, ["form-plus-not-decoded"]],
  ["RFC 5849 §3.4.1.1: b5's query value decoded twice", RFC, {
    query: "twice",
  }, ["query-decoded-twice"]],
  ["LTI 1.1: the non-default port :8080 dropped", LTI, { dropPort: true }, [
    "port-dropped",
  ]],
  ["X: base64 of the hex digest's text (56 characters)", X, {
    base64OfHex: true,
  }, ["base64-of-hex"]],
];

function capture(example: Example, signature: string) {
  return sentWith(example.request, signature, example.realm);
}

for (const [what, example, mistakes, ids] of MISSES) {
  Deno.test(`explain() names the mistake in ${what}`, async () => {
    const signature = wrongSign(example.request, example.secrets, mistakes);
    const report = await explain(
      capture(example, signature),
      example.secrets,
    );
    assert.equal(report.verdict, "invalid");
    assert.ok(
      report.causes.some((c) => [...c.ids].sort().join() === ids.join()),
      `named ${JSON.stringify(report.causes.map((c) => c.ids))}`,
    );
  });
}

// A signer posted on a Canvas forum for LTI 1.1 launches makes four mistakes
// at once: more than the search combines, so the base string its code logs
// is aligned step by step, and the key is searched over it.
Deno.test("explain() names all four mistakes of a Canvas forum signer from the base string it logged", async () => {
  const mistakes: Mistakes = {
    dropEmpty: true,
    dropPort: true,
    formBody: "keep-plus",
    keyWithoutAmpersand: true,
  };
  const signature = wrongSign(LTI.request, LTI.secrets, mistakes);
  const captured = capture(LTI, signature);
  const alone = await explain(captured, LTI.secrets);
  assert.equal(alone.explained, false);
  assert.ok(
    alone.unexplained.some((item) => /--client-base-string/.test(item)),
  );
  const report = await explain(captured, LTI.secrets, {
    clientBaseString: wrongBaseString(LTI.request, mistakes),
  });
  assert.equal(report.explained, true);
  assert.deepEqual(report.causes.map((c) => [...c.ids].sort()), [[
    "empty-values-dropped",
    "form-plus-not-decoded",
    "key-ampersand-missing",
    "port-dropped",
  ]]);
  assert.deepEqual(report.causes[0]!.targets, ["client-signature"]);
});
