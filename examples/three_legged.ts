/**
 * The three-legged dance of RFC 5849 §2, narrated, against the embedded
 * catalog provider, in-process (its fetch handler is passed as `fetch`, so
 * there is no network and no flag to give):
 *
 *     deno run examples/three_legged.ts
 *
 * 1. the client gets temporary credentials (§2.1);
 * 2. the user is sent to the login page and approves (§2.2);
 * 3. the client trades the temporary credentials and the verifier for token
 *    credentials (§2.3);
 *
 * then it calls a protected resource with the token credentials (§3).
 * Secrets are shown as their length only; the demo client's secret is
 * `DEMO_CREDENTIALS.consumerSecret` in examples/catalog_provider.ts.
 *
 * @module
 */

import {
  authorizationUrl,
  type Credentials,
  type IssuedCredentials,
  OAuthError,
  parseAuthorizationCallback,
  requestTemporaryCredentials,
  requestTokenCredentials,
  signRequest,
  type Trace,
} from "../mod.ts";
import { createCatalogProvider, DEMO_CREDENTIALS } from "./catalog_provider.ts";

const API = "http://api.catalog.example";
const CALLBACK = "http://printer.example.com/ready";

const color = Deno.stdout.isTerminal() && !Deno.noColor;
const bold = (text: string): string => color ? `\x1b[1m${text}\x1b[0m` : text;
const say = (text = ""): void => console.log(text);
const masked = (secret: string): string =>
  `(${secret.length} characters, masked)`;

/** Prints what the trace of a signed request says about the request. */
function narrateRequest(trace: Trace): void {
  for (const step of trace) {
    if (step.step === "input") say(`  ${step.method} ${step.url}`);
    if (step.step === "signature-base-string") {
      say(`  base string: ${step.baseString}`);
    }
    if (step.step === "placement") say(`  Authorization: ${step.value}`);
  }
}

/** Prints the credentials a server issued, secret masked. */
function narrateAnswer(issued: IssuedCredentials): void {
  say("  The provider answers (application/x-www-form-urlencoded):");
  say(`    oauth_token        = ${issued.token}`);
  say(`    oauth_token_secret = ${masked(issued.tokenSecret)}`);
  for (const [name, value] of issued.parameters) {
    say(`    ${name.padEnd(18)} = ${value}`);
  }
}

const provider = createCatalogProvider();
const client: Credentials = {
  consumerKey: DEMO_CREDENTIALS.consumerKey,
  consumerSecret: DEMO_CREDENTIALS.consumerSecret,
};

say(bold("The three-legged dance of OAuth 1.0a (RFC 5849 §2)"));
say(`A printer (the client) asks ${API} for access to a user's account.\n`);

say(bold("Leg 1: temporary credentials (RFC 5849 §2.1)"));
say("The client signs a request with its own credentials only, and names");
say("the callback the user will be sent back to:");
const temporary = await requestTemporaryCredentials(
  `${API}/oauth/initiate`,
  client,
  { callback: CALLBACK, fetch: provider.handler },
);
narrateRequest(temporary.trace);
narrateAnswer(temporary);
say("  (oauth_callback_confirmed=true was checked.)\n");

say(bold("Leg 2: the user authorizes (RFC 5849 §2.2)"));
const login = authorizationUrl(`${API}/oauth/authorize`, temporary.token);
say("The client sends the user's browser to:");
say(`  ${login}`);
say("The user logs in and approves (here a test user approves at once), and");
say("the provider sends the browser back to the callback:");
const visit = await provider.handler(new Request(login));
const back = visit.headers.get("location");
if (visit.status !== 302 || back === null) {
  throw new Error(`The login page answered ${visit.status}, not a redirect`);
}
say(`  ${back}`);
const { verifier } = parseAuthorizationCallback(back, temporary.token);
say("The client checks that oauth_token is the one it was issued, and keeps");
say(`the verifier: ${verifier}\n`);

say(bold("Leg 3: token credentials (RFC 5849 §2.3)"));
say("The client signs with its credentials and the temporary ones, adding");
say("oauth_verifier:");
const token = await requestTokenCredentials(
  `${API}/oauth/token`,
  client,
  { temporary, verifier, fetch: provider.handler },
);
narrateRequest(token.trace);
narrateAnswer(token);
try {
  await requestTokenCredentials(`${API}/oauth/token`, client, {
    temporary,
    verifier,
    fetch: provider.handler,
  });
} catch (error) {
  if (!(error instanceof OAuthError)) throw error;
  say("  The temporary credentials are now used up; a second trade fails:");
  say(`    ${error.message}\n`);
}

say(bold("Using the token credentials (RFC 5849 §3)"));
say("Every request for the user's resources is now signed with the client's");
say("credentials and the token credentials:");
const signed = await signRequest(
  { method: "GET", url: `${API}/users/current` },
  { ...client, token: token.token, tokenSecret: token.tokenSecret },
);
narrateRequest(signed.trace);
const response = await provider.handler(signed.toRequest());
say(`  The provider answers ${response.status}:`);
say((await response.text()).trimEnd().replace(/^/gm, "    "));
