/**
 * The tutorial's signed request, step by step: a catalog title search
 * (`term`, `expand`, `max_results=1`) signed with HMAC-SHA1, the signature
 * placed in the query as the tutorial did.
 *
 *     deno run examples/title.ts [--term fargo] [--reveal-secrets]
 *
 * The credentials are the demo credentials of the embedded catalog provider,
 * so nothing here is a real secret; they are masked all the same unless you
 * pass --reveal-secrets, as a habit worth keeping.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  baseStringUri,
  collectParameters,
  formatTrace,
  hmacSha1,
  normalizeParameters,
  signatureBaseString,
  signRequest,
} from "../mod.ts";

/** The demo client of the embedded catalog provider. */
export const DEMO_CREDENTIALS = {
  consumerKey: "demo-consumer-key",
  consumerSecret: "demo-consumer-secret",
} as const;
/** Where the catalog lives when no other URL is given. */
export const CATALOG_BASE = "http://catalog.example";

const HELP = `Usage: deno run examples/title.ts [options]

Signs the tutorial's catalog title search in four steps and prints each one.

Options:
  --term <text>       the title to search for (default: "fargo")
  --reveal-secrets    show the demo secrets instead of their fingerprints
  --help              show this help`;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    term: { type: "string", default: "fargo" },
    "reveal-secrets": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  Deno.exit(0);
}

const reveal = values["reveal-secrets"];
const color = Deno.stdout.isTerminal() && !Deno.noColor;
const bold = (text: string) => color ? `\x1b[1m${text}\x1b[0m` : text;
const say = (text: string) => console.log(text);

const url = new URL("/catalog/titles", CATALOG_BASE);
url.searchParams.set("term", values.term);
url.searchParams.set("expand", "synopsis,cast,formats,@episodes,@seasons");
url.searchParams.set("max_results", "1");

// The values every request carries; signRequest() would draw them itself.
const nonce = crypto.getRandomValues(new Uint8Array(16)).toHex();
const timestamp = Math.floor(Date.now() / 1000);
const oauth: [string, string][] = [
  ["oauth_consumer_key", DEMO_CREDENTIALS.consumerKey],
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

const parameters = collectParameters({ url, oauth });
const step2 = normalizeParameters(parameters);
say(bold("Step 2: the parameters (RFC 5849 §3.4.1.3)"));
say("Gather the query's parameters and the oauth_ ones, percent-encode each");
say("name and value, sort them, and join them with & and =:");
for (const [name, value, source] of parameters) {
  say(`  ${source.padEnd(5)}  ${name} = ${value}`);
}
say(`  → ${step2}\n`);

const step3 = signatureBaseString("GET", step1.uri, step2);
say(bold("Step 3: the base string (RFC 5849 §3.4.1.1)"));
say("Join the method, the encoded base URL and the encoded parameters with &:");
say(`  ${step3}\n`);

const { signature } = await hmacSha1.sign(step3, DEMO_CREDENTIALS);
say(bold("Step 4: the signature (RFC 5849 §3.4.2)"));
say("HMAC-SHA1 over the base string, keyed with the encoded consumer secret,");
say('"&", and the encoded token secret (none here), then base64:');
say(`  oauth_signature = ${signature}\n`);

// The same request through signRequest(), which does all four steps and
// keeps a trace of them. Its signature must be the one computed above.
const signed = await signRequest(
  { method: "GET", url },
  DEMO_CREDENTIALS,
  { nonce, timestamp, placement: "query", revealSecrets: reveal },
);
if (signed.signature !== signature) {
  throw new Error("The step-by-step signature differs from signRequest()'s");
}
say(bold("The signed URL (the signature in the query, as the tutorial did):"));
say(`  ${signed.url}\n`);
say(bold("The whole trace, as signRequest() reports it:"));
say(formatTrace(signed.trace, { color }));
