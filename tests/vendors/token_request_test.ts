// Regression (issue 17): on the temporary-credential (request-token)
// endpoints of X, Trello and NetSuite no token exists yet, so the profiles
// that require a token must not require it there: a correctly signed request
// for a request token is valid with its vendor's profile, while the same
// request to an API endpoint still misses its token.
import assert from "node:assert/strict";
import { explain } from "../../explain/explain.ts";
import { importAuthorizationHeader } from "../../client/import.ts";
import { signRequest } from "../../client/sign.ts";
import {
  lintRequest,
  type ProfileName,
  profileSignOptions,
} from "../../vendors/profiles.ts";

const ENDPOINTS: [ProfileName, string, string][] = [
  ["x", "https://api.x.com/oauth/request_token", "https://api.x.com/2/tweets"],
  [
    "trello",
    "https://trello.com/1/OAuthGetRequestToken",
    "https://api.trello.com/1/members/me",
  ],
  [
    "netsuite",
    "https://1234567.restlets.api.netsuite.com/rest/requesttoken",
    "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1",
  ],
];

async function signedWithoutToken(
  profile: ProfileName,
  url: string,
  callback: string | undefined,
) {
  const signed = await signRequest(
    { method: "POST", url },
    { consumerKey: "ck", consumerSecret: "cs" },
    {
      ...profileSignOptions(profile, { accountId: "1234567" }),
      ...(callback === undefined ? {} : { callback }),
      nonce: "n0nce",
      timestamp: 1700000000,
    },
  );
  return importAuthorizationHeader(signed.authorization, {
    url,
    method: "POST",
  });
}

for (const [profile, requestToken, api] of ENDPOINTS) {
  Deno.test(`explain() calls a correctly signed request for a ${profile} request token valid, with its profile`, async () => {
    const captured = await signedWithoutToken(profile, requestToken, "oob");
    assert.deepEqual(
      lintRequest(captured, profile).filter((f) => f.rule.endsWith("/token")),
      [],
    );
    const report = await explain(captured, { consumerSecret: "cs" }, {
      profile,
    });
    assert.equal(report.verdict, "valid", JSON.stringify(report.causes));
    assert.deepEqual(report.causes, []);
  });

  Deno.test(`lintRequest() still finds the ${profile} token missing on an API endpoint`, async () => {
    const captured = await signedWithoutToken(profile, api, undefined);
    assert.deepEqual(
      lintRequest(captured, profile).filter((f) => f.rule.endsWith("/token"))
        .map((f) => f.severity),
      ["error"],
    );
  });
}

Deno.test("lintRequest() reads a request-token request by its path when no oauth_callback is sent", async () => {
  const captured = await signedWithoutToken(
    "x",
    "https://api.x.com/oauth/request_token",
    undefined,
  );
  assert.deepEqual(
    lintRequest(captured, "x").filter((f) => f.rule.endsWith("/token")),
    [],
  );
});
