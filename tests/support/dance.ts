// The three legs of RFC 5849 §2 and a protected resource request, run by our
// client against any provider: the oauthlib fixture or our own.
import assert from "node:assert/strict";
import {
  authorizationUrl,
  type Credentials,
  type FetchFunction,
  type IssuedCredentials,
  parseAuthorizationCallback,
  type Placement,
  requestTemporaryCredentials,
  requestTokenCredentials,
  signRequest,
} from "../../mod.ts";

/** Where a provider's endpoints are. */
export interface ProviderEndpoints {
  initiate: string;
  authorize: string;
  token: string;
  /** A protected resource that takes `file` and `size` parameters. */
  resource: string;
}

/** What the dance returns, for assertions. */
export interface DanceResult {
  temporary: IssuedCredentials;
  token: IssuedCredentials;
  resource: Response;
}

/**
 * The user opens the authorization URL and approves (or, with
 * `decision: "deny"`, refuses); returns where the server sent them back.
 */
export async function visit(
  url: string,
  send: FetchFunction = fetch,
): Promise<string> {
  const response = await send(new Request(url, { redirect: "manual" }));
  await response.body?.cancel();
  const location = response.headers.get("location");
  assert.equal(response.status, 302, `expected a redirect from ${url}`);
  assert.ok(location !== null);
  return location;
}

/**
 * Legs 1 and 2: gets temporary credentials with a callback, and the verifier
 * the user's approval sends back to it.
 */
export async function authorized(
  endpoints: ProviderEndpoints,
  client: Credentials,
  options: { placement?: Placement; fetch?: FetchFunction } = {},
): Promise<{ temporary: IssuedCredentials; verifier: string }> {
  const send = options.fetch ?? fetch;
  const temporary = await requestTemporaryCredentials(
    endpoints.initiate,
    client,
    { ...options, fetch: send, callback: "http://printer.example.com/ready" },
  );
  const back = await visit(
    authorizationUrl(endpoints.authorize, temporary.token),
    send,
  );
  assert.ok(back.startsWith("http://printer.example.com/ready?"));
  const { verifier } = parseAuthorizationCallback(back, temporary.token);
  return { temporary, verifier };
}

/** Runs the whole dance with one placement for every signed request. */
export async function dance(
  endpoints: ProviderEndpoints,
  client: Credentials,
  options: { placement: Placement; fetch?: FetchFunction },
): Promise<DanceResult> {
  const send = options.fetch ?? fetch;
  const common = { placement: options.placement, fetch: send };
  const { temporary, verifier } = await authorized(endpoints, client, common);
  const token = await requestTokenCredentials(endpoints.token, client, {
    ...common,
    temporary,
    verifier,
  });
  const form = new URLSearchParams({ file: "vacation.jpg", size: "original" });
  const signed = await signRequest(
    options.placement === "body"
      ? { method: "POST", url: endpoints.resource, body: form }
      : { method: "GET", url: `${endpoints.resource}?${form}` },
    { ...client, token: token.token, tokenSecret: token.tokenSecret },
    { placement: options.placement },
  );
  const resource = await send(signed.toRequest());
  return { temporary, token, resource };
}
