// The importers: curl command lines, raw HTTP requests, signed URLs and
// Authorization headers (whose parser is tested in authorization_test.ts);
// errors carry offsets.
import assert from "node:assert/strict";
import { expectSyntaxError } from "../support/support.ts";
import {
  captureRequest,
  importCurl,
  importHttpRequest,
  importRequest,
  importSignedUrl,
} from "../../client/import.ts";

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
  await expectSyntaxError(
    () => importCurl("curl 'http://x"),
    5,
    /unterminated single quote/,
  );
  await expectSyntaxError(
    () => importCurl('curl "http://x'),
    5,
    /unterminated double quote/,
  );
  await expectSyntaxError(
    () => importCurl("curl --frobnicate http://x"),
    5,
    /unknown option "--frobnicate"/,
  );
  await expectSyntaxError(
    () => importCurl("curl http://x -d @body.txt"),
    17,
    /@file/,
  );
  await expectSyntaxError(() => importCurl("curl -s"), 7, /the URL is missing/);
  await expectSyntaxError(
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
  await expectSyntaxError(
    () => importHttpRequest("GET /a HTTP/1.1\r\nAccept: */*\r\n\r\n"),
    0,
    /Host header is needed/,
  );
  await expectSyntaxError(
    () =>
      importHttpRequest("GET /a HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"),
    26,
    /"Name: value"/,
  );
  await expectSyntaxError(
    () => importHttpRequest("  hello"),
    2,
    /request line/,
  );
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
  await expectSyntaxError(
    () => importRequest("hello"),
    0,
    /must be a curl command/,
  );
});

Deno.test("captureRequest() refuses a URL that is not http or https", () => {
  assert.throws(
    () => captureRequest({ method: "GET", url: "ftp://example.com/" }),
    /Cannot import request: URL must be an absolute http or https URL: current URL is "ftp:\/\/example.com\/"/,
  );
});

Deno.test("captureRequest() leaves the query out of its message, where a PLAINTEXT signature is the signing key", () => {
  // A Host with a space makes the URL of a raw HTTP request invalid.
  assert.throws(
    () =>
      importHttpRequest(
        "GET /r?oauth_signature_method=PLAINTEXT&oauth_signature=kd94hf93k423kf44%26 HTTP/1.1\r\nHost: exa mple.com\r\n\r\n",
      ),
    (error) =>
      error instanceof TypeError &&
      error.message.endsWith('current URL is "https://exa mple.com/r…"') &&
      !error.message.includes("kd94hf93k423kf44"),
  );
});

Deno.test("captureRequest() reads the Authorization header leniently: token values, empty list elements, a Realm of any case", () => {
  const captured = captureRequest({
    method: "GET",
    url: "http://a.example/",
    headers: [["Authorization", 'OAuth Realm="r",, oauth_nonce=n']],
  });
  assert.equal(captured.realm, "r");
  assert.deepEqual(captured.oauth, [["oauth_nonce", "n"]]);
});

Deno.test("the importers refuse an option the text carries itself, rather than ignore it", () => {
  const curl = "curl -X PUT 'https://api.example.com/r'";
  assert.throws(
    () => importRequest(curl, { method: "POST" }),
    {
      name: "TypeError",
      message:
        'Cannot import request: option "method" does not apply to a curl command: the text itself carries it',
    },
  );
  assert.throws(
    () =>
      importSignedUrl("https://api.example.com/r?a=1", {
        url: "https://other.example/",
      }),
    {
      name: "TypeError",
      message:
        'Cannot import request: option "url" does not apply to a signed URL: the text itself carries it',
    },
  );
  assert.throws(
    () =>
      importHttpRequest("GET /r HTTP/1.1\r\nHost: api.example.com\r\n\r\n", {
        body: "x=1",
      }),
    {
      name: "TypeError",
      message:
        'Cannot import request: option "body" does not apply to an HTTP request: the text itself carries it',
    },
  );
  // What a form does not carry is still taken.
  assert.equal(
    importSignedUrl("https://api.example.com/r", { method: "POST" }).method,
    "POST",
  );
  assert.equal(
    importHttpRequest("GET /r HTTP/1.1\r\nHost: api.example.com\r\n\r\n", {
      scheme: "http",
    }).url,
    "http://api.example.com/r",
  );
});

Deno.test("importHttpRequest() takes Content-Length bytes as the body and ignores the newline an editor adds after them", async () => {
  const request = "POST /a HTTP/1.1\r\nHost: x\r\n" +
    "Content-Type: application/x-www-form-urlencoded\r\n" +
    "Content-Length: 10\r\n\r\nstatus=hé";
  assert.equal(importHttpRequest(request).body, "status=hé");
  assert.equal(importHttpRequest(request + "\n").body, "status=hé");
  assert.equal(importHttpRequest(request + "\r\n").body, "status=hé");
  const exact = request;
  await expectSyntaxError(
    () => importHttpRequest(exact + "&more=1"),
    76,
    /body must be Content-Length 10 bytes long: current body is 17 bytes/,
  );
});

Deno.test("importHttpRequest() without Content-Length drops one final newline from the body", () => {
  const request = "POST /a HTTP/1.1\nHost: x\n" +
    "Content-Type: application/x-www-form-urlencoded\n\nstatus=hi\n";
  assert.equal(importHttpRequest(request).body, "status=hi");
  assert.equal(
    importHttpRequest("GET /a HTTP/1.1\nHost: x\n\n\n").body,
    undefined,
  );
});

Deno.test("importRequest() reads a body given beside a header or a signed URL as a form unless a Content-Type says otherwise, as curl's --data does", () => {
  const header = importRequest('OAuth oauth_consumer_key="k"', {
    url: "https://api.example.com/1/statuses/update",
    method: "POST",
    body: "status=hi",
  });
  assert.deepEqual(header.headers.at(-1), [
    "Content-Type",
    "application/x-www-form-urlencoded",
  ]);
  const url = importRequest("https://api.example.com/r?oauth_consumer_key=k", {
    method: "POST",
    body: '{"a":1}',
    contentType: "application/json",
  });
  assert.deepEqual(url.headers, [["Content-Type", "application/json"]]);
});
