// `deno task runtimes` in Firefox and WebKit: the same checks page Chromium
// opens (runtimes/index.html, served from 127.0.0.1), in Debian's Firefox ESR
// (driven by puppeteer-core over WebDriver BiDi) and in Debian's WebKitGTK
// (its MiniBrowser under xvfb-run, driven over plain WebDriver). WebKitGTK
// stands in for Safari's engine, not for Safari itself.
import { FIREFOX_PATH, launchFirefox } from "../playground/_browser.ts";
import { openWebKit, WEBKIT_DRIVER_PATH } from "../playground/_webkit.ts";

/** One check's result, as runtimes/checks.js gives it. */
export interface BrowserCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

/** What a browser ran: its version, the checks, and what the page said. */
export interface BrowserRun {
  runtime: string;
  version: string;
  checks: BrowserCheck[];
  note: string;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
};

/** Serves the staged checks page and its scripts from `dir` on 127.0.0.1. */
export function serveChecks(dir: string): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const name = new URL(request.url).pathname.slice(1) || "index.html";
      const type = TYPES[name.split(".").pop()!];
      if (!/^[a-z_0-9]+\.(html|js)$/.test(name) || !type) {
        return new Response("not found", { status: 404 });
      }
      return new Response(await Deno.readFile(`${dir}/${name}`), {
        headers: { "content-type": type },
      });
    },
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** Polls `done` every 100 ms until it gives a value or `timeout` ms pass. */
async function until<T>(
  done: () => Promise<T | null>,
  timeout: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await done();
    if (value !== null) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not end within ${timeout / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Firefox ESR opens the checks page served from `dir`. */
export async function firefox(
  dir: string,
  timeout: number,
): Promise<BrowserRun> {
  if (!await isFile(FIREFOX_PATH)) {
    throw new Error(`${FIREFOX_PATH} is missing: apt-get install firefox-esr`);
  }
  const server = serveChecks(dir);
  try {
    const browser = await launchFirefox({ timeout });
    try {
      const page = await browser.browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => void errors.push(String(error)));
      await page.goto(`http://127.0.0.1:${server.addr.port}/`);
      const checks = await until(
        () =>
          page.evaluate(() =>
            (globalThis as { checkResults?: BrowserCheck[] }).checkResults ??
              null
          ),
        timeout,
        `the checks (page errors: ${errors.join(" | ") || "none"})`,
      );
      const shown = await page.$eval("#status", (e) => e.textContent);
      return {
        runtime: "firefox",
        version: browser.version,
        checks,
        note: `the page says "${shown}"`,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.shutdown();
  }
}

/** WebKitGTK's MiniBrowser opens the checks page served from `dir`. */
export async function webkit(
  dir: string,
  timeout: number,
): Promise<BrowserRun> {
  if (!await isFile(WEBKIT_DRIVER_PATH)) {
    throw new Error(
      `${WEBKIT_DRIVER_PATH} is missing: apt-get install webkit2gtk-driver xvfb`,
    );
  }
  const server = serveChecks(dir);
  try {
    const browser = await openWebKit({ timeout });
    try {
      await browser.goto(`http://127.0.0.1:${server.addr.port}/`);
      const checks = await until(
        () =>
          browser.execute<BrowserCheck[] | null>(
            "return globalThis.checkResults ?? null",
          ),
        timeout,
        "the checks",
      );
      const shown = await browser.execute<string>(
        "return document.getElementById('status').textContent",
      );
      return {
        runtime: "webkitgtk",
        version: browser.version,
        checks,
        note: `MiniBrowser; the page says "${shown}"`,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.shutdown();
  }
}
