// `deno task runtimes` in the browsers: the checks page (runtimes/index.html,
// served from 127.0.0.1) in Debian's Chromium (driven by playwright-core), its
// Firefox ESR (driven by puppeteer-core over WebDriver BiDi) and its WebKitGTK
// (MiniBrowser under xvfb-run, driven over plain WebDriver). WebKitGTK stands
// in for Safari's engine, not for Safari itself.
import { chromium as playwright } from "playwright-core";
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  launchFirefox,
} from "../playground/browser.ts";
import { openWebKit } from "../playground/webkit.ts";

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

/** A browser with the checks page open. */
interface OpenPage {
  version: string;
  /** The checks' results once the page has them, or null. */
  results(): Promise<BrowserCheck[] | null>;
  /** What the page itself shows, as a user would see it. */
  shown(): Promise<string | null>;
  /** Uncaught errors in the page so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Serves the checks page from `dir`, has `open` open it, reads the checks. */
async function checksPage(
  runtime: string,
  dir: string,
  timeout: number,
  open: (url: string) => Promise<OpenPage>,
): Promise<BrowserRun> {
  const server = serveChecks(dir);
  try {
    const page = await open(`http://127.0.0.1:${server.addr.port}/`);
    try {
      const checks = await until(
        page.results,
        timeout,
        `the checks (page errors: ${page.errors.join(" | ") || "none"})`,
      );
      return {
        runtime,
        version: page.version,
        checks,
        note: `the page says "${await page.shown()}"`,
      };
    } finally {
      await page.close();
    }
  } finally {
    await server.shutdown();
  }
}

/** Headless Chromium opens the checks page served from `dir`. */
export function chromium(dir: string, timeout: number): Promise<BrowserRun> {
  return checksPage("chromium", dir, timeout, async (url) => {
    const said = await new Deno.Command(CHROMIUM_PATH, { args: ["--version"] })
      .output().catch(() => {
        throw new Error(
          `${CHROMIUM_PATH} is missing: apt-get install chromium`,
        );
      });
    const profile = await Deno.makeTempDir({ prefix: "oauth1-chromium-" });
    const context = await playwright.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      timeout,
      args: [...CHROMIUM_ARGS],
    });
    const close = async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    };
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => void errors.push(error.message));
    await page.goto(url).catch(async (error) => {
      await close();
      throw error;
    });
    return {
      version: new TextDecoder().decode(said.stdout).split(" ")[1] ?? "?",
      results: () =>
        page.evaluate(() =>
          (globalThis as { checkResults?: BrowserCheck[] }).checkResults ??
            null
        ),
      shown: () => page.textContent("#status"),
      errors,
      close,
    };
  });
}

/** Firefox ESR opens the checks page served from `dir`. */
export function firefox(dir: string, timeout: number): Promise<BrowserRun> {
  return checksPage("firefox", dir, timeout, async (url) => {
    const firefox = await launchFirefox({ timeout });
    const page = await firefox.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => void errors.push(String(error)));
    await page.goto(url).catch(async (error) => {
      await firefox.close();
      throw error;
    });
    return {
      version: firefox.version,
      results: () =>
        page.evaluate(() =>
          (globalThis as { checkResults?: BrowserCheck[] }).checkResults ??
            null
        ),
      shown: () => page.$eval("#status", (e) => e.textContent),
      errors,
      close: firefox.close,
    };
  });
}

/** WebKitGTK's MiniBrowser opens the checks page served from `dir`. */
export function webkit(dir: string, timeout: number): Promise<BrowserRun> {
  return checksPage("webkitgtk", dir, timeout, async (url) => {
    const webkit = await openWebKit({ timeout });
    await webkit.goto(url).catch(async (error) => {
      await webkit.close();
      throw error;
    });
    return {
      version: webkit.version,
      results: () => webkit.execute("return globalThis.checkResults ?? null"),
      shown: () =>
        webkit.execute("return document.getElementById('status').textContent"),
      errors: [],
      close: webkit.close,
    };
  });
}
