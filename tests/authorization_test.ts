// RFC 5849 §3.5: the Authorization header, the form body and the query.
import assert from "node:assert/strict";
import {
  authorizationHeader,
  encodeForm,
  withBodyParameters,
  withQueryParameters,
} from "../steps/authorization.ts";
import { expectError, python } from "./_support.ts";

const PHOTOS = [
  // Source: RFC 5849 §1.2, the protected resource request's header.
  ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
  ["oauth_token", "nnch734d00sl2jdk"],
  ["oauth_signature_method", "HMAC-SHA1"],
  ["oauth_timestamp", "137131202"],
  ["oauth_nonce", "chapoH"],
  ["oauth_signature", "MdpQcU8iPSUjWoN/UDMsK2sui9I="],
] as const;

Deno.test("authorizationHeader() writes RFC 5849 §1.2's header: realm first, then each parameter encoded", () => {
  assert.equal(
    authorizationHeader(PHOTOS, "Photos"),
    'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", ' +
      'oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", ' +
      'oauth_timestamp="137131202", oauth_nonce="chapoH", ' +
      'oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
  );
});

Deno.test("authorizationHeader() leaves out the realm when none is given", () => {
  assert.equal(
    authorizationHeader([["oauth_consumer_key", "k"], ["oauth_nonce", "n"]]),
    'OAuth oauth_consumer_key="k", oauth_nonce="n"',
  );
});

Deno.test('authorizationHeader() writes an empty realm as realm=""', () => {
  assert.equal(
    authorizationHeader([["oauth_nonce", "n"]], ""),
    'OAuth realm="", oauth_nonce="n"',
  );
});

Deno.test("authorizationHeader() keeps the parameters in the order given", () => {
  assert.equal(
    authorizationHeader([["b", "2"], ["a", "1"]]),
    'OAuth b="2", a="1"',
  );
});

Deno.test('authorizationHeader() escapes " and \\ in the realm as a quoted-string (peers leave the realm unescaped)', () => {
  assert.equal(
    authorizationHeader([["oauth_nonce", "n"]], 'My "Photos" \\ more'),
    'OAuth realm="My \\"Photos\\" \\\\ more", oauth_nonce="n"',
  );
});

Deno.test("authorizationHeader() refuses a realm with a control character, which would split the header", async () => {
  for (const realm of ["a\r\nX-Injected: 1", "a\nb", "a\u0000", "a\u007f"]) {
    await expectError(
      () => authorizationHeader([["oauth_nonce", "n"]], realm),
      TypeError,
      `Cannot build Authorization header: realm must not hold control characters: current realm is ${
        JSON.stringify(realm)
      }`,
    );
  }
});

Deno.test("authorizationHeader() percent-encodes names and values, so a quote or comma cannot break out", () => {
  assert.equal(
    authorizationHeader([["oauth_callback", 'http://e.com/cb?a=1&b="x", y']]),
    'OAuth oauth_callback="http%3A%2F%2Fe.com%2Fcb%3Fa%3D1%26b%3D%22x%22%2C%20y"',
  );
  assert.equal(authorizationHeader([["x y", "é"]]), 'OAuth x%20y="%C3%A9"');
});

Deno.test("authorizationHeader() throws a TypeError naming the parameter whose value holds a lone surrogate", async () => {
  await expectError(
    () => authorizationHeader([["oauth_verifier", "\uD800"]]),
    TypeError,
    'Cannot percent-encode parameter "oauth_verifier": value holds a lone UTF-16 surrogate at code point 0, which has no UTF-8 form',
  );
});

Deno.test("authorizationHeader() agrees with oauthlib's prepare_headers()", async () => {
  const expected = await python(
    `import json, sys
from oauthlib.oauth1.rfc5849.parameters import prepare_headers
d = json.load(sys.stdin)
print(json.dumps(prepare_headers([tuple(p) for p in d], realm="Photos")["Authorization"]))`,
    [...PHOTOS, ["oauth_callback", "http://printer.example.com/ready"]],
  );
  assert.equal(
    authorizationHeader([...PHOTOS, [
      "oauth_callback",
      "http://printer.example.com/ready",
    ]], "Photos"),
    expected,
  );
});

Deno.test("encodeForm() percent-encodes each side and joins pairs with &", () => {
  assert.equal(
    encodeForm([["oauth_signature", "a+b/="], ["x", "1 2"], ["e", ""]]),
    "oauth_signature=a%2Bb%2F%3D&x=1%202&e=",
  );
  assert.equal(encodeForm([]), "");
});

Deno.test("encodeForm() writes a space as %20, never +", () => {
  assert.equal(encodeForm([["q", "a b"]]), "q=a%20b");
});

Deno.test("withQueryParameters() adds the parameters after an existing query", () => {
  assert.equal(
    withQueryParameters("http://photos.example.net/photos?file=vacation.jpg", [[
      "oauth_nonce",
      "n n",
    ]]),
    "http://photos.example.net/photos?file=vacation.jpg&oauth_nonce=n%20n",
  );
});

Deno.test("withQueryParameters() starts a query when there is none, or only a bare ?", () => {
  assert.equal(
    withQueryParameters("http://e.com/p", [["oauth_nonce", "n"]]),
    "http://e.com/p?oauth_nonce=n",
  );
  assert.equal(
    withQueryParameters("http://e.com/p?", [["oauth_nonce", "n"]]),
    "http://e.com/p?oauth_nonce=n",
  );
  assert.equal(
    withQueryParameters("http://e.com", [["oauth_nonce", "n"]]),
    "http://e.com/?oauth_nonce=n",
  );
});

Deno.test("withQueryParameters() drops the fragment, which is never sent", () => {
  assert.equal(
    withQueryParameters("http://e.com/p?a=1#top", [["o", "1"]]),
    "http://e.com/p?a=1&o=1",
  );
  assert.equal(withQueryParameters("http://e.com/p#top", []), "http://e.com/p");
});

Deno.test("withQueryParameters() keeps the existing query as it is sent on the wire", () => {
  const url = "http://e.com/p?q=a+b&r=%2B";
  assert.equal(
    withQueryParameters(url, [["o", "+"]]),
    "http://e.com/p?q=a+b&r=%2B&o=%2B",
  );
  assert.equal(withQueryParameters(new URL(url), []), url);
});

Deno.test("withQueryParameters() gives a URL whose query decodes to the original parameters and the protocol ones", () => {
  const sent = withQueryParameters("http://e.com/p?term=fargo&expand=a,b", [[
    "oauth_signature",
    "x/y+z=",
  ]]);
  assert.deepEqual([...new URL(sent).searchParams], [
    ["term", "fargo"],
    ["expand", "a,b"],
    ["oauth_signature", "x/y+z="],
  ]);
});

Deno.test("withBodyParameters() adds the parameters after the body's own text, kept byte for byte", () => {
  assert.equal(
    withBodyParameters("status=Hello+Ladies%21", [["oauth_nonce", "n"]]),
    "status=Hello+Ladies%21&oauth_nonce=n",
  );
});

Deno.test("withBodyParameters() handles an empty body and no parameters", () => {
  assert.equal(withBodyParameters("", [["oauth_nonce", "n"]]), "oauth_nonce=n");
  assert.equal(withBodyParameters("a=1", []), "a=1");
  assert.equal(withBodyParameters("", []), "");
});
