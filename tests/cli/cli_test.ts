// The CLI spawned as a user runs it (Deno.execPath() run cli/main.ts), for each
// exit code; every output is scanned for the secrets, which must not appear
// unless --reveal-secrets was given.
import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { newRsaTestKey, serveLoopback, shell } from "../support/support.ts";
import { header, wrongBaseString, wrongSign } from "../support/wrong_signer.ts";
import { PROFILES } from "../../vendors/profiles.ts";

const CLI = new URL("../../cli/main.ts", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;
// RFC 5849 §1.2's token credentials.
const SECRETS = {
  OAUTH_CONSUMER_KEY: "dpf43f3p2l4k3l03",
  OAUTH_CONSUMER_SECRET: "kd94hf93k423kf44",
  OAUTH_TOKEN: "nnch734d00sl2jdk",
  OAUTH_TOKEN_SECRET: "pfkkdhi9sl3r4s00",
};
const SECRET_VALUES = [
  SECRETS.OAUTH_CONSUMER_SECRET,
  SECRETS.OAUTH_TOKEN_SECRET,
];
const PHOTOS =
  "http://photos.example.net/photos?file=vacation.jpg&size=original";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; task?: boolean } =
    {},
): Promise<Run> {
  const env: Record<string, string> = { NO_COLOR: "1", ...options.env };
  for (const name of ["HOME", "PATH", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  const command = new Deno.Command(Deno.execPath(), {
    args: options.task
      ? ["task", "--quiet", "cli", ...args]
      : ["run", "--allow-read", "--allow-env", CLI, ...args],
    cwd: ROOT,
    env,
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  const result = {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
  // Every output is scanned for the secrets; a help's examples show RFC 5849
  // §1.2's published demo values.
  const reveal = args.includes("--reveal-secrets") || args.includes("--help");
  for (const secret of SECRET_VALUES) {
    if (!reveal) {
      assert.ok(
        !(result.stdout + result.stderr).includes(secret),
        `a secret appeared in the output of ${args.join(" ")}`,
      );
    }
  }
  return result;
}

// RFC 5849 §1.2's protected resource request, without its signature.
const RFC_OAUTH: [string, string][] = [
  ["oauth_consumer_key", SECRETS.OAUTH_CONSUMER_KEY],
  ["oauth_token", SECRETS.OAUTH_TOKEN],
  ["oauth_signature_method", "HMAC-SHA1"],
  ["oauth_timestamp", "137131202"],
  ["oauth_nonce", "chapoH"],
];

/**
 * An Authorization header for a GET of `url`, signed by the independent test
 * signer (with its mistakes, if any) unless a signature is given.
 */
function signedHeader(
  oauth: [string, string][],
  options: {
    url?: string;
    mistakes?: Parameters<typeof wrongSign>[2];
    signature?: string;
  } = {},
): string {
  const { url = PHOTOS, mistakes = {} } = options;
  return header(
    oauth,
    options.signature ?? wrongSign({ method: "GET", url, oauth }, {
      consumerSecret: SECRETS.OAUTH_CONSUMER_SECRET,
      tokenSecret: SECRETS.OAUTH_TOKEN_SECRET,
    }, mistakes),
  );
}

function signedCurl(
  mistakes: Parameters<typeof wrongSign>[2] = {},
  url = PHOTOS,
): string {
  return `curl '${url}' -H 'Authorization: ${
    signedHeader(RFC_OAUTH, { url, mistakes })
  }'`;
}

Deno.test("cli --help prints the usage and the exit codes and exits 0", async () => {
  const run = await cli(["--help"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /Usage:/);
  assert.match(run.stdout, /1 invalid with a named cause/);
});

Deno.test("cli --version prints the version of deno.json, also through deno task cli", async () => {
  assert.equal((await cli(["--version"])).stdout.trim(), denoJson.version);
  const task = await cli(["--version"], { task: true });
  assert.equal(task.code, 0);
  assert.equal(task.stdout.trim(), denoJson.version);
});

Deno.test("cli sign prints the trace, the header, the signed URL and a curl line of RFC 5849 §1.2", async () => {
  const run = await cli(
    [
      "sign",
      "--url",
      PHOTOS,
      "--nonce",
      "chapoH",
      "--timestamp",
      "137131202",
      "--no-version",
    ],
    { env: SECRETS },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Step 4: the signature/);
  // The signature RFC 5849 §1.2 publishes.
  assert.match(
    run.stdout,
    /oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"/,
  );
  assert.match(
    run.stdout,
    /^Signed URL: +http:\/\/photos\.example\.net\/photos\?file=vacation\.jpg&size=original&oauth_consumer_key=/m,
  );
  assert.match(run.stdout, /^curl: +curl /m);
});

Deno.test("cli sign --json reads the secrets from a file and prints the signed request as JSON", async () => {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        consumerKey: SECRETS.OAUTH_CONSUMER_KEY,
        consumerSecret: SECRETS.OAUTH_CONSUMER_SECRET,
        token: SECRETS.OAUTH_TOKEN,
        tokenSecret: SECRETS.OAUTH_TOKEN_SECRET,
      }),
    );
    const run = await cli([
      "sign",
      "--json",
      "--secrets-file",
      file,
      "--url",
      PHOTOS,
      "--nonce",
      "chapoH",
      "--timestamp",
      "137131202",
      "--no-version",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const signed = JSON.parse(run.stdout);
    assert.equal(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    assert.ok(Array.isArray(signed.trace));
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("cli verify accepts the curl line that cli sign printed and exits 0", async () => {
  const signed = await cli(["sign", "--url", PHOTOS], { env: SECRETS });
  const curl = /^curl: +(curl .*)$/m.exec(signed.stdout)![1]!;
  const run = await cli(["verify", curl], { env: SECRETS });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^valid/);
});

Deno.test("cli verify takes secrets from flags and a dotenv file as well", async () => {
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(
      file,
      `OAUTH_CONSUMER_SECRET=${SECRETS.OAUTH_CONSUMER_SECRET}\nexport OAUTH_TOKEN_SECRET="${SECRETS.OAUTH_TOKEN_SECRET}"\n`,
    );
    const fromFile = await cli([
      "verify",
      signedCurl(),
      "--secrets-file",
      file,
    ]);
    assert.equal(fromFile.code, 0, fromFile.stdout + fromFile.stderr);
  } finally {
    await Deno.remove(file);
  }
  const fromFlags = await cli([
    "verify",
    signedCurl(),
    "--consumer-secret",
    SECRETS.OAUTH_CONSUMER_SECRET,
    "--token-secret",
    SECRETS.OAUTH_TOKEN_SECRET,
  ]);
  assert.equal(fromFlags.code, 0, fromFlags.stdout + fromFlags.stderr);
});

Deno.test("cli verify exits 1 and names the cause of a double-encoded query value", async () => {
  const curl = signedCurl(
    { query: "literal" },
    "http://example.com/r?foo=first%2Csecond",
  );
  const run = await cli(["verify", curl], { env: SECRETS });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /cause: query values encoded twice \[query-double-encoded\]/,
  );
  assert.match(run.stdout, /fix: [^]*RFC 5849 §3\.4\.1\.3\.1/);
});

Deno.test("cli verify exits 2 when no known cause explains the signature", async () => {
  const run = await cli(["verify", signedCurl()], {
    env: { ...SECRETS, OAUTH_CONSUMER_SECRET: "not-the-secret" },
  });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stdout, /^invalid/);
});

Deno.test("cli exits 3 on a curl line it cannot parse, naming the offset", async () => {
  const run = await cli(["verify", "curl 'http://example.com"], {
    env: SECRETS,
  });
  assert.equal(run.code, 3);
  assert.match(run.stderr, /unterminated single quote at offset 5/);
});

Deno.test("cli exits 3 when --method is given with a curl line, which carries its own method", async () => {
  const run = await cli(["verify", signedCurl(), "--method", "POST"], {
    env: SECRETS,
  });
  assert.equal(run.code, 3);
  assert.match(run.stderr, /option "method" does not apply to a curl command/);
});

Deno.test("cli exits 3 on a missing secret, an unknown option and an unknown command", async () => {
  const missing = await cli(["verify", signedCurl()]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /consumer secret must be given/);
  assert.equal((await cli(["verify", "--nope"], { env: SECRETS })).code, 3);
  const unknown = await cli(["frobnicate"], { env: SECRETS });
  assert.equal(unknown.code, 3);
  assert.match(
    unknown.stderr,
    /command must be "sign", "verify", "explain" or "profiles"/,
  );
  const near = await cli(["verfy"], { env: SECRETS });
  assert.match(
    near.stderr,
    /current command is "verfy": did you mean "verify"\?/,
  );
});

Deno.test("cli answers an unknown option with the nearest valid one and the command's help, its quotes matched", async () => {
  const run = await cli(["sign", "--consumer-secrt", "x"], { task: true });
  assert.equal(run.code, 3);
  assert.equal(
    run.stderr,
    'Cannot run sign: option "--consumer-secrt" is unknown: did you mean "--consumer-secret"?\n' +
      'Run "deno task cli sign --help" for its options.\n',
  );
  const short = await cli(["-v"]);
  assert.equal(short.code, 3);
  assert.match(short.stderr, /option "-v" is unknown: did you mean "-V"\?/);
  const far = await cli(["--zzzzzzzzzz"]);
  assert.match(far.stderr, /option "--zzzzzzzzzz" is unknown\nRun /);
  const missing = await cli(["sign", "--url"]);
  assert.match(missing.stderr, /option "--url" needs a value/);
});

Deno.test("cli -V and --version print the version; no command prints the usage and exits 3", async () => {
  assert.equal((await cli(["-V"])).stdout.trim(), denoJson.version);
  const bare = await cli([], { task: true });
  assert.equal(bare.code, 3);
  assert.match(
    bare.stderr,
    /^oauth1-steps .*\n\nUsage:\n {2}deno task cli sign --url URL/,
  );
  assert.match(bare.stderr, /Run "deno task cli <command> --help"/);
  assert.equal(bare.stdout, "");
});

Deno.test("cli usage names the program as it was run: deno task cli, or the file run with deno run", async () => {
  assert.match(
    (await cli(["--help"], { task: true })).stdout,
    /^ {2}deno task cli verify /m,
  );
  assert.match(
    (await cli(["--help"])).stdout,
    /^ {2}deno run -R -E cli\/main\.ts verify /m,
  );
});

// What each help example does when run as printed: its exit code, and a
// line its output must hold.
const EXAMPLES: Record<string, [number, RegExp][]> = {
  sign: [
    [0, /oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"/],
    [0, /--data-raw 'status=hello%20world&oauth_consumer_key=/],
    [0, /"signature": "/],
  ],
  verify: [
    [0, /^valid/],
    [0, /^valid/],
    [1, /cause: query values encoded twice \[query-double-encoded\]/],
  ],
  explain: [
    [1, /query values encoded twice \[query-double-encoded\]/],
    [1, /query values encoded twice/],
    [0, /^\d+ knobs, \d+ wrong settings/],
    [0, /valid/],
  ],
};

for (const [command, expected] of Object.entries(EXAMPLES)) {
  Deno.test(`cli ${command} --help shows its own options and examples that run as printed`, async () => {
    const help = await cli([command, "--help"], { task: true });
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^Usage: deno task cli ${command} `));
    const examples = [...help.stdout.matchAll(/^ {2}# .*\n {2}(.*)$/gm)].map((
      m,
    ) => m[1]!);
    assert.equal(examples.length, expected.length, help.stdout);
    for (const [i, example] of examples.entries()) {
      const { code: exit, stdout, stderr } = await shell(example);
      const [code, pattern] = expected[i]!;
      assert.equal(exit, code, `${example}\n${stdout}${stderr}`);
      assert.match(stdout, pattern, example);
    }
  });
}

Deno.test("cli verify reads the request from a pipe when no REQUEST is given", async () => {
  const run = await cli(["verify"], { env: SECRETS, stdin: signedCurl() });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^valid/);
  const empty = await cli(["verify"], { env: SECRETS });
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /REQUEST must be given .*"-" or a pipe/);
});

Deno.test("cli never echoes a private key pasted without its PEM lines, which it reads as a path", async () => {
  const key = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC";
  const run = await cli(
    ["sign", "--url", PHOTOS, "--signature-method", "RSA-SHA1"],
    { env: { ...SECRETS, OAUTH_PRIVATE_KEY: key } },
  );
  assert.equal(run.code, 3);
  assert.match(run.stderr, /Cannot read private key file: .*NotFound/);
  assert.ok(!(run.stdout + run.stderr).includes(key.slice(0, 12)));
});

Deno.test("cli explain reads the request from standard input and shows the server's view with a caret", async () => {
  const url = "http://example.com/r?foo=first%2Csecond";
  const curl = signedCurl({ query: "literal" }, url);
  const run = await cli([
    "explain",
    "-",
    "--response",
    "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2Fexample.com%2Fr&foo%3Dfirst%25252Csecond%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk",
  ], { env: SECRETS, stdin: curl });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /departs at Step 2: the parameters/);
  assert.match(
    run.stdout,
    /foo +encoding-depth +first%2Csecond → first%252Csecond/,
  );
  assert.match(run.stdout, /\n +\^+\n +foo changed\n/);
  assert.match(run.stdout, /consumer secret 16 characters, sha256:/);
  const json = await cli(["explain", curl, "--json"], { env: SECRETS });
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout).causes[0].ids, [
    "query-double-encoded",
  ]);
});

Deno.test("cli explain --client-base-string names the departure of the base string the client logged", async () => {
  const mistakes = { omitQuery: true, keyWithoutAmpersand: true };
  const logged = wrongBaseString({
    method: "GET",
    url: PHOTOS,
    oauth: RFC_OAUTH,
  }, mistakes);
  const run = await cli([
    "explain",
    signedCurl(mistakes),
    "--client-base-string",
    logged,
    "--json",
  ], { env: SECRETS });
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.causes.map((c: { ids: string[] }) => c.ids), [[
    "query-omitted",
    "key-ampersand-missing",
  ]]);
  // No progress on a standard error that is not a terminal.
  assert.equal(run.stderr, "");
});

Deno.test("cli explain --list prints the knob table, and as JSON the causes", async () => {
  const run = await cli(["explain", "--list"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^\d+ knobs, \d+ wrong settings/);
  assert.match(
    run.stdout,
    /\nkey-secrets: which secrets make the key, in which order \(RFC 5849 §3\.4\.2\)\n/,
  );
  assert.match(
    run.stdout,
    /token-secret-missing +token secret left out of the key\n +seen in WP-API\/OAuth1#146/,
  );
  const json = await cli(["explain", "--list", "--json"]);
  const listed = JSON.parse(json.stdout);
  assert.ok(
    listed.some((c: { id: string; whatIf: boolean }) =>
      c.id === "query-in-uri" && c.whatIf
    ),
  );
});

Deno.test("cli shows the secrets only with --reveal-secrets, PLAINTEXT included", async () => {
  for (const method of ["HMAC-SHA1", "PLAINTEXT"]) {
    // PLAINTEXT over https only: a verifier refuses it over http (§3.4.4).
    const url = method === "PLAINTEXT"
      ? PHOTOS.replace("http:", "https:")
      : PHOTOS;
    const args = ["sign", "--url", url, "--signature-method", method];
    const masked = await cli(args, { env: SECRETS });
    assert.equal(masked.code, 0, masked.stderr);
    const shown = await cli([...args, "--reveal-secrets"], { env: SECRETS });
    assert.ok(shown.stdout.includes(SECRETS.OAUTH_CONSUMER_SECRET));
    const curl = /^curl: +(curl .*)$/m.exec(shown.stdout)![1]!;
    const verified = await cli(["explain", curl], { env: SECRETS });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const revealed = await cli(["explain", curl, "--reveal-secrets"], {
      env: SECRETS,
    });
    assert.ok(revealed.stdout.includes(SECRETS.OAUTH_TOKEN_SECRET));
  }
});

// A NetSuite RESTlet POST signed by the independent test signer without its
// query, sent with the realm written as the host writes the account ID.
const RESTLET =
  "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1";
const NETSUITE_OAUTH: [string, string][] = [
  ["oauth_consumer_key", SECRETS.OAUTH_CONSUMER_KEY],
  ["oauth_token", SECRETS.OAUTH_TOKEN],
  ["oauth_signature_method", "HMAC-SHA256"],
  ["oauth_timestamp", "1700000000"],
  ["oauth_nonce", "4f1c0a9e77d2"],
  ["oauth_version", "1.0"],
];

function netsuiteCurl(): string {
  const request = {
    method: "POST",
    url: RESTLET,
    body: '{"id":7}',
    contentType: "application/json",
    oauth: NETSUITE_OAUTH,
  };
  const signature = wrongSign(request, {
    consumerSecret: SECRETS.OAUTH_CONSUMER_SECRET,
    tokenSecret: SECRETS.OAUTH_TOKEN_SECRET,
  }, { omitQuery: true });
  return `curl -X POST '${RESTLET}' -H 'Content-Type: application/json' -H '` +
    `Authorization: ${
      header(NETSUITE_OAUTH, signature, "1234567-sb1")
    }' --data-raw '{"id":7}'`;
}

Deno.test("deno task cli explain --profile netsuite names the query left out of the signature and the realm in the host's form (exit 1)", async () => {
  const run = await cli(
    ["explain", "--profile", "netsuite", netsuiteCurl()],
    { env: SECRETS, task: true },
  );
  const { code } = run;
  const stdout = run.stdout.replace(/\s+/g, " "); // wrapped at 80 columns
  assert.equal(code, 1);
  assert.match(stdout, /query left out of the signature \[query-omitted\]/);
  assert.match(stdout, /sign "script=123", "deploy=1" with the oauth_\*/);
  assert.match(stdout, /realm not in NetSuite's form \[netsuite\/realm\]/);
  assert.match(stdout, /realm is "1234567-sb1": NetSuite wants "1234567_SB1"/);
  const verified = await cli(
    ["verify", "--profile", "netsuite", netsuiteCurl()],
    { env: SECRETS },
  );
  assert.equal(verified.code, 1);
  assert.match(verified.stdout, /cause: realm not in NetSuite's form/);
});

Deno.test("cli sign --profile signs with the vendor's method, realm and placement, and says a JSON body is not signed", async () => {
  const { code, stdout } = await cli([
    "sign",
    "--profile",
    "netsuite",
    "--profile-input",
    "accountId=1234567_SB1",
    "--url",
    RESTLET,
    "--data",
    '{"id":7}',
    "--content-type",
    "application/json",
    "--nonce",
    "n",
    "--timestamp",
    "1700000000",
  ], { env: SECRETS });
  assert.equal(code, 0);
  assert.match(
    stdout,
    /Authorization: OAuth realm="1234567_SB1", .*oauth_signature_method="HMAC-SHA256"/,
  );
  assert.match(
    stdout.replace(/\s+/g, " "),
    /The body is not signed as parameters: its Content-Type is "application\/json"/,
  );
  // Regression (issue 17): the account ID is read from the host, as lint
  // reads it, rather than demanded.
  const fromHost = await cli(
    ["sign", "--profile", "netsuite", "--url", RESTLET],
    { env: SECRETS },
  );
  assert.equal(fromHost.code, 0, fromHost.stderr);
  assert.match(fromHost.stdout, /Authorization: OAuth realm="1234567_SB1", /);
  const missing = await cli(
    ["sign", "--profile", "netsuite", "--url", "https://example.com/r"],
    { env: SECRETS },
  );
  assert.equal(missing.code, 3);
  assert.match(
    missing.stderr,
    /Cannot use profile "netsuite": inputs\.accountId must be given/,
  );
  const typo = await cli(["explain", "--profile", "netsuit", netsuiteCurl()], {
    env: SECRETS,
  });
  assert.equal(typo.code, 3);
  assert.match(typo.stderr, /did you mean "netsuite"\?/);
});

Deno.test("cli profiles lists every profile, and one profile's rules and quirks", async () => {
  const list = await cli(["profiles"]);
  assert.equal(list.code, 0);
  assert.equal(
    list.stdout.trim().split("\n").length,
    Object.keys(PROFILES).length,
  );
  assert.match(list.stdout, /^mastercard +RSA-SHA256 in the header: /m);
  const one = await cli(["profiles", "schoology"]);
  assert.equal(one.code, 0);
  assert.match(one.stdout, /token +oauth_token="" when there is no token/);
  assert.match(one.stdout, /docs +https:\/\/developers\.schoology\.com\//);
});

Deno.test("cli verify --check-clock names a stale timestamp as the cause (exit 1), though the signature is right", async () => {
  const oauth: [string, string][] = [
    ["oauth_consumer_key", SECRETS.OAUTH_CONSUMER_KEY],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "1318622958"],
    ["oauth_nonce", "kllo9940pd9333jh"],
  ];
  const signature = wrongSign({ method: "GET", url: PHOTOS, oauth }, {
    consumerSecret: SECRETS.OAUTH_CONSUMER_SECRET,
  });
  const { code, stdout } = await cli([
    "verify",
    header(oauth, signature),
    "--url",
    PHOTOS,
    "--check-clock",
  ], { env: { OAUTH_CONSUMER_SECRET: SECRETS.OAUTH_CONSUMER_SECRET } });
  assert.equal(code, 1);
  assert.match(stdout, /the signature is the one a correct signer computes/);
  assert.match(
    stdout,
    /cause: timestamp outside the server's window \[timestamp-stale\]/,
  );
  assert.doesNotMatch(stdout, /No known cause/);
});

Deno.test("cli run from a remote URL, as from JSR, names itself by the JSR form in its usage", async () => {
  // The working tree served on 127.0.0.1 stands in for jsr.io (out of reach).
  const server = serveLoopback(async (request) => {
    const path = new URL(request.url).pathname;
    try {
      return new Response(await Deno.readFile(`${ROOT}${path.slice(1)}`), {
        headers: {
          "content-type": path.endsWith(".json")
            ? "application/json"
            : "application/typescript",
        },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  try {
    const host = new URL(server.url).host;
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        `--allow-import=${host}`,
        "-R",
        "-E",
        `${server.url}/cli/main.ts`,
        "verify",
        "--help",
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.match(
      stdout,
      /^Usage: deno run -R -E jsr:@oauth1\/steps\/cli verify /,
    );
  } finally {
    await server.close();
  }
});

// Requests whose signature is right but which break a protocol rule: the
// verdict of `cli verify` is verifyRequest()'s (RFC 5849 §3.2), and explain()
// names the rule through the same protocol check (exit 1).
Deno.test("cli verify refuses a duplicated protocol parameter with the verifier's problem (exit 1)", async () => {
  const oauth: [string, string][] = [...RFC_OAUTH, ["oauth_nonce", "again"]];
  const run = await cli(["verify", signedHeader(oauth), "--url", PHOTOS], {
    env: SECRETS,
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^invalid/);
  assert.match(
    run.stdout.replace(/\s+/g, " "),
    /refused: parameter_rejected: Cannot verify request: protocol parameter "oauth_nonce" must appear once/,
  );
});

// RFC 5849 §3.4.4: the PLAINTEXT signature is the encoded secrets joined by
// "&", to be sent over a secure channel only.
const PLAINTEXT_OAUTH: [string, string][] = [
  ["oauth_consumer_key", SECRETS.OAUTH_CONSUMER_KEY],
  ["oauth_token", SECRETS.OAUTH_TOKEN],
  ["oauth_signature_method", "PLAINTEXT"],
  ["oauth_timestamp", "137131202"],
  ["oauth_nonce", "7d8f3e4a"],
];
const PLAINTEXT_SIGNATURE =
  `${SECRETS.OAUTH_CONSUMER_SECRET}&${SECRETS.OAUTH_TOKEN_SECRET}`;

Deno.test("cli verify refuses PLAINTEXT over http, which verifyRequest() refuses, and accepts it over https", async () => {
  const request = signedHeader(PLAINTEXT_OAUTH, {
    signature: PLAINTEXT_SIGNATURE,
  });
  const https = await cli(
    ["verify", request, "--url", PHOTOS.replace("http:", "https:")],
    { env: SECRETS },
  );
  assert.equal(https.code, 0, https.stdout + https.stderr);
  assert.equal(https.stderr, "");
  const http = await cli(["verify", request, "--url", PHOTOS], {
    env: SECRETS,
  });
  // The verifier's protocol check, which explain shares, names the rule: the
  // two agree, and the cause is explained (exit 1).
  assert.equal(http.code, 1, http.stdout + http.stderr);
  assert.match(http.stdout, /^invalid: the signature is the one a correct/);
  assert.match(
    http.stdout.replace(/\s+/g, " "),
    /refused: signature_method_rejected: Cannot verify request: PLAINTEXT must be sent over https/,
  );
  assert.equal(http.stderr, "");
  const explained = await cli(["explain", request, "--url", PHOTOS], {
    env: SECRETS,
  });
  assert.equal(explained.code, 1, explained.stdout + explained.stderr);
  assert.match(
    explained.stdout.replace(/\s+/g, " "),
    /error \(parameters\) PLAINTEXT must be sent over https: current request is plain http \(RFC 5849 §3\.4\.4\)/,
  );
});

Deno.test("cli verify refuses a nonce longer than 256 characters, though its signature is right (exit 1)", async () => {
  const oauth = RFC_OAUTH.map(([name, value]): [string, string] =>
    name === "oauth_nonce" ? [name, "n".repeat(257)] : [name, value]
  );
  const run = await cli(["verify", signedHeader(oauth), "--url", PHOTOS], {
    env: SECRETS,
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.stderr, "");
  assert.match(run.stdout, /^invalid: the signature is the one a correct/);
  assert.match(
    run.stdout.replace(/\s+/g, " "),
    /refused: parameter_rejected: Cannot verify request: oauth_nonce must have 1 to 256 characters: current nonce has 257/,
  );
});

Deno.test("cli verify judges an old timestamp on its signature, but refuses one from the future (milliseconds) and names the cause (exit 1)", async () => {
  const ms = RFC_OAUTH.map(([name, value]): [string, string] =>
    name === "oauth_timestamp" ? [name, "1318622958000"] : [name, value]
  );
  const run = await cli(["verify", signedHeader(ms), "--url", PHOTOS], {
    env: SECRETS,
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(
    run.stdout.replace(/\s+/g, " "),
    /refused: timestamp_refused: Cannot verify request: oauth_timestamp must be within 300 seconds/,
  );
  assert.match(run.stdout, /cause: timestamp in milliseconds/);
  assert.equal(run.stderr, "");
  // RFC 5849 §1.2's timestamp, 137131202 (1974), is judged on its signature.
  const old = await cli(["verify", signedHeader(RFC_OAUTH), "--url", PHOTOS], {
    env: SECRETS,
  });
  assert.equal(old.code, 0, old.stdout + old.stderr);
});

Deno.test("cli verify --json carries the verifier's problem beside explain()'s report", async () => {
  const run = await cli(["verify", signedCurl(), "--json"], {
    env: { ...SECRETS, OAUTH_CONSUMER_SECRET: "not-the-secret" },
  });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  const json = JSON.parse(run.stdout);
  assert.equal(json.verdict, "invalid");
  assert.equal(json.problem.code, "signature_invalid");
  assert.equal(json.explanation.signatureMatches, false);
});

Deno.test("cli verify checks an RSA signature with the public half of the private key given", async () => {
  const key = new URL("../testdata/rsa_test_key.pem", import.meta.url)
    .pathname;
  const other = await Deno.makeTempFile({ suffix: ".pem" });
  try {
    await Deno.writeTextFile(other, (await newRsaTestKey()).pem);
    for (const method of ["RSA-SHA1", "RSA-SHA256"]) {
      const signed = await cli(
        ["sign", "--url", PHOTOS, "--signature-method", method],
        { env: { ...SECRETS, OAUTH_PRIVATE_KEY: key } },
      );
      const curl = /^curl: +(curl .*)$/m.exec(signed.stdout)![1]!;
      const same = await cli(["verify", curl, "--private-key", key]);
      assert.equal(same.code, 0, same.stdout + same.stderr);
      const wrong = await cli(["verify", curl, "--private-key", other]);
      assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
      assert.match(wrong.stdout, /refused: signature_invalid: /);
      const none = await cli(["verify", curl]);
      assert.equal(none.code, 3);
      assert.match(none.stderr, /RSA signature needs the private key/);
    }
  } finally {
    await Deno.remove(other);
  }
});

Deno.test("cli verify refuses the server's view, which explain compares, and two clocks at once (exit 3)", async () => {
  const response = await cli(
    ["verify", signedCurl(), "--response", "oauth_problem=nonce_used"],
    { env: SECRETS },
  );
  assert.equal(response.code, 3);
  assert.match(response.stderr, /--response is the server's view/);
  const clocks = await cli([
    "verify",
    signedCurl(),
    "--check-clock",
    "--date",
    "Tue, 15 Nov 1994 08:12:31 GMT",
  ], { env: SECRETS });
  assert.equal(clocks.code, 3);
  assert.match(clocks.stderr, /--check-clock and --date each give/);
});

Deno.test("cli help, sign, verify, explain and profiles never speak of a tutorial", async () => {
  const runs = [
    await cli(["sign", "--url", PHOTOS], { env: SECRETS }),
    await cli(["explain", signedCurl()], { env: SECRETS }),
    await cli(["--help"]),
    ...await Promise.all(
      ["sign", "verify", "explain", "profiles"].map((c) => cli([c, "--help"])),
    ),
    await cli(["verify", signedCurl()], { env: SECRETS }),
    await cli(["profiles"]),
  ];
  for (const run of runs) {
    assert.doesNotMatch(run.stdout + run.stderr, /tutorial/i);
  }
});
