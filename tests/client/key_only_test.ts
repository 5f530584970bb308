// keyOnlyRequest(): a non-authenticated request, which names the client with
// oauth_consumer_key in the query and carries no signature.
import assert from "node:assert/strict";
import { keyOnlyRequest } from "../../mod.ts";
import { expectError } from "../support/support.ts";

Deno.test("keyOnlyRequest() adds oauth_consumer_key after the autocomplete query", () => {
  const request = keyOnlyRequest(
    "http://api.netflix.com/catalog/titles/autocomplete?term=fargo",
    "my-consumer-key",
  );
  assert.equal(
    request.url,
    "http://api.netflix.com/catalog/titles/autocomplete?term=fargo&oauth_consumer_key=my-consumer-key",
  );
  assert.deepEqual(request.oauthParameters, [[
    "oauth_consumer_key",
    "my-consumer-key",
  ]]);
});

Deno.test("keyOnlyRequest() sends no signature, nonce or timestamp", () => {
  const { url } = keyOnlyRequest("http://e.com/t?term=x", "k");
  assert.deepEqual([...new URL(url).searchParams.keys()], [
    "term",
    "oauth_consumer_key",
  ]);
});

Deno.test("keyOnlyRequest() percent-encodes the consumer key and keeps the query as sent", () => {
  const { url } = keyOnlyRequest(
    "http://e.com/t?term=star+wars",
    "key with space&=",
  );
  assert.equal(
    url,
    "http://e.com/t?term=star+wars&oauth_consumer_key=key%20with%20space%26%3D",
  );
  assert.equal(
    new URL(url).searchParams.get("oauth_consumer_key"),
    "key with space&=",
  );
  assert.equal(new URL(url).searchParams.get("term"), "star wars");
});

Deno.test("keyOnlyRequest() starts a query when the URL has none and drops the fragment", () => {
  assert.equal(
    keyOnlyRequest("http://e.com/t#results", "k").url,
    "http://e.com/t?oauth_consumer_key=k",
  );
});

Deno.test("keyOnlyRequest() accepts a URL object", () => {
  assert.equal(
    keyOnlyRequest(new URL("https://e.com/t?a=1"), "k").url,
    "https://e.com/t?a=1&oauth_consumer_key=k",
  );
});

Deno.test("keyOnlyRequest().toRequest() gives a GET Request for the URL", () => {
  const request = keyOnlyRequest("http://e.com/t?term=fargo", "k").toRequest();
  assert.equal(request.method, "GET");
  assert.equal(request.url, "http://e.com/t?term=fargo&oauth_consumer_key=k");
  assert.equal(request.headers.has("authorization"), false);
});

Deno.test("keyOnlyRequest() refuses an empty consumer key or one that is not a string", async () => {
  for (const key of ["", undefined, 5]) {
    await expectError(
      () => keyOnlyRequest("http://e.com/", key as string),
      TypeError,
      "Cannot build key-only request: consumer key must be a non-empty string",
    );
  }
});

Deno.test("keyOnlyRequest() refuses a URL that already has oauth_consumer_key", async () => {
  await expectError(
    () => keyOnlyRequest("http://e.com/?oauth_consumer_key=x", "k"),
    TypeError,
    'Cannot build key-only request: parameter "oauth_consumer_key" is already in the query',
  );
});

Deno.test("keyOnlyRequest() refuses a URL that is not http or https, or not absolute", async () => {
  await expectError(
    () => keyOnlyRequest("ftp://e.com/", "k"),
    TypeError,
    'Cannot build base string URI: scheme must be "http" or "https": current scheme is "ftp"',
  );
  await expectError(
    () => keyOnlyRequest("/titles", "k"),
    TypeError,
    'Cannot build base string URI: URL must be absolute and valid: current URL is "/titles"',
  );
});
