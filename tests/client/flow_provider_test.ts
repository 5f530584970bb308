// The three-legged dance of RFC 5849 §2 against our own embedded provider
// (examples/catalog_provider.ts with examples/provider_three_legged.ts), which
// checks every request with verifyRequest(): in-process through the custom
// fetch option, and once over HTTP on a loopback port.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import {
  authorizationUrl,
  OAuthError,
  parseAuthorizationCallback,
  requestTemporaryCredentials,
  requestTokenCredentials,
  signRequest,
} from "../../mod.ts";
import {
  createCatalogProvider,
  DEMO_CREDENTIALS,
} from "../../examples/catalog_provider.ts";
import { DEMO_USER } from "../../examples/provider_three_legged.ts";
import {
  authorized,
  dance,
  type ProviderEndpoints,
  visit,
} from "../support/dance.ts";

const CLIENT = {
  consumerKey: DEMO_CREDENTIALS.consumerKey,
  consumerSecret: DEMO_CREDENTIALS.consumerSecret,
};
const CALLBACK = "http://printer.example.com/ready";

function endpoints(origin: string): ProviderEndpoints {
  return {
    initiate: `${origin}/oauth/initiate`,
    authorize: `${origin}/oauth/authorize`,
    token: `${origin}/oauth/token`,
    resource: `${origin}/users/current`,
  };
}
const API = endpoints("http://api.catalog.example");

async function currentUser(response: Response): Promise<unknown> {
  assert.equal(response.status, 200);
  return new XMLParser().parse(await response.text()).user;
}

for (const placement of ["header", "query", "body"] as const) {
  Deno.test(`the dance with our provider yields token credentials that read /users/current, protocol parameters in the ${placement}`, async () => {
    const provider = createCatalogProvider();
    const { token, resource } = await dance(API, CLIENT, {
      placement,
      fetch: provider.handler,
    });
    assert.deepEqual(token.parameters, [
      ["user_id", DEMO_USER.userId],
      ["screen_name", DEMO_USER.screenName],
    ]);
    assert.deepEqual(await currentUser(resource), {
      user_id: DEMO_USER.userId,
      screen_name: DEMO_USER.screenName,
    });
  });
}

Deno.test("the dance with our provider works over HTTP on a loopback port", async () => {
  const provider = createCatalogProvider();
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    provider.handler,
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const { resource } = await dance(endpoints(origin), CLIENT, {
    placement: "header",
  });
  assert.deepEqual(await currentUser(resource), {
    user_id: DEMO_USER.userId,
    screen_name: DEMO_USER.screenName,
  });
});

Deno.test("the dance with our provider works out of band, the verifier in a form body", async () => {
  const provider = createCatalogProvider();
  const temporary = await requestTemporaryCredentials(API.initiate, CLIENT, {
    fetch: provider.handler,
  });
  const page = await provider.handler(
    new Request(authorizationUrl(API.authorize, temporary.token)),
  );
  const verifier = new URLSearchParams(await page.text()).get("oauth_verifier");
  assert.ok(verifier !== null);
  const token = await requestTokenCredentials(API.token, CLIENT, {
    temporary,
    verifier,
    fetch: provider.handler,
  });
  assert.match(token.token, /^[0-9a-f]{32}$/);
});

Deno.test("our provider's refusal at the login page reaches parseAuthorizationCallback() as access_denied", async () => {
  const provider = createCatalogProvider();
  const temporary = await requestTemporaryCredentials(API.initiate, CLIENT, {
    callback: CALLBACK,
    fetch: provider.handler,
  });
  const back = await visit(
    authorizationUrl(API.authorize, temporary.token, {
      parameters: { decision: "deny" },
    }),
    provider.handler,
  );
  assert.throws(
    () => parseAuthorizationCallback(back, temporary.token),
    new OAuthError(
      "access_denied",
      'Cannot read authorization callback: the user denied access: oauth_problem is "user_refused"',
      { problem: "user_refused" },
    ),
  );
});

Deno.test("our provider refuses a wrong verifier with oauth_problem verifier_invalid, then the used temporary token with token_used", async () => {
  const provider = createCatalogProvider();
  const { temporary, verifier } = await authorized(API, CLIENT, {
    fetch: provider.handler,
  });
  const wrong = verifier.slice(1) + (verifier[0] === "a" ? "b" : "a");
  const trade = (v: string) =>
    requestTokenCredentials(API.token, CLIENT, {
      temporary,
      verifier: v,
      fetch: provider.handler,
    });
  await assert.rejects(
    trade(wrong),
    (error) =>
      error instanceof OAuthError && error.status === 401 &&
      error.problem === "verifier_invalid" &&
      !error.message.includes(temporary.tokenSecret),
  );
  // Single use: the temporary credentials are spent, even the right verifier fails.
  await assert.rejects(
    trade(verifier),
    (error) =>
      error instanceof OAuthError && error.status === 401 &&
      error.problem === "token_used",
  );
});

Deno.test("our provider refuses to trade temporary credentials twice with oauth_problem token_used", async () => {
  const provider = createCatalogProvider();
  const { temporary, verifier } = await authorized(API, CLIENT, {
    fetch: provider.handler,
  });
  const options = { temporary, verifier, fetch: provider.handler };
  await requestTokenCredentials(API.token, CLIENT, options);
  await assert.rejects(
    requestTokenCredentials(API.token, CLIENT, options),
    new OAuthError(
      "response_error",
      'Cannot get token credentials: the server refused with status 401: oauth_problem is "token_used", oauth_problem_advice is "Cannot issue token credentials: the temporary credentials were already used"',
      { status: 401, problem: "token_used" },
    ),
  );
});

Deno.test("our provider refuses temporary credentials the user has not authorized with oauth_problem permission_unknown", async () => {
  const provider = createCatalogProvider();
  const temporary = await requestTemporaryCredentials(API.initiate, CLIENT, {
    fetch: provider.handler,
  });
  await assert.rejects(
    requestTokenCredentials(API.token, CLIENT, {
      temporary,
      verifier: "guessed",
      fetch: provider.handler,
    }),
    (error) =>
      error instanceof OAuthError && error.problem === "permission_unknown",
  );
});

Deno.test("our provider refuses a timestamp an hour old with status 401 and oauth_problem timestamp_refused", async () => {
  const provider = createCatalogProvider();
  await assert.rejects(
    requestTemporaryCredentials(API.initiate, CLIENT, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
      fetch: provider.handler,
    }),
    (error) =>
      error instanceof OAuthError && error.code === "response_error" &&
      error.status === 401 && error.problem === "timestamp_refused" &&
      !error.message.includes(CLIENT.consumerSecret),
  );
});

Deno.test("our provider does not accept temporary credentials at a protected resource", async () => {
  const provider = createCatalogProvider();
  const { temporary } = await authorized(API, CLIENT, {
    fetch: provider.handler,
  });
  const signed = await signRequest({ method: "GET", url: API.resource }, {
    ...CLIENT,
    token: temporary.token,
    tokenSecret: temporary.tokenSecret,
  });
  const response = await provider.handler(signed.toRequest());
  assert.equal(response.status, 401);
  assert.equal(
    new URLSearchParams(await response.text()).get("oauth_problem"),
    "token_rejected",
  );
});

Deno.test("examples/three_legged.ts runs with no flags, narrates the three legs and reads /users/current", async () => {
  const example = new URL("../../examples/three_legged.ts", import.meta.url);
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", example.pathname],
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(stdout);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  for (
    const heading of [
      "Leg 1: temporary credentials (RFC 5849 §2.1)",
      "Leg 2: the user authorizes (RFC 5849 §2.2)",
      "Leg 3: token credentials (RFC 5849 §2.3)",
      "Using the token credentials (RFC 5849 §3)",
      'a second trade fails:\n    Cannot get token credentials: the server refused with status 401: oauth_problem is "token_used"',
      "The provider answers 200:",
      `<screen_name>${DEMO_USER.screenName}</screen_name>`,
    ]
  ) {
    assert.ok(text.includes(heading), `missing: ${heading}`);
  }
  assert.ok(!text.includes(DEMO_CREDENTIALS.consumerSecret));
});
