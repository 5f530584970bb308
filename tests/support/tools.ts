// Tests that need a tool outside Deno (a live oracle, a browser, a server).
// Where the tool is present they run. Under CI=true they are required: a
// missing tool fails them with the install line. Elsewhere they are reported
// as ignored, with one line naming what to install.

/** A tool some tests need, and how to get it. */
export interface Tool {
  /** What to call it in a message, such as "python3-oauthlib". */
  readonly name: string;
  /** The command that installs it on Debian, as root. */
  readonly install: string;
  /** Whether this machine has it. */
  readonly present: boolean;
}

function runs(command: string, args: string[]): boolean {
  try {
    return new Deno.Command(command, { args, stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false; // not installed
  }
}

/** python3-oauthlib 3.2.2 (with jwt and cryptography, for RSA), the reference. */
export const OAUTHLIB: Tool = {
  name: "python3-oauthlib",
  install: "apt-get install python3-oauthlib python3-jwt python3-cryptography",
  present: runs("/usr/bin/python3", [
    "-c",
    "import oauthlib, jwt, cryptography",
  ]),
};

/** Debian's Chromium, driven by npm:playwright-core. */
export const CHROMIUM: Tool = {
  name: "chromium",
  install: "apt-get install chromium",
  present: runs("/usr/bin/chromium", ["--version"]),
};

/** Debian's Firefox ESR, driven by npm:puppeteer-core over WebDriver BiDi. */
export const FIREFOX: Tool = {
  name: "firefox-esr",
  install: "apt-get install firefox-esr",
  present: runs("/usr/bin/firefox-esr", ["--version"]),
};

/**
 * Debian's WebKitGTK WebDriver, which starts its MiniBrowser, under a virtual
 * X server.
 */
export const WEBKIT: Tool = {
  name: "webkit2gtk-driver",
  install: "apt-get install webkit2gtk-driver xvfb",
  present: runs("/usr/bin/WebKitWebDriver", ["--help"]) &&
    runs("xvfb-run", ["--help"]),
};

/** curl, to send the command lines the CLI and the provider print. */
export const CURL: Tool = {
  name: "curl",
  install: "apt-get install curl",
  present: runs("curl", ["--version"]),
};

/** Debian's Redis server, started by the tests on a free loopback port. */
export const REDIS: Tool = {
  name: "redis-server",
  install: "apt-get install redis-server",
  present: runs("redis-server", ["--version"]),
};

const IN_CI = Deno.env.get("CI") === "true";

/**
 * Declares a test that needs `tool`: run where the tool is present, failed
 * under CI=true where it is missing, ignored elsewhere (said once per tool).
 */
export function testWith(
  tool: Tool,
  name: string,
  fn: (t: Deno.TestContext) => void | Promise<void>,
): void {
  const ignore = !tool.present && !IN_CI;
  // Said once per run: each test file runs in its own worker, and the
  // environment is what they share.
  const said = `OAUTH1_STEPS_IGNORED_${tool.name}`;
  if (ignore && Deno.env.get(said) === undefined) {
    Deno.env.set(said, "said");
    console.log(ignoredLine(tool));
  }
  Deno.test({
    name,
    ignore,
    fn(t) {
      if (!tool.present) {
        throw new Error(
          `${tool.name} is required under CI=true and is missing: ${tool.install}`,
        );
      }
      return fn(t);
    },
  });
}

function ignoredLine(tool: Tool): string {
  return `ignored: tests that need ${tool.name}; to run them: ${tool.install}`;
}

// `deno task test` runs this first: the dot reporter shows no output of the
// test files, so the tools missing here are named before the tests run.
if (import.meta.main && !IN_CI) {
  for (const tool of [OAUTHLIB, CHROMIUM, FIREFOX, WEBKIT, CURL, REDIS]) {
    if (!tool.present) console.log(ignoredLine(tool));
  }
}
