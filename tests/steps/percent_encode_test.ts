// RFC 5849 §3.6: percent-encoding over UTF-8 bytes.
import assert from "node:assert/strict";
import { percentEncode } from "../../steps/percent_encode.ts";
import { expectError } from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import vectors from "../testdata/published.json" with { type: "json" };

for (const [input, expected] of vectors.percentEncoding) {
  // Source: tests/testdata/published.json "percentEncoding" (OAuth wiki
  // TestCases and RFC 5849 §3.6), each entry naming the input and its encoding.
  Deno.test(`percentEncode() encodes ${JSON.stringify(input)} as the published "${expected}"`, () => {
    assert.equal(percentEncode(input!), expected);
  });
}

Deno.test("percentEncode() keeps every unreserved character A-Z a-z 0-9 - . _ ~", () => {
  const unreserved =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  assert.equal(percentEncode(unreserved), unreserved);
});

Deno.test("percentEncode() encodes every other ASCII character as %XX", () => {
  for (let code = 0; code < 0x80; code++) {
    const char = String.fromCharCode(code);
    if (/[A-Za-z0-9\-._~]/.test(char)) continue;
    const hex = code.toString(16).toUpperCase().padStart(2, "0");
    assert.equal(percentEncode(char), `%${hex}`, `code ${code}`);
  }
});

Deno.test("percentEncode() writes hex digits in upper case", () => {
  assert.equal(percentEncode("\u00ff\u00fe:"), "%C3%BF%C3%BE%3A");
  for (
    const triplet of percentEncode("\u00ea\u00fb\u00dc\u{10FFFF}").match(
      /%../g,
    )!
  ) {
    assert.match(triplet, /^%[0-9A-F]{2}$/);
  }
});

Deno.test("percentEncode() encodes the UTF-8 bytes of 2-, 3- and 4-byte characters", () => {
  assert.equal(percentEncode("é"), "%C3%A9");
  assert.equal(percentEncode("€"), "%E2%82%AC");
  assert.equal(percentEncode("😀"), "%F0%9F%98%80"); // a surrogate pair
});

Deno.test("percentEncode() encodes ! * ' ( ) that encodeURIComponent leaves alone", () => {
  assert.equal(encodeURIComponent("!*'()"), "!*'()");
  assert.equal(percentEncode("!*'()"), "%21%2A%27%28%29");
});

Deno.test("percentEncode() encodes the empty string as the empty string", () => {
  assert.equal(percentEncode(""), "");
});

Deno.test("percentEncode() encodes a percent sign, so encoded text is encoded again", () => {
  assert.equal(percentEncode("%20"), "%2520");
  assert.equal(percentEncode(percentEncode("a b")), "a%2520b");
});

Deno.test("percentEncode() agrees with oauthlib's escape() on reserved, unicode and control characters", async () => {
  const inputs = [
    "Ladies + Gentlemen",
    "An encoded string!",
    "Dogs, Cats & Mice",
    "☃",
    "a\u0000b\tc\r\n",
    "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./",
    "日本語 テキスト",
    "\u{1F600}\u{10FFFF}\u0080\u07FF\u0800\uFFFF",
    "=%3D",
    "café+crème",
  ];
  const expected = await oracle(
    "percent_encode.escape",
    `import json, sys
from oauthlib.oauth1.rfc5849.utils import escape
print(json.dumps([escape(s) for s in json.load(sys.stdin)]))`,
    inputs,
  );
  assert.deepEqual(inputs.map((s) => percentEncode(s)), expected);
});

Deno.test("percentEncode() throws a TypeError naming the parameter for a lone high surrogate (encodeURIComponent-based peers throw a URIError)", async () => {
  assert.throws(() => encodeURIComponent("a\uD800"), URIError);
  await expectError(
    () => percentEncode("ab\uD800c", { parameter: "status" }),
    TypeError,
    'Cannot percent-encode parameter "status": value holds a lone UTF-16 surrogate at code point 2, which has no UTF-8 form',
  );
});

Deno.test("percentEncode() throws for a lone low surrogate after a valid pair, counting code points", async () => {
  await expectError(
    () => percentEncode("😀x\uDC00", { parameter: "q" }),
    TypeError,
    'Cannot percent-encode parameter "q": value holds a lone UTF-16 surrogate at code point 2, which has no UTF-8 form',
  );
});

Deno.test("percentEncode() never turns a lone surrogate into U+FFFD silently", () => {
  // TextEncoder would write EF BF BD; the encoder must refuse instead.
  assert.equal(percentEncode("\uFFFD"), "%EF%BF%BD");
  assert.throws(() => percentEncode("\uDFFF"), TypeError);
});

Deno.test('percentEncode() says "value" when no parameter name is given', async () => {
  await expectError(
    () => percentEncode("\uD83D"),
    TypeError,
    "Cannot percent-encode value: value holds a lone UTF-16 surrogate at code point 0, which has no UTF-8 form",
  );
});

Deno.test("percentEncode() throws a TypeError for a value that is not a string", async () => {
  await expectError(
    () =>
      percentEncode(42 as unknown as string, { parameter: "oauth_timestamp" }),
    TypeError,
    'Cannot percent-encode parameter "oauth_timestamp": value must be a string: current type is number',
  );
});
