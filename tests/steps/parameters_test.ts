// RFC 5849 §3.4.1.3: collecting and normalizing the request parameters.
import assert from "node:assert/strict";
import {
  collectParameters,
  isFormContentType,
  joinParameters,
  normalizeParameters,
  sortParameters,
} from "../../steps/parameters.ts";
import { expectError } from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import vectors from "../testdata/published.json" with { type: "json" };

const FORM = "application/x-www-form-urlencoded";

for (const v of vectors.requests) {
  // Source: tests/testdata/published.json "requests", each naming its source.
  Deno.test(`collectParameters() and normalizeParameters() give the normalized parameters of the published request "${v.id}"`, () => {
    const oauth = Object.entries(v.oauth as Record<string, string>);
    const collected = collectParameters({
      url: v.url,
      body: "body" in v ? v.body : undefined,
      contentType: "contentType" in v ? v.contentType : undefined,
      oauth,
    });
    assert.equal(
      normalizeParameters(collected),
      v.expected.normalizedParameters,
    );
  });
}

Deno.test("collectParameters() reads the RFC 5849 §3.4.1.3.1 example in order, remembering each source", () => {
  // Source: RFC 5849 §3.4.1.3.1, the request and its list of parameters.
  assert.deepEqual(
    collectParameters({
      url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
      body: "c2&a3=2+q",
      contentType: FORM,
      oauth: [
        ["oauth_consumer_key", "9djdj82h48djs9d2"],
        ["oauth_token", "kkk9d7dh3k39sjv7"],
        ["oauth_signature_method", "HMAC-SHA1"],
        ["oauth_timestamp", "137131201"],
        ["oauth_nonce", "7d8f3e4a"],
        ["oauth_signature", "djosJKDKJSD8743243%2Fjdk33klY%3D"],
      ],
    }),
    [
      ["b5", "=%3D", "query"],
      ["a3", "a", "query"],
      ["c@", "", "query"],
      ["a2", "r b", "query"],
      ["c2", "", "body"],
      ["a3", "2 q", "body"],
      ["oauth_consumer_key", "9djdj82h48djs9d2", "oauth"],
      ["oauth_token", "kkk9d7dh3k39sjv7", "oauth"],
      ["oauth_signature_method", "HMAC-SHA1", "oauth"],
      ["oauth_timestamp", "137131201", "oauth"],
      ["oauth_nonce", "7d8f3e4a", "oauth"],
    ],
  );
});

Deno.test("collectParameters() decodes + in the query as a space and %2B as a plus", () => {
  assert.deepEqual(
    collectParameters({ url: "http://example.com/?q=a+b&p=a%2Bb" }),
    [
      ["q", "a b", "query"],
      ["p", "a+b", "query"],
    ],
  );
});

Deno.test("collectParameters() decodes + in a form body as a space", () => {
  assert.deepEqual(
    collectParameters({
      url: "http://example.com/",
      body: "status=Hello+world%21",
      contentType: FORM,
    }),
    [["status", "Hello world!", "body"]],
  );
});

Deno.test("collectParameters() reads a name without = as an empty value", () => {
  assert.deepEqual(collectParameters({ url: "http://example.com/?flag&x=" }), [
    ["flag", "", "query"],
    ["x", "", "query"],
  ]);
});

Deno.test("collectParameters() keeps duplicate names, each occurrence in order", () => {
  assert.deepEqual(
    collectParameters({ url: "http://example.com/?a=1&a=1&a=0" }),
    [
      ["a", "1", "query"],
      ["a", "1", "query"],
      ["a", "0", "query"],
    ],
  );
});

Deno.test("collectParameters() reads a text body only when Content-Type is a form", () => {
  const url = "http://example.com/";
  const body = "a=1";
  assert.deepEqual(collectParameters({ url, body, contentType: FORM }), [[
    "a",
    "1",
    "body",
  ]]);
  assert.deepEqual(collectParameters({ url, body }), []);
  assert.deepEqual(
    collectParameters({ url, body, contentType: "application/json" }),
    [],
  );
  assert.deepEqual(
    collectParameters({ url, body, contentType: "text/plain" }),
    [],
  );
  assert.deepEqual(
    collectParameters({
      url,
      body,
      contentType: "multipart/form-data; boundary=x",
    }),
    [],
  );
});

Deno.test("collectParameters() reads a form body whose Content-Type has a charset or other case", () => {
  for (
    const contentType of [
      "application/x-www-form-urlencoded; charset=UTF-8",
      "Application/X-WWW-Form-URLEncoded",
      " application/x-www-form-urlencoded ;charset=utf-8",
    ]
  ) {
    assert.deepEqual(
      collectParameters({
        url: "http://example.com/",
        body: "a=1",
        contentType,
      }),
      [["a", "1", "body"]],
      contentType,
    );
  }
});

Deno.test("collectParameters() reads a form body given as UTF-8 bytes", () => {
  assert.deepEqual(
    collectParameters({
      url: "http://example.com/",
      body: new TextEncoder().encode("name=Jos%C3%A9&city=S\u00e3o+Paulo"),
      contentType: FORM,
    }),
    [["name", "José", "body"], ["city", "São Paulo", "body"]],
  );
});

Deno.test("collectParameters() reads a URLSearchParams body as a form", () => {
  assert.deepEqual(
    collectParameters({
      url: "http://example.com/",
      body: new URLSearchParams([["b", "x y"], ["a", ""]]),
    }),
    [["b", "x y", "body"], ["a", "", "body"]],
  );
});

Deno.test("collectParameters() excludes oauth_signature and realm from the protocol parameters", () => {
  assert.deepEqual(
    collectParameters({
      url: "http://example.com/",
      oauth: [["realm", "Example"], ["oauth_signature", "x"], [
        "oauth_nonce",
        "n",
      ]],
    }),
    [["oauth_nonce", "n", "oauth"]],
  );
});

Deno.test("collectParameters() keeps a query parameter named realm: only the header's realm is excluded", () => {
  assert.deepEqual(collectParameters({ url: "http://example.com/?realm=r" }), [[
    "realm",
    "r",
    "query",
  ]]);
});

Deno.test("collectParameters() keeps a query and a body parameter of the same name (peers using an object map let the query overwrite the body)", () => {
  const collected = collectParameters({
    url: "http://example.com/?a=query",
    body: "a=body",
    contentType: FORM,
  });
  assert.deepEqual(collected, [["a", "query", "query"], ["a", "body", "body"]]);
  assert.equal(normalizeParameters(collected), "a=body&a=query");
});

Deno.test("collectParameters() refuses an invalid URL", async () => {
  await expectError(
    () => collectParameters({ url: "not a url" }),
    TypeError,
    'Cannot collect parameters: URL must be absolute and valid: current URL is "not a url"',
  );
});

Deno.test("collectParameters() quotes an invalid URL without its query, which may hold a secret", async () => {
  const error = await expectError(
    () => collectParameters({ url: "/r?oauth_signature=cs%26ts" }),
    TypeError,
    'Cannot collect parameters: URL must be absolute and valid: current URL is "/r…"',
  );
  assert.ok(!error.message.includes("cs%26ts"));
});

Deno.test("collectParameters() refuses a form body of bytes that are not UTF-8", async () => {
  await expectError(
    () =>
      collectParameters({
        url: "http://example.com/",
        body: new Uint8Array([0x61, 0x3d, 0xff]),
        contentType: FORM,
      }),
    TypeError,
    "Cannot collect parameters: form body must be UTF-8: current body has bytes that are not UTF-8",
  );
});

Deno.test("isFormContentType() recognizes the form type with parameters and in any case", () => {
  assert.equal(isFormContentType("application/x-www-form-urlencoded"), true);
  assert.equal(
    isFormContentType("application/x-www-form-urlencoded;charset=ISO-8859-1"),
    true,
  );
  assert.equal(isFormContentType("APPLICATION/X-WWW-FORM-URLENCODED"), true);
  assert.equal(isFormContentType("application/x-www-form-urlencodedx"), false);
  assert.equal(isFormContentType("text/x-www-form-urlencoded"), false);
  assert.equal(isFormContentType(""), false);
  assert.equal(isFormContentType(null), false);
  assert.equal(isFormContentType(undefined), false);
});

Deno.test("sortParameters() sorts by encoded name first", () => {
  const sorted = sortParameters([["b", "1"], ["a", "2"], ["c", "0"]]);
  assert.deepEqual(sorted.map((p) => p.name), ["a", "b", "c"]);
});

Deno.test("sortParameters() sorts equal names by encoded value", () => {
  const sorted = sortParameters([["a", "z"], ["a", "b"], ["a", ""]]);
  assert.deepEqual(sorted.map((p) => p.value), ["", "b", "z"]);
});

Deno.test('sortParameters() sorts `a` before `a!` (peers sorting joined "key,value" strings put `a!` first)', () => {
  // "a!,1" < "a,2" because "!" (0x21) < "," (0x2C): the joined-string bug.
  assert.deepEqual(["a,2", "a!,1"].sort(), ["a!,1", "a,2"]);
  const sorted = sortParameters([["a!", "1"], ["a", "2"]]);
  assert.deepEqual(sorted.map((p) => p.encodedName), ["a", "a%21"]);
});

Deno.test('sortParameters() sorts `a` before `a-x` (peers sorting joined "key=value" strings put `a-x=1` first)', () => {
  // Joined: "a-x=1" < "a=2" since "-" (0x2D) < "=" (0x3D); by name, "a" < "a-x".
  assert.deepEqual(["a=2", "a-x=1"].sort(), ["a-x=1", "a=2"]);
  assert.equal(normalizeParameters([["a-x", "1"], ["a", "2"]]), "a=2&a-x=1");
});

Deno.test("sortParameters() sorts by encoded bytes, not decoded text: é (%C3%A9) before z", () => {
  const sorted = sortParameters([["q", "z"], ["q", "é"]]);
  assert.deepEqual(sorted.map((p) => p.encodedValue), ["%C3%A9", "z"]);
});

Deno.test("sortParameters() sorts upper case before lower case by byte value (peers using localeCompare put `a` first)", () => {
  assert.ok("a".localeCompare("B") < 0);
  assert.deepEqual(
    sortParameters([["a", "1"], ["B", "2"]]).map((p) => p.name),
    ["B", "a"],
  );
});

Deno.test("sortParameters() sorts numbers as text: 10 before 9", () => {
  assert.deepEqual(
    sortParameters([["n", "9"], ["n", "10"]]).map((p) => p.value),
    ["10", "9"],
  );
});

Deno.test("sortParameters() returns encoded names and values, sources and the original index", () => {
  assert.deepEqual(sortParameters([["b c", "d&e", "query"], ["a", "1"]]), [
    {
      name: "a",
      value: "1",
      encodedName: "a",
      encodedValue: "1",
      source: undefined,
      index: 1,
    },
    {
      name: "b c",
      value: "d&e",
      encodedName: "b%20c",
      encodedValue: "d%26e",
      source: "query",
      index: 0,
    },
  ]);
});

Deno.test("sortParameters() throws a TypeError naming the parameter whose value holds a lone surrogate", async () => {
  await expectError(
    () => sortParameters([["status", "x\uDC00"]]),
    TypeError,
    'Cannot percent-encode parameter "status": value holds a lone UTF-16 surrogate at code point 1, which has no UTF-8 form',
  );
});

Deno.test("joinParameters() joins encoded pairs with = and &", () => {
  assert.equal(
    joinParameters(sortParameters([["b", "x y"], ["a", "1"], ["c", ""]])),
    "a=1&b=x%20y&c=",
  );
  assert.equal(joinParameters([]), "");
});

Deno.test("normalizeParameters() encodes the RFC 5849 §3.4.1.3.2 example", () => {
  // Source: RFC 5849 §3.4.1.3.2.
  assert.equal(
    normalizeParameters([
      ["b5", "=%3D"],
      ["a3", "a"],
      ["c@", ""],
      ["a2", "r b"],
      ["oauth_consumer_key", "9djdj82h48djs9d2"],
      ["oauth_token", "kkk9d7dh3k39sjv7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "7d8f3e4a"],
      ["c2", ""],
      ["a3", "2 q"],
    ]),
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2" +
      "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201" +
      "&oauth_token=kkk9d7dh3k39sjv7",
  );
});

Deno.test("normalizeParameters() agrees with oauthlib's normalize_parameters() on tricky lists", async () => {
  const lists: [string, string][][] = [
    [["a!", "1"], ["a", "2"]],
    [["a-x", "1"], ["a", "2"]],
    [["q", "z"], ["q", "é"], ["q", "Z"], ["q", ""]],
    [["B", "2"], ["a", "1"], ["_", "3"], ["~", "4"], ["%", "5"]],
    [["n", "9"], ["n", "10"], ["n", "1"]],
    [["x", "a+b"], ["x", "a b"], ["x", "a%20b"]],
    [["日本", "語"], ["e", "€"], ["smile", "😀"]],
    [["dup", "v"], ["dup", "v"]],
  ];
  const expected = await oracle(
    "parameters.normalize_parameters",
    `import json, sys
from oauthlib.oauth1.rfc5849.signature import normalize_parameters
print(json.dumps([normalize_parameters([tuple(p) for p in l]) for l in json.load(sys.stdin)]))`,
    lists,
  );
  assert.deepEqual(lists.map((l) => normalizeParameters(l)), expected);
});
