// RFC 5849 §3.4.1.2: the base string URI, each normalization rule on its own.
import assert from "node:assert/strict";
import { baseStringUri } from "../../steps/base_string_uri.ts";
import { expectError } from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import vectors from "../testdata/published.json" with { type: "json" };

for (const [url, expected] of vectors.baseStringUri) {
  // Source: tests/testdata/published.json "baseStringUri" (RFC 5849 §3.4.1.2).
  Deno.test(`baseStringUri() turns the published "${url}" into "${expected}"`, () => {
    assert.equal(baseStringUri(url!).uri, expected);
  });
}

for (const v of vectors.requests) {
  // Source: tests/testdata/published.json "requests", each naming its source.
  Deno.test(`baseStringUri() gives the base string URI of the published request "${v.id}"`, () => {
    assert.equal(baseStringUri(v.url).uri, v.expected.baseStringUri);
  });
}

Deno.test("baseStringUri() lower-cases the scheme", () => {
  assert.deepEqual(baseStringUri("HTTP://example.com/a"), {
    uri: "http://example.com/a",
    rules: ["scheme lower-cased"],
  });
});

Deno.test("baseStringUri() lower-cases the host", () => {
  assert.deepEqual(baseStringUri("http://Example.COM/a"), {
    uri: "http://example.com/a",
    rules: ["host lower-cased"],
  });
});

Deno.test("baseStringUri() keeps the case of the path", () => {
  assert.equal(
    baseStringUri("http://example.com/R%20V/X").uri,
    "http://example.com/R%20V/X",
  );
});

Deno.test("baseStringUri() drops port 80 on http", () => {
  assert.deepEqual(baseStringUri("http://example.com:80/a"), {
    uri: "http://example.com/a",
    rules: ["default port dropped"],
  });
});

Deno.test("baseStringUri() drops port 443 on https", () => {
  assert.deepEqual(baseStringUri("https://example.com:443/a"), {
    uri: "https://example.com/a",
    rules: ["default port dropped"],
  });
});

Deno.test("baseStringUri() keeps port 80 on https and port 443 on http", () => {
  assert.deepEqual(baseStringUri("https://example.com:80/a"), {
    uri: "https://example.com:80/a",
    rules: [],
  });
  assert.equal(
    baseStringUri("http://example.com:443/a").uri,
    "http://example.com:443/a",
  );
});

Deno.test("baseStringUri() keeps a non-default port", () => {
  assert.deepEqual(baseStringUri("http://127.0.0.1:8080/x"), {
    uri: "http://127.0.0.1:8080/x",
    rules: [],
  });
});

Deno.test("baseStringUri() writes an empty path as /", () => {
  assert.deepEqual(baseStringUri("http://example.com"), {
    uri: "http://example.com/",
    rules: ["empty path written as /"],
  });
  assert.equal(
    baseStringUri("http://example.com?a=1").uri,
    "http://example.com/",
  );
});

Deno.test("baseStringUri() drops the query", () => {
  assert.deepEqual(baseStringUri("http://example.com/p?a=1&b=2"), {
    uri: "http://example.com/p",
    rules: ["query dropped"],
  });
});

Deno.test("baseStringUri() drops the fragment", () => {
  assert.deepEqual(baseStringUri("http://example.com/p#section"), {
    uri: "http://example.com/p",
    rules: ["fragment dropped"],
  });
});

Deno.test("baseStringUri() writes an internationalized host in its ASCII (punycode) form", () => {
  assert.deepEqual(baseStringUri("http://bücher.example/"), {
    uri: "http://xn--bcher-kva.example/",
    rules: ["host written in ASCII (punycode)"],
  });
});

Deno.test("baseStringUri() writes the path as sent on the wire: UTF-8 percent-encoded, dot segments removed", () => {
  assert.deepEqual(baseStringUri("http://example.com/ü b/../c/é"), {
    uri: "http://example.com/c/%C3%A9",
    rules: ["path written in its wire form"],
  });
  const url = "http://example.com/caf\u00e9 menu";
  // The wire form is what fetch sends: WHATWG URL's pathname.
  assert.equal(
    baseStringUri(url).uri,
    `http://example.com${new URL(url).pathname}`,
  );
});

Deno.test("baseStringUri() keeps percent-escapes in the path as they are", () => {
  assert.deepEqual(baseStringUri("http://example.com/a%2Fb%7e"), {
    uri: "http://example.com/a%2Fb%7e",
    rules: [],
  });
});

Deno.test("baseStringUri() brackets an IPv6 host and drops its default port", () => {
  assert.equal(baseStringUri("http://[::1]:80/x").uri, "http://[::1]/x");
  assert.equal(
    baseStringUri("https://[2001:DB8::1]:8443/").uri,
    "https://[2001:db8::1]:8443/",
  );
});

Deno.test("baseStringUri() lists every rule that fired, in the order of §3.4.1.2", () => {
  assert.deepEqual(baseStringUri("HTTP://Bücher.EXAMPLE:80?q=1#top").rules, [
    "scheme lower-cased",
    "host lower-cased",
    "host written in ASCII (punycode)",
    "default port dropped",
    "empty path written as /",
    "query dropped",
    "fragment dropped",
  ]);
});

Deno.test("baseStringUri() accepts a URL object", () => {
  assert.equal(
    baseStringUri(new URL("https://EXAMPLE.com:443/x?y")).uri,
    "https://example.com/x",
  );
});

Deno.test("baseStringUri() takes the authority from a Host header when one is given (§3.4.1.2 item 2)", () => {
  assert.deepEqual(
    baseStringUri("http://10.0.0.7:8080/p?q", { host: "API.Example.com:80" }),
    {
      uri: "http://api.example.com/p",
      rules: ["query dropped", "authority taken from the Host header"],
    },
  );
  assert.equal(
    baseStringUri("https://internal/p", { host: "api.example.com:8443" }).uri,
    "https://api.example.com:8443/p",
  );
  assert.equal(
    baseStringUri("https://internal/p", { host: "example.com:443" }).uri,
    "https://example.com/p",
  );
});

Deno.test("baseStringUri() agrees with oauthlib's base_string_uri() on ASCII URLs", async () => {
  const urls = [
    "http://EXAMPLE.COM:80/r%20v/X?id=123",
    "https://www.example.net:8080/?q=1",
    "HTTP://Example.com",
    "https://example.com:443/a/b?c#d",
    "https://example.com:80/a",
    "http://example.com:443/",
    "http://127.0.0.1:8080/x",
    "http://example.com/a%2Fb",
    "http://[::1]:80/x",
  ];
  const expected = await oracle(
    "base_string_uri.base_string_uri",
    `import json, sys
from oauthlib.oauth1.rfc5849.signature import base_string_uri
print(json.dumps([base_string_uri(u) for u in json.load(sys.stdin)]))`,
    urls,
  );
  assert.deepEqual(urls.map((u) => baseStringUri(u).uri), expected);
});

Deno.test("baseStringUri() refuses a scheme other than http and https", async () => {
  await expectError(
    () => baseStringUri("ftp://example.com/file"),
    TypeError,
    'Cannot build base string URI: scheme must be "http" or "https": current scheme is "ftp"',
  );
  await expectError(
    () => baseStringUri("mailto:someone@example.com"),
    TypeError,
    'Cannot build base string URI: scheme must be "http" or "https": current scheme is "mailto"',
  );
});

Deno.test("baseStringUri() refuses a relative URL, quoting it without its query", async () => {
  await expectError(
    () => baseStringUri("/photos?size=original"),
    TypeError,
    'Cannot build base string URI: URL must be absolute and valid: current URL is "/photos…"',
  );
});

Deno.test("baseStringUri() never quotes a query, where a PLAINTEXT signature is the signing key", async () => {
  const error = await expectError(
    () => baseStringUri("/photos?oauth_signature=kd94hf93k423kf44%26pfkk#x"),
    TypeError,
    'Cannot build base string URI: URL must be absolute and valid: current URL is "/photos…"',
  );
  assert.ok(!error.message.includes("kd94hf93k423kf44"));
});

Deno.test("baseStringUri() refuses a URL with a user name and password, without quoting the password", async () => {
  const error = await expectError(
    () => baseStringUri("http://alice:hunter2@example.com/"),
    TypeError,
    'Cannot build base string URI: URL must not carry a user name or password: current host is "example.com"',
  );
  assert.ok(!error.message.includes("hunter2"));
});

Deno.test("baseStringUri() refuses a malformed Host header", async () => {
  for (
    const host of [
      "",
      "a b",
      "example.com/x",
      "user@example.com",
      "example.com:99999",
    ]
  ) {
    await expectError(
      () => baseStringUri("http://example.com/", { host }),
      TypeError,
      `Cannot build base string URI: Host header must be "host" or "host:port": current Host is "${host}"`,
    );
  }
});
