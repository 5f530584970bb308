// `deno task serve` as a newcomer meets it (issue 11): it prints the demo
// credentials, its base URL, whether development mode is on, and a ready
// `deno task cli sign` line; that line, run as printed, prints a curl command
// that the provider answers with the title. The task's own command line is
// read from deno.json and spawned, so the test stops the very server it ran.
import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { DEMO_CREDENTIALS } from "../../examples/catalog_provider.ts";
import { importCurl } from "../../client/import.ts";
import { shell } from "../support/support.ts";
import { CURL, testWith } from "../support/tools.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

interface Served {
  /** What the task printed, up to its last line. */
  text: string;
  close(): Promise<void>;
}

async function serve(...args: string[]): Promise<Served> {
  const [deno, ...task] = denoJson.tasks.serve.split(" ");
  assert.equal(deno, "deno");
  const child = new Deno.Command(Deno.execPath(), {
    args: [...task, "--port", "0", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  let text = "";
  while (!text.includes("oauth_consumer_key=")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  return {
    text,
    async close() {
      child.kill("SIGTERM");
      await reader.cancel();
      await child.status;
    },
  };
}

/** The sign line the provider printed, run as printed: its curl command. */
async function printedCurl(text: string): Promise<string> {
  const sign = /^ {2}(OAUTH_CONSUMER_KEY=.* deno task cli sign .*)$/m.exec(
    text,
  )?.[1];
  assert.ok(sign, text);
  const signed = await shell(sign);
  assert.equal(signed.code, 0, signed.stderr);
  const curl = /^curl: +(curl .*)$/m.exec(signed.stdout)?.[1];
  assert.ok(curl, signed.stdout);
  return curl;
}

Deno.test("deno task serve prints its base URL, development mode, the demo credentials and a ready sign line", async () => {
  const served = await serve();
  try {
    const base = /^Catalog provider on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(
      served.text,
    )?.[1];
    assert.ok(base, served.text);
    assert.match(served.text, /^ {2}development mode off/m);
    assert.match(
      served.text,
      new RegExp(`^ {2}consumer key +${DEMO_CREDENTIALS.consumerKey}$`, "m"),
    );
    assert.match(
      served.text,
      new RegExp(
        `^ {2}consumer secret +${DEMO_CREDENTIALS.consumerSecret}$`,
        "m",
      ),
    );
    // The curl command the sign line prints, sent with fetch as it says.
    const curl = importCurl(await printedCurl(served.text));
    assert.ok(curl.url.startsWith(`${base}/catalog/titles?`));
    const response = await fetch(curl.url, {
      method: curl.method,
      headers: curl.headers.map(([n, v]): [string, string] => [n, v]),
    });
    const xml = await response.text();
    assert.equal(response.status, 200, xml);
    assert.match(xml, /<title [^>]*regular="Fargo"/);
  } finally {
    await served.close();
  }
});

Deno.test("deno task serve --development says development mode is on", async () => {
  const served = await serve("--development");
  try {
    assert.match(served.text, /^ {2}development mode on: /m);
  } finally {
    await served.close();
  }
});

testWith(
  CURL,
  "the curl command from the sign line deno task serve prints gets the title from it, run by curl",
  async () => {
    const served = await serve();
    try {
      const run = await shell(`${await printedCurl(served.text)} --silent`);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /<title [^>]*regular="Fargo"/);
    } finally {
      await served.close();
    }
  },
);
