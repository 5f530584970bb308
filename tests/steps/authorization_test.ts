// RFC 5849 §3.5: the Authorization header (built, and parsed back against
// RFC 5849 §3.5.1's example, oauthlib's parser and a round trip), the form
// body and the query.
import assert from "node:assert/strict";
import fc from "fast-check";
import { OAuthSyntaxError } from "../../core/errors.ts";
import {
  authorizationHeader,
  encodeForm,
  parseAuthorizationHeader,
  type ParseAuthorizationHeaderOptions,
  withBodyParameters,
  withQueryParameters,
} from "../../steps/authorization.ts";
import { expectError, expectSyntaxError } from "../support/support.ts";
import { oracle } from "../support/oracle.ts";

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
  const expected = await oracle(
    "authorization.prepare_headers",
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

// parseAuthorizationHeader() is strict by default (RFC 5849 §3.5.1, for the
// verifier) and lenient on request (RFC 7235 §2.1, for the importers); what
// both accept must read the same either way.
const STRICT: ParseAuthorizationHeaderOptions = {};
const LENIENT: ParseAuthorizationHeaderOptions = { lenient: true };
const MODES = [STRICT, LENIENT];

const RFC_HEADER = 'OAuth realm="Example",\n' +
  '  oauth_consumer_key="0685bd9184jfhq22",\n' +
  '  oauth_token="ad180jjd733klru7",\n' +
  '  oauth_signature_method="HMAC-SHA1",\n' +
  '  oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D",\n' +
  '  oauth_timestamp="137131200",\n' +
  '  oauth_nonce="4572616e48616d6d65724c61686176",\n' +
  '  oauth_version="1.0"';

Deno.test("parseAuthorizationHeader() reads the example of RFC 5849 §3.5.1", () => {
  // The header as RFC 5849 prints it, its line breaks made spaces.
  for (const options of MODES) {
    const parsed = parseAuthorizationHeader(
      RFC_HEADER.replaceAll("\n", ""),
      options,
    );
    assert.equal(parsed.realm, "Example");
    assert.deepEqual(parsed.parameters, [
      ["oauth_consumer_key", "0685bd9184jfhq22"],
      ["oauth_token", "ad180jjd733klru7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_signature", "wOJIO9A2W5mFwDgiDvZbTSMK/PY="],
      ["oauth_timestamp", "137131200"],
      ["oauth_nonce", "4572616e48616d6d65724c61686176"],
      ["oauth_version", "1.0"],
    ]);
  }
});

Deno.test("parseAuthorizationHeader() agrees with oauthlib's parser", async () => {
  const headers = [
    RFC_HEADER.replaceAll("\n", ""),
    'OAuth oauth_token="a%20b",oauth_nonce="x%2By"',
    'oauth realm="", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready"',
    'OAuth  oauth_consumer_key="k" ,  oauth_signature="%E3%80%81"',
  ];
  const expected = await oracle(
    "authorization.parse_authorization_header",
    "import json,sys\n" +
      "from urllib.parse import unquote\n" +
      "from oauthlib.oauth1.rfc5849.utils import parse_authorization_header as p\n" +
      "print(json.dumps([[[k, v if k == 'realm' else unquote(v)] for k, v in p(h)] for h in json.load(sys.stdin)]))",
    headers,
  ) as [string, string][][];
  for (const options of MODES) {
    headers.forEach((h, i) => {
      const parsed = parseAuthorizationHeader(h, options);
      const pairs = parsed.realm === undefined
        ? parsed.parameters
        : [["realm", parsed.realm], ...parsed.parameters];
      assert.deepEqual(pairs, expected[i], h);
    });
  }
});

Deno.test("parseAuthorizationHeader() reads back every header authorizationHeader() builds", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string())),
      fc.option(
        // deno-lint-ignore no-control-regex
        fc.string().filter((s) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)),
        {
          nil: undefined,
        },
      ),
      (pairs, realm) => {
        const named = pairs.filter(([n]) =>
          n.toLowerCase() !== "realm" && n.isWellFormed()
        ).map((
          [n, v],
        ) => [n, v.toWellFormed()] as [string, string]);
        for (const options of MODES) {
          const parsed = parseAuthorizationHeader(
            authorizationHeader(named, realm),
            options,
          );
          assert.deepEqual(parsed.parameters, named);
          assert.equal(parsed.realm, realm);
        }
      },
    ),
  );
});

Deno.test("parseAuthorizationHeader() undoes authorizationHeader() for awkward values", () => {
  const parameters: [string, string][] = [
    ["oauth_callback", "http://printer.example.com/ready?a=1&b=2"],
    ["oauth_nonce", 'ä ☃ "quoted" \\ 100%'],
    ["oauth_token", ""],
    ["oauth_token", "again"],
  ];
  for (const options of MODES) {
    const parsed = parseAuthorizationHeader(
      authorizationHeader(parameters, 'Photos "and" \\ more'),
      options,
    );
    assert.equal(parsed.realm, 'Photos "and" \\ more');
    assert.deepEqual(parsed.parameters, parameters);
  }
});

Deno.test("parseAuthorizationHeader() accepts any case of the scheme and optional whitespace", () => {
  for (const options of MODES) {
    assert.deepEqual(
      parseAuthorizationHeader('oauth  a = "1" ,\tb="2"  ', options)
        .parameters,
      [["a", "1"], ["b", "2"]],
    );
    assert.deepEqual(parseAuthorizationHeader("OAuth", options).parameters, []);
  }
});

Deno.test("parseAuthorizationHeader() in lenient mode accepts token values, empty list elements and a leading Authorization:", async () => {
  const header =
    "Authorization: OAuth ,oauth_version=1.0,, oauth_nonce = abc ,";
  const parsed = parseAuthorizationHeader(header, LENIENT);
  assert.deepEqual(parsed.parameters, [["oauth_version", "1.0"], [
    "oauth_nonce",
    "abc",
  ]]);
  await expectSyntaxError(
    () => parseAuthorizationHeader(header),
    0,
    /scheme must be/,
  );
});

Deno.test("parseAuthorizationHeader() in lenient mode reads a realm of any case, the last one winning", () => {
  const header = 'OAuth Realm="a", oauth_nonce="n", REALM="b"';
  assert.deepEqual(parseAuthorizationHeader(header, LENIENT), {
    realm: "b",
    parameters: [["oauth_nonce", "n"]],
  });
  // RFC 5849 §3.5.1 names the parameter "realm"; strictly, "Realm" is another.
  assert.deepEqual(parseAuthorizationHeader(header), {
    realm: undefined,
    parameters: [["Realm", "a"], ["oauth_nonce", "n"], ["REALM", "b"]],
  });
});

// [header, offset, reason, whether lenient mode rejects it too]
const malformed: [string, number, string, boolean][] = [
  ['Bearer a="1"', 0, 'scheme must be "OAuth"', true],
  [
    "Basic dXNlcjpwYXNz",
    0,
    'scheme must be "OAuth": current scheme is "Basic"',
    true,
  ],
  ['OAuthx a="1"', 5, 'a space must follow "OAuth"', true],
  ["OAuth a=1", 8, "expected a quoted value", false],
  [
    'OAuth a="1" b="2"',
    12,
    'expected "," after the value of a parameter name that is not a protocol name (not shown)',
    true,
  ],
  ['OAuth a="1",', 12, "expected a parameter name", false],
  [
    'OAuth a "1"',
    8,
    'expected "=" after a parameter name that is not a protocol name',
    true,
  ],
  ['OAuth a="1', 8, "quoted value is not closed", true],
  ['OAuth a="b%2"', 10, "malformed percent-encoding", true],
  ['OAuth a="%E2%98"', 9, "percent-encoding must be valid UTF-8", true],
  ['OAuth realm="a", realm="b"', 17, "realm must appear once", false],
];
for (const [header, offset, reason, lenientToo] of malformed) {
  Deno.test(
    `parseAuthorizationHeader() rejects ${
      JSON.stringify(header)
    } at offset ${offset}${lenientToo ? ", strict or lenient" : ""}`,
    async () => {
      for (const options of lenientToo ? MODES : [STRICT]) {
        await expectSyntaxError(
          () => parseAuthorizationHeader(header, options),
          offset,
          new RegExp(
            `^Cannot parse Authorization header: .*${RegExp.escape(reason)}`,
          ),
        );
      }
    },
  );
}

Deno.test("parseAuthorizationHeader() never quotes a value in its message", () => {
  // With PLAINTEXT the signature is the signing key itself; a lone word
  // where the scheme should be may be a bare token.
  for (const options of MODES) {
    for (
      const header of ['OAuth oauth_signature="s3cret%2"', "s3cret", "s3cret,x"]
    ) {
      assert.throws(
        () => parseAuthorizationHeader(header, options),
        (error: unknown) =>
          error instanceof OAuthSyntaxError &&
          !error.message.includes("s3cret"),
      );
    }
  }
});
