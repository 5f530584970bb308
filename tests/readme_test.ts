// Every command in the README, run as a reader copies it (issue 11): each
// line of each fenced `sh` block is run with sh from the repository's root,
// and must do what the README says of it. A few forms cannot run here; the
// test maps each to its local equivalent and says why (MAPPED, NOT_RUN). The
// README's TypeScript blocks are doc tests (`deno test --doc`); its Node
// example (a `js ignore` block, since it calls a real API) is type-checked
// and run here against the catalog provider on 127.0.0.1.
import assert from "node:assert/strict";
import { createCatalogProvider } from "../examples/catalog_provider.ts";
import { serveLoopback, shell } from "./support/support.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const README = await Deno.readTextFile(`${ROOT}README.md`);
const MOD = new URL("../mod.ts", import.meta.url).href;

/** Forms that cannot run here, rewritten to what they run: [form, local, why]. */
const MAPPED: [RegExp, string, string][] = [
  [
    /^npx -y deno@2\.9\.6 /,
    "deno ",
    "the npm package of Deno 2.9.6 is this Deno; the test runs it directly",
  ],
  [
    /jsr:@oauth1\/steps\/cli/,
    "cli/main.ts",
    "JSR is out of reach here: the published cli/main.ts is this working tree's",
  ],
];

/** Commands not run as such: [command, why, the check that stands for it]. */
const NOT_RUN: [RegExp, string][] = [
  [/^deno task test$/, "it is the command that runs this test"],
  [
    /^(deno add jsr:|npx jsr add |bunx jsr add )@oauth1\/steps$/,
    "JSR is out of reach here: the README's import line runs instead in a project whose import map points @oauth1/steps at this working tree",
  ],
];

/** Commands that serve until stopped: started, asked for their page, stopped. */
const SERVES: RegExp[] = [/^deno task playground(?: --port \d+)?$/];

/** The command lines of the README's `sh` blocks, comments left out. */
function shellCommands(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((m) => m[1]!.replace(/\\\n\s*/g, "").split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** The fenced blocks of a language, such as `ts` or `js ignore`. */
function blocks(markdown: string, info: string): string[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)]
    .filter((m) => m[1] === info).map((m) => m[2]!);
}

/** What a command must do: its exit code and a line of its output. */
function expected(command: string): [number, RegExp] {
  if (/ explain --profile netsuite /.test(command)) {
    return [1, /query left out of the signature \[query-omitted\]/];
  }
  if (/ explain /.test(command)) {
    return [1, /query values encoded twice \[query-double-encoded\]/];
  }
  if (/ --help$/.test(command)) return [0, /^Usage:/m];
  if (/examples\/title\.ts$/.test(command)) return [0, /^ {2}Fargo \(1996\)$/m];
  return [0, /./];
}

const commands = shellCommands(README);

Deno.test("the README's sh blocks hold the commands of its first screen", () => {
  for (
    const command of [
      "deno run examples/title.ts",
      "deno task test",
      "npx -y deno@2.9.6 run examples/title.ts",
      "npx -y deno@2.9.6 task test",
      "deno add jsr:@oauth1/steps",
      "npx jsr add @oauth1/steps",
      "bunx jsr add @oauth1/steps",
      "deno run -R -E jsr:@oauth1/steps/cli --help",
    ]
  ) assert.ok(commands.includes(command), command);
  assert.ok(!README.includes("OAuth …"), "a command with an ellipsis");
});

for (const command of commands) {
  const local = MAPPED.reduce(
    (line, [form, replacement]) => line.replace(form, replacement),
    command,
  );
  // Checked on the mapped form too: `npx -y deno@2.9.6 task test` is
  // `deno task test`, which would run this test again, and again.
  if (NOT_RUN.some(([form]) => form.test(command) || form.test(local))) {
    continue;
  }
  const short = (text: string) =>
    text.length > 60 ? `${text.slice(0, 59)}…` : text;
  const mapped = local === command ? "" : ` (run as ${short(local)})`;
  if (SERVES.some((form) => form.test(command))) {
    Deno.test(`the README's command serves as printed: ${command}`, async () => {
      const { url, body, stop } = await served(local);
      try {
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//);
        assert.match(body, /<title>[^<]*OAuth/);
      } finally {
        await stop();
      }
    });
    continue;
  }
  Deno.test(`the README's command runs as printed: ${short(command)}${mapped}`, async () => {
    const run = await shell(local);
    const [code, pattern] = expected(command);
    assert.equal(run.code, code, `${local}\n${run.stdout}${run.stderr}`);
    assert.match(run.stdout, pattern);
  });
}

Deno.test("the README's install lines stand for its import line, which runs where @oauth1/steps names this package", async () => {
  assert.equal(
    commands.filter((c) => NOT_RUN[1]![0].test(c)).length,
    3,
    "deno add, npx jsr add and bunx jsr add",
  );
  const [line] = blocks(README, "ts").filter((b) =>
    /^import \{ \w+ \} from "@oauth1\/steps";\n$/.test(b)
  );
  assert.ok(line, "an import line");
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/deno.json`,
      JSON.stringify({ imports: { "@oauth1/steps": MOD } }),
    );
    const name = /\{ (\w+) \}/.exec(line)![1]!;
    await Deno.writeTextFile(
      `${dir}/main.ts`,
      `${line}console.log(typeof ${name});\n`,
    );
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", `${dir}/main.ts`],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(
      new TextDecoder().decode(run.stdout).trim(),
      "function",
      new TextDecoder().decode(run.stderr),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the README's Node example type-checks and signs a request the catalog provider accepts", async () => {
  const [example = ""] = blocks(README, "js ignore");
  assert.ok(example.includes("createOAuthFetch"), "the Node example");
  const provider = createCatalogProvider();
  const server = serveLoopback(provider.handler);
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/example.ts`;
    const source = example.replace('from "@oauth1/steps"', `from "${MOD}"`)
      .replace(
        /"https:\/\/api\.example\.com\/[^"]*"/,
        `"${server.url}/catalog/titles?term=fargo"`,
      );
    assert.notEqual(source, example);
    await Deno.writeTextFile(file, source);
    const check = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--config", `${ROOT}deno.json`, file],
      stderr: "piped",
    }).output();
    assert.ok(check.success, new TextDecoder().decode(check.stderr));
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-env", "--allow-net=127.0.0.1", file],
      env: {
        OAUTH_CONSUMER_KEY: "demo-consumer-key",
        OAUTH_CONSUMER_SECRET: "demo-consumer-secret",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(run.stdout);
    assert.ok(run.success, new TextDecoder().decode(run.stderr));
    assert.match(stdout, /^200 /);
    assert.match(stdout, /regular="Fargo"/);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Starts a command that serves (in its own process group, through setsid),
 * waits for the first 127.0.0.1 URL it prints and fetches it.
 */
async function served(
  line: string,
): Promise<{ url: string; body: string; stop: () => Promise<void> }> {
  const child = new Deno.Command("setsid", {
    args: ["sh", "-c", line],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const stop = async () => {
    try {
      Deno.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
  };
  let text = "";
  const deadline = AbortSignal.timeout(60_000);
  try {
    for await (
      const chunk of child.stdout.pipeThrough(new TextDecoderStream())
    ) {
      text += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)?.[0];
      if (url !== undefined) {
        const response = await fetch(url);
        return { url, body: await response.text(), stop };
      }
      if (deadline.aborted) break;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  await stop();
  throw new Error(`${line} printed no 127.0.0.1 URL: ${text}`);
}
