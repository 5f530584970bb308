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

import { type Credentials, formatTrace, signRequest } from "../mod.ts";
import { wrap } from "../core/format.ts";
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
const width = Deno.stdout.isTerminal() ? Deno.consoleSize().columns : 80;
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

say(
  bold(`Searching the catalog for "${values.term}", signed with OAuth 1.0a.`),
);
say("");

// signRequest() takes the four steps, each in its own module under steps/,
// and keeps a trace of the values each returned. Each step is told here in
// plain words, then shown as the trace holds it.
const signed = await signRequest(
  { method: "GET", url },
  credentials,
  { placement: "query", revealSecrets: reveal },
);
const NARRATION: Record<string, string> = {
  "input":
    "The tutorial's title search: a GET with three query parameters, signed with HMAC-SHA1.",
  "base-string-uri":
    "Take the URL without its query and fragment, scheme and host in lower case, no default port.",
  "parameters":
    "Gather the query's parameters and the oauth_ ones, percent-encode each name and value (the arrow shows the encoded form where it differs), sort them by encoded name, then by encoded value, and join them with &.",
  "signature-base-string":
    "Join the method, the encoded base string URI and the encoded parameters with &.",
  "signature":
    `HMAC-SHA1 over the base string, keyed with the encoded consumer secret, "&", and the encoded token secret (${
      credentials.tokenSecret ? "masked here" : "none here"
    }), then base64.`,
  "placement":
    "The signed URL: the protocol parameters and the signature in the query, as the tutorial did.",
};
for (const step of signed.trace) {
  const [heading = "", ...rest] = formatTrace([step], { color, width })
    .trimEnd().split("\n");
  say(heading);
  for (const line of wrap(NARRATION[step.step] ?? "", width, "")) say(line);
  say(`${rest.join("\n")}\n`);
}

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
  if (found.synopsis) say(wrap(found.synopsis, width, "    ").join("\n"));
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
