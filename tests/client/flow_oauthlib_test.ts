// The three-legged dance of RFC 5849 §2 against an independent provider:
// tests/oauthlib_provider.py, built from oauthlib 3.2.2's RequestTokenEndpoint,
// AuthorizationEndpoint, AccessTokenEndpoint and ResourceEndpoint, started on
// a loopback port for each test. It needs a live oauthlib: testWith(OAUTHLIB)
// runs it where python3-oauthlib is installed and requires it under CI=true.
import assert from "node:assert/strict";
import {
  authorizationUrl,
  OAuthError,
  parseAuthorizationCallback,
  type Placement,
  requestTemporaryCredentials,
  requestTokenCredentials,
} from "../../mod.ts";
import {
  authorized,
  dance,
  type ProviderEndpoints,
  visit,
} from "../support/dance.ts";
import { CLIENT, startOauthlibProvider } from "../support/oauthlib_provider.ts";
import { OAUTHLIB, testWith } from "../support/tools.ts";

function endpoints(origin: string): ProviderEndpoints {
  return {
    initiate: `${origin}/initiate`,
    authorize: `${origin}/authorize`,
    token: `${origin}/token`,
    resource: `${origin}/photos`,
  };
}

/** Asserts that an error is an OAuthError that names none of the secrets. */
function assertOAuthError(
  error: unknown,
  expected: { code: string; status?: number; problem?: string },
  secrets: readonly string[],
): true {
  assert.ok(error instanceof OAuthError, String(error));
  assert.equal(error.code, expected.code);
  assert.equal(error.status, expected.status);
  assert.equal(error.problem, expected.problem);
  for (const secret of secrets) {
    assert.ok(!error.message.includes(secret), "the message names a secret");
  }
  return true;
}

for (const placement of ["header", "query", "body"] as const) {
  testWith(
    OAUTHLIB,
    `the dance with oauthlib yields token credentials that read a protected resource, protocol parameters in the ${placement}`,
    async () => {
      await using provider = await startOauthlibProvider();
      const sent: string[] = [];
      const { temporary, token, resource } = await dance(
        endpoints(provider.origin),
        CLIENT,
        {
          placement: placement as Placement,
          fetch: (request) => {
            sent.push(`${request.method} ${new URL(request.url).pathname}`);
            return fetch(request);
          },
        },
      );
      assert.deepEqual(sent, [
        "POST /initiate",
        "GET /authorize",
        "POST /token",
        placement === "body" ? "POST /photos" : "GET /photos",
      ]);
      assert.match(temporary.token, /^[A-Za-z0-9]{30}$/);
      assert.deepEqual(token.parameters, [
        ["oauth_authorized_realms", "photos"],
        ["user_id", "1001"],
        ["screen_name", "ada"],
      ]);
      assert.notEqual(token.token, temporary.token);
      assert.equal(resource.status, 200);
      assert.deepEqual(await resource.json(), {
        owner: "ada",
        file: "vacation.jpg",
        size: "original",
      });
      // Each leg's trace is there, with its protocol parameter and no secret.
      const traced = (trace: typeof token.trace, name: string): boolean =>
        trace.some((step) =>
          step.step === "parameters" &&
          step.parameters.some((p) => p.name === name)
        );
      assert.ok(traced(temporary.trace, "oauth_callback"));
      assert.ok(traced(token.trace, "oauth_verifier"));
      const text = JSON.stringify([temporary.trace, token.trace]);
      assert.ok(!text.includes(CLIENT.consumerSecret));
      assert.ok(!text.includes(temporary.tokenSecret));
    },
  );
}

testWith(
  OAUTHLIB,
  "the dance with oauthlib works out of band, the user typing the verifier in",
  async () => {
    await using provider = await startOauthlibProvider();
    const { initiate, authorize, token: tokenUri } = endpoints(provider.origin);
    const temporary = await requestTemporaryCredentials(initiate, CLIENT);
    // With oauth_callback "oob", oauthlib shows the verifier instead of redirecting.
    const page = await fetch(authorizationUrl(authorize, temporary.token));
    assert.equal(page.status, 200);
    const verifier = new URLSearchParams(await page.text()).get(
      "oauth_verifier",
    );
    assert.ok(verifier !== null);
    const token = await requestTokenCredentials(tokenUri, CLIENT, {
      temporary,
      verifier,
    });
    assert.match(token.token, /^[A-Za-z0-9]{30}$/);
  },
);

testWith(
  OAUTHLIB,
  "parseAuthorizationCallback() reports a denied authorization as access_denied",
  async () => {
    await using provider = await startOauthlibProvider();
    const { initiate, authorize } = endpoints(provider.origin);
    const temporary = await requestTemporaryCredentials(initiate, CLIENT, {
      callback: "http://printer.example.com/ready",
    });
    const back = await visit(
      authorizationUrl(authorize, temporary.token, {
        parameters: { decision: "deny" },
      }),
    );
    assert.throws(
      () => parseAuthorizationCallback(back, temporary.token),
      (error) => {
        assertOAuthError(error, { code: "access_denied" }, []);
        assert.equal(
          (error as Error).message,
          `Cannot read authorization callback: the user denied access: denied is "${temporary.token}"`,
        );
        return true;
      },
    );
  },
);

testWith(
  OAUTHLIB,
  "parseAuthorizationCallback() rejects a callback for another temporary token as token_mismatch",
  async () => {
    await using provider = await startOauthlibProvider();
    const { initiate, authorize } = endpoints(provider.origin);
    const options = { callback: "http://printer.example.com/ready" };
    const mine = await requestTemporaryCredentials(initiate, CLIENT, options);
    const other = await requestTemporaryCredentials(initiate, CLIENT, options);
    const back = await visit(authorizationUrl(authorize, other.token));
    assert.throws(
      () => parseAuthorizationCallback(back, mine.token),
      (error) =>
        assertOAuthError(error, { code: "token_mismatch" }, [
          mine.tokenSecret,
          other.tokenSecret,
        ]) &&
        (error as Error).message.startsWith(
          "Cannot read authorization callback: oauth_token must be the temporary token issued",
        ),
    );
  },
);

testWith(
  OAUTHLIB,
  "requestTokenCredentials() with a wrong verifier fails with status 401 and oauth_problem parameter_rejected",
  async () => {
    await using provider = await startOauthlibProvider();
    const { token } = endpoints(provider.origin);
    const { temporary, verifier } = await authorized(
      endpoints(provider.origin),
      CLIENT,
    );
    const wrong = verifier.slice(1) + (verifier[0] === "a" ? "b" : "a");
    await assert.rejects(
      requestTokenCredentials(token, CLIENT, { temporary, verifier: wrong }),
      (error) => {
        assertOAuthError(
          error,
          {
            code: "response_error",
            status: 401,
            problem: "parameter_rejected",
          },
          [CLIENT.consumerSecret, temporary.tokenSecret],
        );
        assert.equal(
          (error as Error).message,
          'Cannot get token credentials: the server refused with status 401: oauth_problem is "parameter_rejected", oauth_parameters_rejected is "oauth_verifier"',
        );
        return true;
      },
    );
  },
);

testWith(
  OAUTHLIB,
  "requestTokenCredentials() with a temporary token already traded fails with status 401 and oauth_problem token_used",
  async () => {
    await using provider = await startOauthlibProvider();
    const { token } = endpoints(provider.origin);
    const { temporary, verifier } = await authorized(
      endpoints(provider.origin),
      CLIENT,
    );
    await requestTokenCredentials(token, CLIENT, { temporary, verifier });
    await assert.rejects(
      requestTokenCredentials(token, CLIENT, { temporary, verifier }),
      (error) =>
        assertOAuthError(
          error,
          { code: "response_error", status: 401, problem: "token_used" },
          [CLIENT.consumerSecret, temporary.tokenSecret],
        ) &&
        (error as Error).message ===
          'Cannot get token credentials: the server refused with status 401: oauth_problem is "token_used"',
    );
  },
);

testWith(
  OAUTHLIB,
  "requestTemporaryCredentials() with a timestamp an hour old fails with status 400 and oauthlib's reason",
  async () => {
    await using provider = await startOauthlibProvider();
    await assert.rejects(
      requestTemporaryCredentials(endpoints(provider.origin).initiate, CLIENT, {
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
      (error) =>
        assertOAuthError(error, { code: "response_error", status: 400 }, [
          CLIENT.consumerSecret,
        ]) &&
        (error as Error).message ===
          'Cannot get temporary credentials: the server refused with status 400: error is "invalid_request", error_description is "Timestamp given is invalid, differ from allowed by over 600 seconds."',
    );
  },
);

testWith(
  OAUTHLIB,
  "requestTemporaryCredentials() with a wrong consumer secret fails with status 401 and oauth_problem signature_invalid",
  async () => {
    await using provider = await startOauthlibProvider();
    const wrong = { ...CLIENT, consumerSecret: "not-the-secret-at-all" };
    await assert.rejects(
      requestTemporaryCredentials(endpoints(provider.origin).initiate, wrong),
      (error) =>
        assertOAuthError(
          error,
          { code: "response_error", status: 401, problem: "signature_invalid" },
          [wrong.consumerSecret, CLIENT.consumerSecret],
        ),
    );
  },
);
