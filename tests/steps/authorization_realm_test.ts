// Regression: a realm past U+00FF gave an Authorization header that no HTTP
// client can send (Headers threw "not a valid ByteString" in toRequest()).
import assert from "node:assert/strict";
import { signRequest } from "../../mod.ts";
import { authorizationHeader } from "../../steps/authorization.ts";

Deno.test("authorizationHeader() refuses a realm past U+00FF, which a header cannot carry", () => {
  assert.throws(
    () => authorizationHeader([["oauth_consumer_key", "k"]], "日本"),
    {
      name: "TypeError",
      message:
        'Cannot build Authorization header: realm must be Latin-1 text (header values are bytes): current realm is "日本"',
    },
  );
});

Deno.test("signRequest() sends a Latin-1 realm as its bytes in the Authorization header", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://example.com/" },
    { consumerKey: "k", consumerSecret: "s" },
    { realm: "Café", nonce: "n", timestamp: 1 },
  );
  const header = signed.toRequest().headers.get("authorization");
  assert.ok(header?.startsWith('OAuth realm="Café", oauth_consumer_key="k"'));
});
