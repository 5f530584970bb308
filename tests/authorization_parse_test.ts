// parseAuthorizationHeader() against the headers of RFC 5849 §3.5.1 and
// headers built by authorizationHeader() and oauthlib.
import assert from "node:assert/strict";
import {
  authorizationHeader,
  OAuthSyntaxError,
  parseAuthorizationHeader,
} from "../mod.ts";

Deno.test("parseAuthorizationHeader() reads the header of RFC 5849 §3.5.1", () => {
  // RFC 5849 §3.5.1, the example header, unfolded onto one line.
  const parsed = parseAuthorizationHeader(
    'OAuth realm="Example",' +
      ' oauth_consumer_key="0685bd9184jfhq22", oauth_token="ad180jjd733klru7",' +
      ' oauth_signature_method="HMAC-SHA1",' +
      ' oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D",' +
      ' oauth_timestamp="137131200", oauth_nonce="4572616e48616d6d65724c61686176",' +
      ' oauth_version="1.0"',
  );
  assert.equal(parsed.realm, "Example");
  assert.deepEqual(parsed.parameters.map(([name]) => name), [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
  ]);
  assert.deepEqual(parsed.parameters[3], [
    "oauth_signature",
    "wOJIO9A2W5mFwDgiDvZbTSMK/PY=",
  ]);
});

Deno.test("parseAuthorizationHeader() undoes authorizationHeader() for awkward values", () => {
  const parameters: [string, string][] = [
    ["oauth_callback", "http://printer.example.com/ready?a=1&b=2"],
    ["oauth_nonce", 'ä ☃ "quoted" \\ 100%'],
    ["oauth_token", ""],
    ["oauth_token", "again"],
  ];
  const parsed = parseAuthorizationHeader(
    authorizationHeader(parameters, 'Photos "and" \\ more'),
  );
  assert.equal(parsed.realm, 'Photos "and" \\ more');
  assert.deepEqual(parsed.parameters, parameters);
});

Deno.test("parseAuthorizationHeader() accepts any case of the scheme and optional whitespace", () => {
  assert.deepEqual(
    parseAuthorizationHeader('oauth  a = "1" ,\tb="2"  ').parameters,
    [["a", "1"], ["b", "2"]],
  );
  assert.deepEqual(parseAuthorizationHeader("OAuth").parameters, []);
});

const malformed: [string, number, string][] = [
  ['Bearer a="1"', 0, 'scheme must be "OAuth"'],
  ['OAuthx a="1"', 5, 'a space must follow "OAuth"'],
  ["OAuth a=1", 8, "expected a quoted value"],
  ['OAuth a="1" b="2"', 12, 'expected ","'],
  ['OAuth a="1",', 12, "expected a parameter name"],
  ['OAuth a "1"', 8, 'expected "="'],
  ['OAuth a="1', 8, "quoted value is not closed"],
  ['OAuth a="%E2%98"', 9, "percent-encoding must be valid UTF-8"],
  ['OAuth realm="a", realm="b"', 17, "realm must appear once"],
];
for (const [header, offset, reason] of malformed) {
  Deno.test(`parseAuthorizationHeader() rejects ${JSON.stringify(header)} at offset ${offset}`, () => {
    assert.throws(
      () => parseAuthorizationHeader(header),
      (error: unknown) => {
        assert.ok(error instanceof OAuthSyntaxError);
        assert.ok(error instanceof SyntaxError);
        assert.equal(error.offset, offset);
        assert.match(error.message, /^Cannot parse Authorization header: /);
        assert.ok(error.message.includes(reason), error.message);
        return true;
      },
    );
  });
}

Deno.test("parseAuthorizationHeader() never quotes a value in its message", () => {
  // With PLAINTEXT the signature is the signing key itself.
  assert.throws(
    () => parseAuthorizationHeader('OAuth oauth_signature="s3cret%2"'),
    (error: unknown) =>
      error instanceof OAuthSyntaxError && !error.message.includes("s3cret"),
  );
});
