// The importers: Authorization headers (against RFC 5849 §3.5.1's example,
// oauthlib's parser and a round trip through authorizationHeader()), curl
// command lines, raw HTTP requests and signed URLs; errors carry offsets.
import assert from "node:assert/strict";
import fc from "fast-check";
import { OAuthSyntaxError } from "../errors.ts";
import { expectError, python } from "./_support.ts";
import {
  captureRequest,
  importCurl,
  importHttpRequest,
  importRequest,
  importSignedUrl,
  parseAuthorizationHeader,
} from "../import.ts";
import { authorizationHeader } from "../steps/authorization.ts";

async function throwsAt(
  fn: () => unknown,
  offset: number,
  message: RegExp,
): Promise<void> {
  const error = await expectError(fn, OAuthSyntaxError, message);
  assert.equal(error.offset, offset);
}

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
  const parsed = parseAuthorizationHeader(RFC_HEADER.replaceAll("\n", ""));
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
});

Deno.test("parseAuthorizationHeader() agrees with oauthlib's parser", async () => {
  const headers = [
    RFC_HEADER.replaceAll("\n", ""),
    'OAuth oauth_token="a%20b",oauth_nonce="x%2By"',
    'oauth realm="", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready"',
    'OAuth  oauth_consumer_key="k" ,  oauth_signature="%E3%80%81"',
  ];
  const expected = await python(
    "import json,sys\n" +
      "from urllib.parse import unquote\n" +
      "from oauthlib.oauth1.rfc5849.utils import parse_authorization_header as p\n" +
      "print(json.dumps([[[k, v if k == 'realm' else unquote(v)] for k, v in p(h)] for h in json.load(sys.stdin)]))",
    headers,
  ) as [string, string][][];
  headers.forEach((h, i) => {
    const parsed = parseAuthorizationHeader(h);
    const pairs = parsed.realm === undefined
      ? parsed.parameters
      : [["realm", parsed.realm], ...parsed.parameters];
    assert.deepEqual(pairs, expected[i], h);
  });
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
        const parsed = parseAuthorizationHeader(
          authorizationHeader(named, realm),
        );
        assert.deepEqual(parsed.parameters, named);
        assert.equal(parsed.realm, realm);
      },
    ),
  );
});

Deno.test("parseAuthorizationHeader() accepts token values, empty list elements and a leading Authorization:", () => {
  const parsed = parseAuthorizationHeader(
    "Authorization: OAuth ,oauth_version=1.0,, oauth_nonce = abc ,",
  );
  assert.deepEqual(parsed.parameters, [["oauth_version", "1.0"], [
    "oauth_nonce",
    "abc",
  ]]);
});

Deno.test("parseAuthorizationHeader() reports where a malformed header stops", async () => {
  await throwsAt(
    () => parseAuthorizationHeader("Basic dXNlcjpwYXNz"),
    0,
    /scheme must be "OAuth": current scheme is "Basic"/,
  );
  await throwsAt(
    () => parseAuthorizationHeader('OAuth a="b" c="d"'),
    12,
    /expected "," after the value of parameter "a"/,
  );
  await throwsAt(
    () => parseAuthorizationHeader('OAuth a "b"'),
    8,
    /expected "=" after parameter name "a"/,
  );
  await throwsAt(
    () => parseAuthorizationHeader('OAuth a="b'),
    8,
    /unterminated quoted value/,
  );
  await throwsAt(
    () => parseAuthorizationHeader('OAuth a="b%2"'),
    10,
    /malformed percent-encoding/,
  );
});

Deno.test("importCurl() reads quotes, $'…', line continuations and the data options", () => {
  const captured = importCurl(
    "curl -sSL -XPOST \\\n  --url=https://api.example.com/1/items?x=1 \\\n" +
      `  -H $'Authorization: OAuth oauth_consumer_key="k", oauth_signature="s%3D"' \\\n` +
      `  -H "Content-Type: application/x-www-form-urlencoded" \\\n` +
      "  --data 'a=1' --data-urlencode \"note=it's\"",
  );
  assert.equal(captured.method, "POST");
  assert.equal(captured.url, "https://api.example.com/1/items?x=1");
  assert.equal(captured.body, "a=1&note=it%27s");
  assert.equal(captured.placement, "header");
  assert.deepEqual(captured.oauth, [["oauth_consumer_key", "k"], [
    "oauth_signature",
    "s=",
  ]]);
});

Deno.test("importCurl() moves the data into the query with -G and defaults to a form POST otherwise", () => {
  assert.equal(
    importCurl("curl -G example.com/search -d term=fargo").url,
    "http://example.com/search?term=fargo",
  );
  const post = importCurl("curl https://example.com/ -d status=hi");
  assert.equal(post.method, "POST");
  assert.deepEqual(post.headers, [[
    "Content-Type",
    "application/x-www-form-urlencoded",
  ]]);
});

Deno.test("importCurl() reports where a command stops making sense", async () => {
  await throwsAt(
    () => importCurl("curl 'http://x"),
    5,
    /unterminated single quote/,
  );
  await throwsAt(
    () => importCurl('curl "http://x'),
    5,
    /unterminated double quote/,
  );
  await throwsAt(
    () => importCurl("curl --frobnicate http://x"),
    5,
    /unknown option "--frobnicate"/,
  );
  await throwsAt(() => importCurl("curl http://x -d @body.txt"), 17, /@file/);
  await throwsAt(() => importCurl("curl -s"), 7, /the URL is missing/);
  await throwsAt(
    () => importCurl("wget http://x"),
    0,
    /must start with "curl"/,
  );
});

Deno.test("importHttpRequest() reads an origin-form request with LF line ends", () => {
  const captured = importHttpRequest(
    "GET /photos?file=vacation.jpg&oauth_consumer_key=k&oauth_signature=s HTTP/1.1\n" +
      "Host: photos.example.net\n\n",
    { scheme: "http" },
  );
  assert.equal(
    captured.url,
    "http://photos.example.net/photos?file=vacation.jpg&oauth_consumer_key=k&oauth_signature=s",
  );
  assert.equal(captured.placement, "query");
  assert.equal(
    captured.request.url,
    "http://photos.example.net/photos?file=vacation.jpg",
  );
  assert.equal(captured.body, undefined);
});

Deno.test("importHttpRequest() reads the protocol parameters from a form body", () => {
  const captured = importHttpRequest(
    "POST http://example.com/request HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n" +
      "c2&a3=2+q&oauth_consumer_key=9djdj82h48djs9d2&oauth_signature=x",
  );
  assert.equal(captured.placement, "body");
  assert.equal(captured.request.body, "c2&a3=2+q");
  assert.deepEqual(captured.oauth, [
    ["oauth_consumer_key", "9djdj82h48djs9d2"],
    ["oauth_signature", "x"],
  ]);
});

Deno.test("importHttpRequest() reports a missing Host and a malformed header line", async () => {
  await throwsAt(
    () => importHttpRequest("GET /a HTTP/1.1\r\nAccept: */*\r\n\r\n"),
    0,
    /Host header is needed/,
  );
  await throwsAt(
    () =>
      importHttpRequest("GET /a HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"),
    26,
    /"Name: value"/,
  );
  await throwsAt(() => importHttpRequest("  hello"), 2, /request line/);
});

Deno.test("importSignedUrl() keeps the other query parameters byte for byte", () => {
  const captured = importSignedUrl(
    "http://example.com/r?foo=first%2Csecond&oauth_nonce=n&b=a+b&oauth_signature=x%2By",
  );
  assert.equal(
    captured.request.url,
    "http://example.com/r?foo=first%2Csecond&b=a+b",
  );
  assert.deepEqual(captured.oauth, [["oauth_nonce", "n"], [
    "oauth_signature",
    "x+y",
  ]]);
});

Deno.test("importRequest() tells the four forms apart and refuses anything else", async () => {
  assert.equal(
    importRequest("curl http://a.example/").url,
    "http://a.example/",
  );
  assert.equal(
    importRequest(" https://a.example/?oauth_nonce=n").placement,
    "query",
  );
  assert.equal(
    importRequest("GET / HTTP/1.1\nHost: a.example\n\n").url,
    "https://a.example/",
  );
  assert.equal(
    importRequest('OAuth oauth_nonce="n"', { url: "http://a.example/" })
      .placement,
    "header",
  );
  assert.throws(() => importRequest('OAuth oauth_nonce="n"'), TypeError);
  await throwsAt(() => importRequest("hello"), 0, /must be a curl command/);
});

Deno.test("captureRequest() refuses a URL that is not http or https", () => {
  assert.throws(
    () => captureRequest({ method: "GET", url: "ftp://example.com/" }),
    /Cannot import request: URL must be an absolute http or https URL: current URL is "ftp:\/\/example.com\/"/,
  );
});
