/**
 * The tutorial's non-authenticated request: the catalog's title
 * autocomplete, which names the client with `oauth_consumer_key` in the
 * query and carries no signature. The titles are read from the XML that
 * comes back.
 *
 *     deno run examples/autocomplete.ts [--term ar]
 *
 * By default the request goes to the embedded catalog provider
 * (`examples/catalog_provider.ts`), in-process: no network, no permission.
 * With `--url <base>` it goes to a live provider, with the consumer key in
 * OAUTH_CONSUMER_KEY.
 *
 * @module
 */

import { keyOnlyRequest } from "../mod.ts";
import {
  explainRefusal,
  liveSettings,
  parseCommandLine,
  send,
  titlesFrom,
} from "./_client.ts";
import { CATALOG_BASE, DEMO_CREDENTIALS } from "./catalog_provider.ts";

const HELP = `Usage: deno run examples/autocomplete.ts [options]

Asks the catalog to complete a title, with only the consumer key: the
tutorial's non-authenticated request.

Options:
  --term <text>   the beginning of a title (default: "ar")
  --url <base>    call a live provider at <base> instead of the embedded one,
                  with the consumer key in OAUTH_CONSUMER_KEY
                  (run with --allow-net and --allow-env)
  --help          show this help`;

const { values } = parseCommandLine({
  args: Deno.args,
  options: {
    term: { type: "string", default: "ar" },
    url: { type: "string" },
    help: { type: "boolean", default: false },
  },
}, HELP);
if (values.help) {
  console.log(HELP);
  Deno.exit(0);
}

const live = values.url !== undefined;
let consumerKey: string = DEMO_CREDENTIALS.consumerKey;
if (live) {
  const env = liveSettings(
    values.url!,
    ["OAUTH_CONSUMER_KEY"],
    "examples/autocomplete.ts",
  );
  if (!env.OAUTH_CONSUMER_KEY) {
    console.error(
      "Cannot call a live provider: OAUTH_CONSUMER_KEY must be set",
    );
    Deno.exit(2);
  }
  consumerKey = env.OAUTH_CONSUMER_KEY;
}
const base = values.url ?? CATALOG_BASE;
const url = new URL(
  "catalog/titles/autocomplete",
  base.endsWith("/") ? base : `${base}/`,
);
url.searchParams.set("term", values.term);

console.log(`Completing "${values.term}" from the catalog.\n`);
console.log("This request is not signed: it only names the client, with the");
console.log("consumer key in the query. The server counts calls per client.");
const request = keyOnlyRequest(url, consumerKey);
console.log(`  GET ${request.url}\n`);

console.log(
  live
    ? `The request goes to ${url.origin}:`
    : "The request goes to the embedded catalog provider, in-process (no network):",
);
const response = await send(request.toRequest(), live);
const text = await response.text();
console.log(
  `  HTTP ${response.status} ${response.headers.get("content-type") ?? ""}\n`,
);
if (!response.ok) {
  explainRefusal(response.status, text);
  Deno.exit(1);
}
const titles = titlesFrom(text);
console.log(`The titles in the XML (${titles.length}):`);
for (const found of titles) console.log(`  ${found.title}`);
