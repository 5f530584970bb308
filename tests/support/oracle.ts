// The reference implementation's answers, recorded. Each call of oracle()
// names a recording, tests/testdata/oracle/<name>.json, that holds the Python
// program, its input and the output python3-oauthlib gave, with the oauthlib
// and Python versions that gave it. The default suite reads the recording, so
// it needs only Deno; oracle_test.ts re-runs oauthlib on every recording where
// oauthlib is installed (and under CI=true); `deno task record` rewrites them.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

const DIRECTORY = new URL("../testdata/oracle/", import.meta.url);
const TESTS = new URL("../", import.meta.url);
const RECORD = Deno.env.get("ORACLE_RECORD") === "1";

/** A Python program: its source text, or the URL of a file under tests/. */
export type Program = string | URL;

/** One recorded question to oauthlib and its answer. */
export interface Recording {
  /** The recording's name, its file name without `.json`. */
  name: string;
  /** The versions that gave the output, such as `{ oauthlib: "3.2.2", python: "3.11.2" }`. */
  oracle: { oauthlib: string; python: string };
  /** The program's source, or the path of its file under tests/. */
  program: string;
  /** The SHA-256 (hex) of the program's source. */
  sha256: string;
  /** What the program read as JSON on stdin. */
  input: unknown;
  /** What it printed, parsed as JSON. */
  output: unknown;
}

async function source(
  program: Program,
): Promise<{ label: string; text: string }> {
  if (typeof program === "string") return { label: program, text: program };
  assert.ok(program.href.startsWith(TESTS.href), `${program} is not in tests/`);
  return {
    label: program.href.slice(TESTS.href.length),
    text: await Deno.readTextFile(program),
  };
}

/**
 * Runs a Python program with `/usr/bin/python3` (the interpreter that has
 * python3-oauthlib), feeding `input` as JSON on stdin and parsing the JSON it
 * prints. String hashing is seeded, so the same input gives the same output.
 */
export async function runPython(
  program: Program,
  input: unknown,
): Promise<unknown> {
  const { text } = await source(program);
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", text],
    // Sets print in one order (oauthlib's errors name sets of characters).
    env: { PYTHONHASHSEED: "0" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  try {
    await writer.write(new TextEncoder().encode(JSON.stringify(input)));
    await writer.close();
  } catch (error) {
    // A program that stops early is reported by its exit code and stderr.
    if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
  }
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) {
    throw new Error(
      `python3 exited with ${code}: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}

let versions: Promise<Recording["oracle"]> | undefined;

/** The versions of oauthlib and Python that `/usr/bin/python3` runs. */
export function oracleVersions(): Promise<Recording["oracle"]> {
  versions ??= runPython(
    `import json, sys, oauthlib
json.load(sys.stdin)
print(json.dumps({"oauthlib": oauthlib.__version__, "python": sys.version.split()[0]}))`,
    null,
  ) as Promise<Recording["oracle"]>;
  return versions;
}

function fileOf(name: string): URL {
  assert.match(name, /^[a-z0-9_.-]+$/, `bad recording name "${name}"`);
  return new URL(`${name}.json`, DIRECTORY);
}

/** Every recording in tests/testdata/oracle/, by name. */
export async function recordings(): Promise<Recording[]> {
  const all: Recording[] = [];
  for await (const entry of Deno.readDir(DIRECTORY)) {
    if (!entry.name.endsWith(".json")) continue;
    all.push(
      JSON.parse(await Deno.readTextFile(new URL(entry.name, DIRECTORY))),
    );
  }
  return all.sort((a, b) => a.name < b.name ? -1 : 1);
}

/** The program a recording names, ready for {@linkcode runPython}. */
export function programOf(recording: Recording): Program {
  return /^[\w/]+\.py$/.test(recording.program)
    ? new URL(recording.program, TESTS)
    : recording.program;
}

/**
 * oauthlib's answer to `input`, from the recording `name`. Under
 * ORACLE_RECORD=1 (`deno task record`) it runs the program and writes the
 * recording instead. A recording made for another program or input fails.
 *
 * @param name The recording's name, such as "percent_encode.escape".
 * @param program The Python program that asks oauthlib.
 * @param input What the program reads as JSON on stdin.
 * @returns What the program printed, parsed as JSON.
 */
export async function oracle(
  name: string,
  program: Program,
  input: unknown,
): Promise<unknown> {
  const file = fileOf(name);
  const { label, text } = await source(program);
  const sha256 = createHash("sha256").update(text).digest("hex");
  // Compared as stored: through JSON, as the program reads it.
  const asked = JSON.parse(JSON.stringify(input));
  if (RECORD) {
    const recording: Recording = {
      name,
      oracle: await oracleVersions(),
      program: label,
      sha256,
      input: asked,
      output: await runPython(program, asked),
    };
    await Deno.writeTextFile(file, JSON.stringify(recording, null, 2) + "\n");
    return recording.output;
  }
  const again = "re-record with `deno task record` (needs python3-oauthlib)";
  let recording: Recording;
  try {
    recording = JSON.parse(await Deno.readTextFile(file));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new Error(`No oracle recording "${name}": ${again}`);
  }
  if (recording.program !== label || recording.sha256 !== sha256) {
    throw new Error(
      `The oracle recording "${name}" was made by another program: ${again}`,
    );
  }
  const difference = firstDifference(asked, recording.input, "input");
  if (difference !== undefined) {
    throw new Error(
      `The oracle recording "${name}" was made for another input (first difference at ${difference}): ${again}`,
    );
  }
  return recording.output;
}

/** Where two JSON values first differ, as a path; `undefined` when equal. */
function firstDifference(
  a: unknown,
  b: unknown,
  path: string,
): string | undefined {
  if (
    typeof a !== "object" || a === null || typeof b !== "object" || b === null
  ) {
    return a === b ? undefined : path;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const found = firstDifference(
      x[key],
      y[key],
      `${path}[${JSON.stringify(key)}]`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}
