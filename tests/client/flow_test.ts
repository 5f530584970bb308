// How flow.ts reads answers and callbacks: the form grammar of
// application/x-www-form-urlencoded (RFC 5849 §2.1, §2.3 answer with it) read
// strictly, and OAuth Problem Reporting's oauth_problem. The servers here are
// fixed answers; the dance against real providers is in flow_oauthlib_test.ts.
import assert from "node:assert/strict";
import {
  authorizationUrl,
  OAuthError,
  OAuthSyntaxError,
  parseAuthorizationCallback,
  requestTemporaryCredentials,
  requestTokenCredentials,
} from "../../mod.ts";

const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
};
const INITIATE = "https://photos.example.net/initiate";

function answering(body: string, status = 200) {
  return {
    fetch: (): Promise<Response> =>
      Promise.resolve(new Response(body, { status })),
  };
}

Deno.test("requestTemporaryCredentials() rejects a broken percent escape without quoting the answer", async () => {
  const body =
    "oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao%3&oauth_callback_confirmed=true";
  await assert.rejects(
    requestTemporaryCredentials(INITIATE, CLIENT, answering(body)),
    (error) => {
      assert.ok(error instanceof OAuthError);
      assert.equal(error.code, "response_invalid");
      assert.equal(
        error.message,
        'Cannot get temporary credentials: the answer must be application/x-www-form-urlencoded: "%" must start an escape of two hex digits: broken escape at offset 62',
      );
      assert.ok(error.cause instanceof OAuthSyntaxError);
      assert.equal(error.cause.offset, body.indexOf("%"));
      assert.ok(!error.message.includes("hdhd0244k9j7ao"));
      return true;
    },
  );
});

Deno.test('requestTemporaryCredentials() rejects an answer with raw non-ASCII text, a pair without "=" or an empty pair', async () => {
  for (
    const [body, reason] of [
      ["oauth_token=é&oauth_token_secret=x", "character U+00E9 at offset 12"],
      ["oauth_token&oauth_token_secret=x", 'no "=" at offset 0'],
      ["oauth_token=a&&oauth_token_secret=x", "empty pair at offset 14"],
      ["oauth_token=%FF&oauth_token_secret=x", "invalid UTF-8 at offset 12"],
    ]
  ) {
    await assert.rejects(
      requestTemporaryCredentials(INITIATE, CLIENT, answering(body!)),
      (error) =>
        error instanceof OAuthError && error.code === "response_invalid" &&
        error.message.endsWith(reason!),
    );
  }
});

Deno.test("requestTemporaryCredentials() requires oauth_callback_confirmed=true and one oauth_token", async () => {
  await assert.rejects(
    requestTemporaryCredentials(
      INITIATE,
      CLIENT,
      answering("oauth_token=a&oauth_token_secret=b"),
    ),
    new OAuthError(
      "response_invalid",
      "Cannot get temporary credentials: the answer must hold oauth_callback_confirmed=true: current value is missing",
    ),
  );
  await assert.rejects(
    requestTemporaryCredentials(
      INITIATE,
      CLIENT,
      answering(
        "oauth_token=a&oauth_token=c&oauth_token_secret=b&oauth_callback_confirmed=true",
      ),
    ),
    new OAuthError(
      "response_invalid",
      "Cannot get temporary credentials: the answer must hold one non-empty oauth_token: current count is 2",
    ),
  );
});

Deno.test("requestTemporaryCredentials() reports an HTML error page by its status alone", async () => {
  await assert.rejects(
    requestTemporaryCredentials(
      INITIATE,
      CLIENT,
      answering("<h1>Service unavailable</h1>", 503),
    ),
    (error) =>
      error instanceof OAuthError && error.status === 503 &&
      error.problem === undefined &&
      error.message ===
        "Cannot get temporary credentials: the server refused with status 503 and gave no reason",
  );
});

Deno.test("requestTemporaryCredentials() masks a secret that the server echoes in its reason", async () => {
  const body = `oauth_problem=signature_invalid&oauth_problem_advice=${
    encodeURIComponent(`key was ${CLIENT.consumerSecret}&`)
  }`;
  await assert.rejects(
    requestTemporaryCredentials(INITIATE, CLIENT, answering(body, 401)),
    (error) =>
      error instanceof OAuthError && error.problem === "signature_invalid" &&
      error.message ===
        'Cannot get temporary credentials: the server refused with status 401: oauth_problem is "signature_invalid", oauth_problem_advice is "key was (a secret)"',
  );
});

// A refusal whose oauth_problem_advice is `advice` (form-encoded once, as a
// form answer is); resolves to the message of the OAuthError it ends in.
async function refusal(
  credentials: { consumerSecret: string; tokenSecret?: string },
  advice: string,
): Promise<string> {
  const body = `oauth_problem=signature_invalid&oauth_problem_advice=${
    encodeURIComponent(advice)
  }`;
  const options = answering(body, 401);
  const error =
    await (credentials.tokenSecret === undefined
      ? requestTemporaryCredentials(INITIATE, {
        consumerKey: CLIENT.consumerKey,
        consumerSecret: credentials.consumerSecret,
      }, options)
      : requestTokenCredentials(
        "https://photos.example.net/token",
        {
          consumerKey: CLIENT.consumerKey,
          consumerSecret: credentials.consumerSecret,
        },
        {
          ...options,
          temporary: {
            token: "hh5s93j4hdidpola",
            tokenSecret: credentials.tokenSecret,
          },
          verifier: "hfdp7dh39dks9884",
        },
      )).then(() => undefined, (error: unknown) => error);
  assert.ok(error instanceof OAuthError && error.code === "response_error");
  return error.message;
}

Deno.test("requestTemporaryCredentials() masks a secret cut by the 200-character limit (regression: the cut came before the scrub and left the secret's prefix)", async () => {
  const message = await refusal(
    CLIENT,
    `${"x".repeat(190)}${CLIENT.consumerSecret}`,
  );
  assert.ok(!message.includes(CLIENT.consumerSecret.slice(0, 10)), message);
  assert.ok(message.endsWith(`${"x".repeat(190)}(a secret)"`), message);
});

Deno.test("requestTemporaryCredentials() masks a secret echoed percent-encoded or form-encoded", async () => {
  const secret = "kd94 hf93/k423+kf44"; // spaces, "/" and "+" change when encoded
  for (
    const echoed of [
      "kd94%20hf93%2Fk423%2Bkf44", // RFC 5849 §3.6
      "kd94+hf93%2Fk423%2Bkf44", // application/x-www-form-urlencoded
    ]
  ) {
    const message = await refusal({ consumerSecret: secret }, `got ${echoed}.`);
    assert.ok(
      message.endsWith('oauth_problem_advice is "got (a secret)."'),
      message,
    );
  }
});

Deno.test("requestTokenCredentials() masks the plaintext signing key as a whole, even when each secret is too short to mask", async () => {
  assert.ok(
    (await refusal(
      { consumerSecret: "kd94hf93k423kf44", tokenSecret: "hdhd0244k9j7ao03" },
      "key kd94hf93k423kf44&hdhd0244k9j7ao03 is wrong",
    )).endsWith('"key (a secret) is wrong"'),
  );
  for (const echoed of ["a%20b&c%2Bd", "a%2520b%26c%252Bd"]) { // raw, encoded
    const message = await refusal(
      { consumerSecret: "a b", tokenSecret: "c+d" },
      `key ${echoed} is wrong`,
    );
    assert.ok(message.endsWith('"key (a secret) is wrong"'), message);
  }
});

Deno.test("authorizationUrl() adds oauth_token and extra parameters after the endpoint's own query", () => {
  assert.equal(
    authorizationUrl(
      "https://api.example.com/oauth/authorize?lang=en",
      "hh5s93j4hdidpola",
      {
        parameters: [["force_login", "true"], ["screen_name", "ada lovelace"]],
      },
    ),
    "https://api.example.com/oauth/authorize?lang=en&oauth_token=hh5s93j4hdidpola&force_login=true&screen_name=ada%20lovelace",
  );
  assert.throws(
    () => authorizationUrl("https://a.example/authorize?oauth_token=x", "y"),
    new TypeError(
      'Cannot build authorization URL: parameter "oauth_token" is already in the query',
    ),
  );
  assert.throws(
    () => authorizationUrl("ftp://a.example/authorize", "y"),
    TypeError,
  );
});

Deno.test("parseAuthorizationCallback() reports oauth_problem user_refused as access_denied and keeps the problem", () => {
  assert.throws(
    () =>
      parseAuthorizationCallback(
        "http://printer.example.com/ready?oauth_problem=user_refused&oauth_token=hh5s93j4hdidpola",
        "hh5s93j4hdidpola",
      ),
    (error) =>
      error instanceof OAuthError && error.code === "access_denied" &&
      error.problem === "user_refused" &&
      error.message ===
        'Cannot read authorization callback: the user denied access: oauth_problem is "user_refused"',
  );
});

Deno.test("parseAuthorizationCallback() requires oauth_verifier and keeps the client's own parameters", () => {
  assert.throws(
    () =>
      parseAuthorizationCallback(
        "http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola",
        "hh5s93j4hdidpola",
      ),
    new OAuthError(
      "response_invalid",
      "Cannot read authorization callback: the answer must hold one non-empty oauth_verifier: current count is 0",
    ),
  );
  const callback = parseAuthorizationCallback(
    "http://printer.example.com/ready?job=42&oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884",
    "hh5s93j4hdidpola",
  );
  assert.deepEqual(callback, {
    token: "hh5s93j4hdidpola",
    verifier: "hfdp7dh39dks9884",
    parameters: [["job", "42"]],
  });
});
