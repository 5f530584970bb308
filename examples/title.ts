/**
 * The tutorial's signed request, step by step: a catalog title search
 * (`term`, `expand`, `max_results=1`) signed with HMAC-SHA1, the signature
 * placed in the query as the tutorial did; then the request is sent, and the
 * titles are read from the XML that comes back.
 *
 *     deno run examples/title.ts [--term fargo] [--reveal-secrets]
 *
 * By default the request goes to the embedded catalog provider
 * (`examples/catalog_provider.ts`), in-process: no network, no permission.
 * Its credentials are demo credentials, so nothing here is a real secret;
 * they are masked all the same unless you pass --reveal-secrets, as a habit
 * worth keeping. With `--url <base>` the request goes to a live provider,
 * with the credentials in OAUTH_CONSUMER_KEY, OAUTH_CONSUMER_SECRET and, if
 * any, OAUTH_TOKEN and OAUTH_TOKEN_SECRET.
 *
 * @module
 */

import {
  baseStringUri,
  collectParameters,
  type Credentials,
  formatTrace,
  hmacSha1,
  signatureBaseString,
  signRequest,
} from "../mod.ts";
import { joinParameters, sortParameters } from "../steps/parameters.ts";
import {
  explainRefusal,
  liveSettings,
  parseCommandLine,
  send,
  titlesFrom,
} from "./_client.ts";
import { CATALOG_BASE, DEMO_CREDENTIALS } from "./catalog_provider.ts";

const HELP = `Usage: deno run examples/title.ts [options]

Signs the tutorial's catalog title search in four steps and prints each one.

Options:
  --term <text>       the title to search for (default: "fargo")
  --url <base>        call a live provider at <base> instead of the embedded
                      one; credentials come from OAUTH_CONSUMER_KEY,
                      OAUTH_CONSUMER_SECRET, OAUTH_TOKEN, OAUTH_TOKEN_SECRET
                      (run with --allow-net and --allow-env)
  --reveal-secrets    show the demo secrets instead of their fingerprints
  --help              show this help`;

const { values } = parseCommandLine({
  args: Deno.args,
  options: {
    term: { type: "string", default: "fargo" },
    url: { type: "string" },
    "reveal-secrets": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
}, HELP);
if (values.help) {
  console.log(HELP);
  Deno.exit(0);
}

const reveal = values["reveal-secrets"];
const color = Deno.stdout.isTerminal() && !Deno.noColor;
const bold = (text: string) => color ? `\x1b[1m${text}\x1b[0m` : text;
const say = (text: string) => console.log(text);

const live = values.url !== undefined;
const credentials: Credentials = live ? liveCredentials(values.url!) : {
  ...DEMO_CREDENTIALS,
};

const url = new URL("catalog/titles", withSlash(values.url ?? CATALOG_BASE));
url.searchParams.set("term", values.term);
url.searchParams.set("expand", "synopsis,cast,formats,@episodes,@seasons");
url.searchParams.set("max_results", "1");

// The values every request carries; signRequest() would draw them itself.
const nonce = crypto.getRandomValues(new Uint8Array(16)).toHex();
const timestamp = Math.floor(Date.now() / 1000);
const oauth: [string, string][] = [
  ["oauth_consumer_key", credentials.consumerKey],
  ...(credentials.token === undefined
    ? []
    : [["oauth_token", credentials.token] as [string, string]]),
  ["oauth_signature_method", "HMAC-SHA1"],
  ["oauth_timestamp", String(timestamp)],
  ["oauth_nonce", nonce],
  ["oauth_version", "1.0"],
];

say(
  bold(`Searching the catalog for "${values.term}", signed with OAuth 1.0a.`),
);
say(`The request: GET ${url}\n`);

const step1 = baseStringUri(url);
say(bold("Step 1: the base URL (RFC 5849 §3.4.1.2)"));
say("Take the URL without its query and fragment, scheme and host in lower");
say("case, no default port:");
say(`  ${step1.uri}\n`);

const sorted = sortParameters(collectParameters({ url, oauth }));
const step2 = joinParameters(sorted);
say(bold("Step 2: the parameters (RFC 5849 §3.4.1.3)"));
say("Gather the query's parameters and the oauth_ ones, percent-encode each");
say("name and value, and sort them by encoded name, then by encoded value:");
sorted.forEach((parameter, i) => {
  say(
    `  ${
      String(i + 1).padStart(2)
    }. ${parameter.encodedName}=${parameter.encodedValue}  (${parameter.source})`,
  );
});
say("Then join them with &:");
say(`  ${step2}\n`);

const step3 = signatureBaseString("GET", step1.uri, step2);
say(bold("Step 3: the base string (RFC 5849 §3.4.1.1)"));
say("Join the method, the encoded base URL and the encoded parameters with &:");
say(`  ${step3}\n`);

const { signature } = await hmacSha1.sign(step3, credentials);
say(bold("Step 4: the signature (RFC 5849 §3.4.2)"));
say("HMAC-SHA1 over the base string, keyed with the encoded consumer secret,");
say(
  `"&", and the encoded token secret (${
    credentials.tokenSecret ? "masked here" : "none here"
  }), then base64:`,
);
say(`  oauth_signature = ${signature}\n`);

// The same request through signRequest(), which does all four steps and
// keeps a trace of them. Its signature must be the one computed above.
const signed = await signRequest(
  { method: "GET", url },
  credentials,
  { nonce, timestamp, placement: "query", revealSecrets: reveal },
);
if (signed.signature !== signature) {
  throw new Error("The step-by-step signature differs from signRequest()'s");
}
say(bold("The signed URL (the signature in the query, as the tutorial did):"));
say(`  ${signed.url}\n`);
say(bold("The whole trace, as signRequest() reports it:"));
say(formatTrace(signed.trace, { color }));

say(bold(
  live
    ? `The request goes to ${url.origin}:`
    : "The request goes to the embedded catalog provider, in-process (no network):",
));
const response = await send(signed.toRequest(), live);
const text = await response.text();
say(
  `  HTTP ${response.status} ${response.headers.get("content-type") ?? ""}\n`,
);
if (!response.ok) {
  explainRefusal(response.status, text);
  Deno.exit(1);
}
const titles = titlesFrom(text);
say(bold(`The titles in the XML (${titles.length}):`));
for (const found of titles) {
  say(`  ${found.title}${found.year ? ` (${found.year})` : ""}`);
  if (found.synopsis) say(`    ${found.synopsis}`);
  if (found.cast) say(`    Cast: ${found.cast.join(", ")}`);
}

function liveCredentials(base: string): Credentials {
  const env = liveSettings(base, [
    "OAUTH_CONSUMER_KEY",
    "OAUTH_CONSUMER_SECRET",
    "OAUTH_TOKEN",
    "OAUTH_TOKEN_SECRET",
  ], "examples/title.ts");
  const consumerKey = env.OAUTH_CONSUMER_KEY;
  const consumerSecret = env.OAUTH_CONSUMER_SECRET;
  if (!consumerKey || consumerSecret === undefined) {
    console.error(
      "Cannot call a live provider: OAUTH_CONSUMER_KEY and OAUTH_CONSUMER_SECRET must be set",
    );
    Deno.exit(2);
  }
  return {
    consumerKey,
    consumerSecret,
    token: env.OAUTH_TOKEN || undefined,
    tokenSecret: env.OAUTH_TOKEN_SECRET ?? "",
  };
}

function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}
