// The examples run as a newcomer runs them: `deno run examples/….ts`, no
// permission flags, their output read back. With --url they call a provider
// served on 127.0.0.1, port 0.
import assert from "node:assert/strict";
import {
  createCatalogProvider,
  DEMO_CREDENTIALS,
} from "../../examples/catalog_provider.ts";
import { createLtiTool } from "../../examples/lti_launch.ts";
import { runPython } from "../support/oracle.ts";
import { serveLoopback } from "../support/support.ts";
import { OAUTHLIB, testWith } from "../support/tools.ts";

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

Deno.test("examples/title.ts narrates four steps, then prints the titles from the provider's XML", async () => {
  const { code, stdout, stderr } = await run(["examples/title.ts"]);
  assert.equal(code, 0, stderr);
  const order = [
    "Step 1: the base string URI (RFC 5849 §3.4.1.2)",
    "Step 2: the parameters",
    "Step 3: the signature base string",
    "Step 4: the signature",
    "The signed URL",
    "The request goes to the embedded catalog provider, in-process (no network):",
    "HTTP 200 application/xml",
    "The titles in the XML (1):",
    "Fargo (1996)",
    "Cast: Frances McDormand, William H. Macy, Steve Buscemi",
  ];
  let at = 0;
  for (const line of order) {
    const found = stdout.indexOf(line, at);
    assert.ok(found >= at, `missing or out of order: ${line}`);
    at = found;
  }
  assert.ok(!stdout.includes(DEMO_CREDENTIALS.consumerSecret));
  // Each step is told once, under one name (issue 11: it was told twice,
  // step 1 first as "the base URL", then as "the base string URI").
  for (const step of ["Step 1:", "Step 2:", "Step 3:", "Step 4:"]) {
    assert.equal(stdout.split(step).length - 1, 1, step);
  }
  assert.ok(!stdout.includes("the base URL ("));
});

Deno.test("examples/title.ts lists the parameters of Step 2 in their sorted order, encoded", async () => {
  const { code, stdout, stderr } = await run(["examples/title.ts"]);
  assert.equal(code, 0, stderr);
  const step2 = stdout.slice(
    stdout.indexOf("Step 2:"),
    stdout.indexOf("Step 3:"),
  );
  const listed = [
    ...step2.matchAll(/^ {2}( \d|\d\d) (query|oauth) +(\S+) /gm),
  ]
    .map((m) => [Number(m[1]), m[3], m[2]]);
  assert.deepEqual(listed, [
    [1, "expand", "query"],
    [2, "max_results", "query"],
    [3, "oauth_consumer_key", "oauth"],
    [4, "oauth_nonce", "oauth"],
    [5, "oauth_signature_method", "oauth"],
    [6, "oauth_timestamp", "oauth"],
    [7, "oauth_version", "oauth"],
    [8, "term", "query"],
  ]);
  // The value as given, then its encoded form below it.
  assert.match(
    step2,
    /^ {3}1 query {3}expand {18}synopsis,cast,formats,@episodes,@seasons\n {35}→ synopsis%2Ccast%2Cformats%2C%40episodes%2C%40seasons$/m,
  );
});

for (const script of ["examples/title.ts", "examples/autocomplete.ts"]) {
  Deno.test(`${script} answers an unknown option with the usage on stderr and status 2`, async () => {
    const { code, stdout, stderr } = await run([script, "--bogus"]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.ok(
      stderr.startsWith(
        `Unknown option '--bogus'\n\nUsage: deno run ${script}`,
      ),
      stderr,
    );
    assert.doesNotMatch(stderr, /Uncaught| {4}at /);
  });
}

Deno.test("examples/title.ts --term searches another title", async () => {
  const { code, stdout } = await run(["examples/title.ts", "--term", "metro"]);
  assert.equal(code, 0);
  assert.match(stdout, /^ {2}Metropolis \(1927\)$/m);
});

Deno.test("examples/autocomplete.ts prints the completed titles without a signature", async () => {
  const { code, stdout, stderr } = await run(["examples/autocomplete.ts"]);
  assert.equal(code, 0, stderr);
  assert.match(
    stdout,
    /GET http:\/\/catalog\.example\/catalog\/titles\/autocomplete\?term=ar&oauth_consumer_key=demo-consumer-key\n/,
  );
  assert.doesNotMatch(stdout, /oauth_signature/);
  assert.match(
    stdout,
    /The titles in the XML \(3\):\n {2}Fargo\n {2}Raising Arizona\n {2}Rear Window\n/,
  );
});

Deno.test("examples/title.ts --url without permissions says which flags to add", async () => {
  const { code, stdout, stderr } = await run([
    "examples/title.ts",
    "--url",
    "http://127.0.0.1:9/",
  ]);
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(
    stderr,
    /deno run --allow-net=127\.0\.0\.1:9 --allow-env=OAUTH_CONSUMER_KEY,OAUTH_CONSUMER_SECRET,OAUTH_TOKEN,OAUTH_TOKEN_SECRET examples\/title\.ts --url/,
  );
});

Deno.test("examples call a live provider with --url and the credentials from the environment", async () => {
  const provider = createCatalogProvider();
  provider.store.consumers.set("live-key", { secret: "live-secret" });
  provider.store.tokens.set("live-token", {
    secret: "live-token-secret",
    consumerKey: "live-key",
  });
  const server = serveLoopback(provider.handler);
  try {
    const host = new URL(server.url).host;
    const flags = [
      `--allow-net=${host}`,
      "--allow-env=OAUTH_CONSUMER_KEY,OAUTH_CONSUMER_SECRET,OAUTH_TOKEN,OAUTH_TOKEN_SECRET",
    ];
    const env = {
      OAUTH_CONSUMER_KEY: "live-key",
      OAUTH_CONSUMER_SECRET: "live-secret",
      OAUTH_TOKEN: "live-token",
      OAUTH_TOKEN_SECRET: "live-token-secret",
    };
    const title = await run(
      [...flags, "examples/title.ts", "--url", server.url, "--term", "casa"],
      env,
    );
    assert.equal(title.code, 0, title.stderr);
    assert.match(
      title.stdout,
      new RegExp(`The request goes to ${server.url}:`),
    );
    assert.match(title.stdout, /oauth_token=live-token/);
    assert.match(title.stdout, /^ {2}Casablanca \(1942\)$/m);
    for (const secret of ["live-secret", "live-token-secret"]) {
      assert.ok(!title.stdout.includes(secret));
    }

    const refused = await run(
      [...flags, "examples/title.ts", "--url", server.url],
      { ...env, OAUTH_CONSUMER_SECRET: "wrong" },
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /The provider refused: signature_invalid/);

    const complete = await run([
      `--allow-net=${host}`,
      "--allow-env=OAUTH_CONSUMER_KEY",
      "examples/autocomplete.ts",
      "--url",
      server.url,
      "--term",
      "gen",
    ], env);
    assert.equal(complete.code, 0, complete.stderr);
    assert.match(complete.stdout, /\(1\):\n {2}The General\n/);
  } finally {
    await server.close();
  }
});

Deno.test("examples/lti_launch.ts verifies a recorded LTI launch, answers its parameters, and refuses it altered", async () => {
  const { code, stdout, stderr } = await run(["examples/lti_launch.ts"]);
  assert.equal(code, 0, stderr);
  assert.match(
    stdout,
    /HTTP 200\n\{\n {2}"consumerKey": "5b6ee40cc9fcdaede550654a93307dcd"/,
  );
  assert.match(stdout, /"lis_person_name_full": "Dong Miller"/);
  assert.match(stdout, /HTTP 401 oauth_problem=signature_invalid/);
});

testWith(
  OAUTHLIB,
  "examples/lti_launch.ts accepts launch forms oauthlib signs, and names the LTI rule a launch breaks",
  async () => {
    const forms = [
      "lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=r%201&user_id=u~1&roles=Instructor%2CLearner",
      "lti_version=LTI-1p0&resource_link_id=r1",
    ];
    const signed = await runPython(
      `
import json, sys
from oauthlib.oauth1 import Client, SIGNATURE_TYPE_BODY
out = []
for body in json.load(sys.stdin):
    client = Client("tool-key", client_secret="tool-secret",
                    signature_type=SIGNATURE_TYPE_BODY, callback_uri="about:blank")
    uri, headers, signed = client.sign(
        "https://tool.example/launch", http_method="POST", body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    out.append(signed)
json.dump(out, sys.stdout)
`,
      forms,
    ) as string[];
    const tool = createLtiTool({ consumers: { "tool-key": "tool-secret" } });
    const post = (body: string) =>
      tool(
        new Request("https://tool.example/launch", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body,
        }),
      );
    const ok = await post(signed[0]!);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {
      consumerKey: "tool-key",
      launch: {
        lti_message_type: "basic-lti-launch-request",
        lti_version: "LTI-1p0",
        resource_link_id: "r 1",
        user_id: "u~1",
        roles: "Instructor,Learner",
      },
    });
    const replay = await post(signed[0]!);
    assert.equal(replay.status, 401);
    const broken = await post(signed[1]!);
    assert.equal(broken.status, 400);
    assert.deepEqual(await broken.json(), {
      errors: [
        "lti_message_type is not sent: LTI 1.1 requires it on every request: Send lti_message_type=…, signed",
      ],
    });
  },
);
