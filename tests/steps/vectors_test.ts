// Every request of the published vectors, signed end to end. Source:
// ../shared/vectors/published.json, copied to tests/testdata/published.json;
// each entry names its own source (RFC 5849, OAuth Core 1.0, the wiki
// TestCases, the X documentation, LTI 1.1) and was checked with oauthlib 3.2.2.
import assert from "node:assert/strict";
import { signRequest } from "../../mod.ts";
import vectors from "../testdata/published.json" with { type: "json" };

for (const v of vectors.requests) {
  Deno.test(`signRequest() reproduces the published vector "${v.id}"`, async () => {
    const oauth = v.oauth as Record<string, string>;
    const headers: Record<string, string> = {};
    if ("contentType" in v) headers["content-type"] = v.contentType;
    const signed = await signRequest(
      {
        method: v.method,
        url: v.url,
        headers,
        body: "body" in v ? v.body : null,
      },
      {
        consumerKey: oauth.oauth_consumer_key!,
        consumerSecret: v.consumerSecret,
        token: oauth.oauth_token,
        tokenSecret: v.tokenSecret,
      },
      {
        signatureMethod: oauth.oauth_signature_method as "HMAC-SHA1",
        nonce: oauth.oauth_nonce!,
        timestamp: Number(oauth.oauth_timestamp),
        version: oauth.oauth_version === "1.0" ? "1.0" : false,
        ...(oauth.oauth_callback ? { callback: oauth.oauth_callback } : {}),
        ...(oauth.oauth_verifier ? { verifier: oauth.oauth_verifier } : {}),
        ...("realm" in v ? { realm: v.realm } : {}),
      },
    );
    assert.equal(signed.baseStringUri, v.expected.baseStringUri);
    assert.equal(signed.normalizedParameters, v.expected.normalizedParameters);
    assert.equal(signed.baseString, v.expected.baseString);
    assert.equal(signed.signature, v.expected.signature);
  });
}
