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
  type Credentials,
  formatTrace,
  narrateTrace,
  signRequest,
} from "../mod.ts";
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
// and keeps a trace of the values each returned. narrateTrace() tells each
// step in plain words, from the request's own values (the playground shows
// the same sentences); then the step is shown as the trace holds it.
const signed = await signRequest(
  { method: "GET", url },
  credentials,
  { placement: "query", revealSecrets: reveal },
);
const narration = narrateTrace(signed.trace);
signed.trace.forEach((step, i) => {
  const [heading = "", ...rest] = formatTrace([step], { color, width })
    .trimEnd().split("\n");
  const text = narration[i]?.text ?? "";
  say(heading);
  for (
    const line of wrap(
      step.step === "input"
        ? `The tutorial's title search: ${text[0]?.toLowerCase()}${
          text.slice(1)
        }`
        : text,
      width,
      "",
    )
  ) say(line);
  say(`${rest.join("\n")}\n`);
});

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
