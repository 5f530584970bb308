/// <reference lib="dom" />
// The playground built into a temporary folder, served on 127.0.0.1 and
// opened in a headless browser, for the browser tests, the screenshots and
// the keystroke bench: Debian's Chromium (driven by playwright-core) or
// Debian's Firefox ESR (driven by puppeteer-core over WebDriver BiDi), both
// behind one small page interface, so each test runs unchanged in both.
// Shared with the screenshots, the keystroke bench and `deno task runtimes`,
// so a public file of the playground's folder, not a private `_` one.

import fs from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import type {
  Browser as PuppeteerBrowser,
  ElementHandle,
  Page as PuppeteerPage,
} from "puppeteer-core";
import { buildPlayground, servePlayground } from "./serve.ts";

// playwright-core asks at import whether it runs under WSL by testing
// /proc/sys/fs/binfmt_misc/WSLInterop, which Deno refuses to read without
// --allow-all; a path it may not read is taken as absent.
const existsSync = fs.existsSync;
fs.existsSync = (path) => {
  try {
    return existsSync(path);
  } catch {
    return false;
  }
};
const { chromium } = await import("playwright-core");
const { default: puppeteer } = await import("puppeteer-core");

/** The browsers the page's tests, screenshots and bench run in. */
export type BrowserName = "chromium" | "firefox";

/** Each browser's name as a person writes it. */
export const BROWSER_TITLES: Readonly<Record<BrowserName, string>> = {
  chromium: "Chromium",
  firefox: "Firefox",
};

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Chromium's flags here: headless as root, and none of its own connections
 * (this machine has no network, and refuses them many at a time).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where Debian installs Firefox ESR. */
export const FIREFOX_PATH = "/usr/bin/firefox-esr";

/**
 * Firefox's preferences here, beside those puppeteer-core sets: no updates,
 * no telemetry, no connection of its own; scrollbars that take no room.
 */
export const FIREFOX_PREFS: Readonly<
  Record<string, boolean | string | number>
> = {
  "app.update.disabledForTesting": true,
  "app.update.auto": false,
  "app.normandy.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.server": "",
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  // Scrollbars over the page, as headless Chromium's: the page is as wide as
  // the window in both.
  "ui.useOverlayScrollbars": 1,
  // performance.now() to the microsecond, as Chromium's, for the bench.
  "privacy.reduceTimerPrecision": false,
};

/** Firefox ESR, headless, in a fresh profile that is also its HOME. */
export interface Firefox {
  /** The browser, as puppeteer-core drives it. */
  readonly browser: PuppeteerBrowser;
  /** "153.8.0esr", as `firefox-esr --version` says it. */
  readonly version: string;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Starts Firefox ESR over WebDriver BiDi (root may run it: HOME is its own). */
export async function launchFirefox(
  options: { colorScheme?: "light" | "dark"; timeout?: number } = {},
): Promise<Firefox> {
  const said = await new Deno.Command(FIREFOX_PATH, { args: ["--version"] })
    .output().catch(() => {
      throw new Error(
        `${FIREFOX_PATH} is missing: apt-get install firefox-esr`,
      );
    });
  const home = await Deno.makeTempDir({ prefix: "oauth1-firefox-" });
  const version = new TextDecoder().decode(said.stdout).trim().split(" ").pop();
  try {
    const browser = await puppeteer.launch({
      browser: "firefox",
      protocol: "webDriverBiDi",
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: `${home}/profile`,
      env: { ...Deno.env.toObject(), HOME: home },
      defaultViewport: { width: 1280, height: 720 },
      timeout: options.timeout ?? 60_000,
      extraPrefsFirefox: {
        ...FIREFOX_PREFS,
        // 0 dark, 1 light: what prefers-color-scheme says to the page.
        "layout.css.prefers-color-scheme.content-override":
          options.colorScheme === "dark" ? 0 : 1,
      },
    });
    return {
      browser,
      version: version ?? "?",
      async close() {
        await browser.close();
        await Deno.remove(home, { recursive: true });
      },
    };
  } catch (error) {
    await Deno.remove(home, { recursive: true });
    throw error;
  }
}

/** The part of a page's elements the tests use (Playwright's names). */
export interface PlaygroundLocator {
  count(): Promise<number>;
  first(): PlaygroundLocator;
  last(): PlaygroundLocator;
  getAttribute(name: string): Promise<string | null>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  evaluateAll<R>(fn: (elements: HTMLElement[]) => R): Promise<R>;
  hover(): Promise<void>;
  blur(): Promise<void>;
  /** Types `text` key by key. */
  pressSequentially(text: string): Promise<void>;
}

/**
 * A page in either browser: the part of Playwright's Page the tests, the
 * screenshots and the bench use, so Chromium's is Playwright's own.
 */
export interface PlaygroundPage {
  readonly keyboard: { press(key: string): Promise<void> };
  readonly mouse: { move(x: number, y: number): Promise<void> };
  goto(url: string): Promise<unknown>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForSelector(selector: string): Promise<unknown>;
  waitForFunction(fn: () => boolean): Promise<unknown>;
  locator(selector: string): PlaygroundLocator;
  textContent(selector: string): Promise<string | null>;
  inputValue(selector: string): Promise<string>;
  isHidden(selector: string): Promise<boolean>;
  content(): Promise<string>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  check(selector: string): Promise<void>;
  uncheck(selector: string): Promise<void>;
  setChecked(selector: string, checked: boolean): Promise<void>;
  /** Sets a field's value at once, as pasting does. */
  fill(selector: string, value: string): Promise<void>;
  selectOption(selector: string, value: string): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

/** The page's build, served, and a browser to look at it with. */
export interface Playground {
  /** The page's URL on 127.0.0.1. */
  readonly url: string;
  /** Which browser, and its version: "Chromium 156.0.8078.114". */
  readonly browserVersion: string;
  /** Every URL the browser's pages requested, in order. */
  readonly requests: readonly string[];
  /** Every uncaught error in the browser's pages. */
  readonly errors: readonly string[];
  /** A new tab. */
  newPage(): Promise<PlaygroundPage>;
  /** How many cookies and localStorage items the browser keeps. */
  stored(): Promise<number>;
  /** Closes the browser, stops the server, removes the temporary folders. */
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 now, for a server or driver to listen on. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Whether a file is there (a browser binary, a driver). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** The playground built into a temporary folder and served on 127.0.0.1. */
export async function servePlaygroundBuild(): Promise<
  { url: string; close(): Promise<void> }
> {
  const dir = await Deno.makeTempDir({ prefix: "oauth1-playground-" });
  await buildPlayground(dir).catch(async (error) => {
    await Deno.remove(dir, { recursive: true });
    throw error;
  });
  let url = "";
  const server = servePlayground(dir, 0, (u) => url = u);
  return {
    url,
    async close() {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Builds and serves the playground, and opens it in Chromium or Firefox. */
export async function openPlayground(
  options: { browser?: BrowserName; colorScheme?: "light" | "dark" } = {},
): Promise<Playground> {
  const served = await servePlaygroundBuild();
  try {
    const open = options.browser === "firefox"
      ? firefoxPlayground
      : chromiumPlayground;
    const opened = await open(options.colorScheme ?? "light");
    return {
      ...opened,
      url: served.url,
      async close() {
        await opened.close();
        await served.close();
      },
    };
  } catch (error) {
    await served.close();
    throw error;
  }
}

type Opened = Omit<Playground, "url">;

async function chromiumPlayground(
  colorScheme: "light" | "dark",
): Promise<Opened> {
  const said = await new Deno.Command(CHROMIUM_PATH, { args: ["--version"] })
    .output();
  const version = new TextDecoder().decode(said.stdout).split(" ")[1];
  const profile = await Deno.makeTempDir({ prefix: "oauth1-chromium-" });
  const context: BrowserContext = await chromium.launchPersistentContext(
    profile,
    {
      executablePath: CHROMIUM_PATH,
      headless: true,
      colorScheme,
      args: [...CHROMIUM_ARGS],
    },
  );
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(e.message)));
  return {
    browserVersion: `Chromium ${version}`,
    requests,
    errors,
    // Playwright's own page, which fits PlaygroundPage as it is.
    newPage: (): Promise<Page> => context.newPage(),
    async stored() {
      const state = await context.storageState();
      return state.origins.reduce(
        (n, o) => n + o.localStorage.length,
        state.cookies.length,
      );
    },
    async close() {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}

async function firefoxPlayground(
  colorScheme: "light" | "dark",
): Promise<Opened> {
  const firefox = await launchFirefox({ colorScheme });
  const requests: string[] = [];
  const errors: string[] = [];
  const pages: PuppeteerPage[] = [];
  return {
    browserVersion: `Firefox ${firefox.version}`,
    requests,
    errors,
    async newPage() {
      const page = await firefox.browser.newPage();
      // Playwright does not report data: URLs either: they never leave the
      // page (Firefox loads a font of its own from one).
      page.on("request", (r) => {
        if (!r.url().startsWith("data:")) requests.push(r.url());
      });
      // Firefox reports a resource the CSP refused as an error too; like
      // Chromium's, the errors here are only those the page's script threw.
      page.on("pageerror", (e) => {
        const said = String(e);
        if (!said.startsWith("Error: Content-Security-Policy:")) {
          errors.push(said);
        }
      });
      pages.push(page);
      return new FirefoxPage(page);
    },
    async stored() {
      let items = (await firefox.browser.cookies()).length;
      for (const page of pages) {
        if (page.isClosed() || !page.url().startsWith("http")) continue;
        items += await page.evaluate(() => localStorage.length);
      }
      return items;
    },
    close: () => firefox.close(),
  };
}

/**
 * `element` scrolled into view, after the layout that follows settles (a
 * panel with `content-visibility: auto` moves what follows it when it first
 * renders), for the pointer to find it where it is.
 */
async function inView(
  element: ElementHandle<HTMLElement>,
): Promise<ElementHandle<HTMLElement>> {
  await element.evaluate(async (e) => {
    e.scrollIntoView({ block: "center" });
    for (let frame = 0; frame < 2; frame++) {
      await new Promise(requestAnimationFrame);
    }
  });
  return element;
}

/** Playwright's page actions, done with puppeteer-core's. */
class FirefoxPage implements PlaygroundPage {
  constructor(readonly page: PuppeteerPage) {}

  get keyboard() {
    return this.page.keyboard;
  }
  get mouse() {
    return this.page.mouse;
  }
  /** The first element `selector` matches, once there is one. */
  async element(selector: string): Promise<ElementHandle<HTMLElement>> {
    const found = await this.page.waitForSelector(selector);
    if (found === null) throw new Error(`Nothing matches ${selector}`);
    return found as ElementHandle<HTMLElement>;
  }
  goto(url: string): Promise<unknown> {
    return this.page.goto(url);
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }
  waitForSelector(selector: string): Promise<unknown> {
    return this.page.waitForSelector(selector, { visible: true });
  }
  waitForFunction(fn: () => boolean): Promise<unknown> {
    return this.page.waitForFunction(fn);
  }
  locator(selector: string): PlaygroundLocator {
    return new FirefoxLocator(this.page, selector, "only");
  }
  async textContent(selector: string): Promise<string | null> {
    return (await this.element(selector)).evaluate((e) => e.textContent);
  }
  async inputValue(selector: string): Promise<string> {
    return (await this.element(selector)).evaluate((e) =>
      (e as HTMLInputElement).value
    );
  }
  isHidden(selector: string): Promise<boolean> {
    return this.page.evaluate(
      (s) => !document.querySelector(s)?.checkVisibility(),
      selector,
    );
  }
  content(): Promise<string> {
    return this.page.content();
  }
  async click(selector: string): Promise<void> {
    await (await inView(await this.element(selector))).click();
  }
  async focus(selector: string): Promise<void> {
    await (await this.element(selector)).focus();
  }
  check(selector: string): Promise<void> {
    return this.setChecked(selector, true);
  }
  uncheck(selector: string): Promise<void> {
    return this.setChecked(selector, false);
  }
  async setChecked(selector: string, checked: boolean): Promise<void> {
    const input = await inView(await this.element(selector));
    if (
      await input.evaluate((e) => (e as HTMLInputElement).checked) !== checked
    ) {
      await input.click();
    }
  }
  async fill(selector: string, value: string): Promise<void> {
    await (await this.element(selector)).evaluate((e, text) => {
      const field = e as HTMLInputElement;
      field.focus();
      field.value = text;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  }
  selectOption(selector: string, value: string): Promise<unknown> {
    return this.page.select(selector, value);
  }
  setViewportSize(size: { width: number; height: number }): Promise<void> {
    return this.page.setViewport(size);
  }
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> {
    return this.page.screenshot({
      path: options.path as `${string}.png`,
      fullPage: options.fullPage ?? false,
    });
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

/** The elements a selector matches: all of them, or the first or last. */
class FirefoxLocator implements PlaygroundLocator {
  constructor(
    readonly page: PuppeteerPage,
    readonly selector: string,
    readonly pick: "only" | "first" | "last",
  ) {}

  async element(): Promise<ElementHandle<HTMLElement>> {
    await this.page.waitForSelector(this.selector);
    const all = await this.page.$$(this.selector);
    if (this.pick === "only" && all.length > 1) {
      throw new Error(`${all.length} elements match ${this.selector}`);
    }
    return (this.pick === "last" ? all.at(-1) : all[0]) as ElementHandle<
      HTMLElement
    >;
  }
  count(): Promise<number> {
    return this.page.$$eval(this.selector, (all) => all.length);
  }
  first(): PlaygroundLocator {
    return new FirefoxLocator(this.page, this.selector, "first");
  }
  last(): PlaygroundLocator {
    return new FirefoxLocator(this.page, this.selector, "last");
  }
  async getAttribute(name: string): Promise<string | null> {
    return (await this.element()).evaluate((e, n) => e.getAttribute(n), name);
  }
  async textContent(): Promise<string | null> {
    return (await this.element()).evaluate((e) => e.textContent);
  }
  allTextContents(): Promise<string[]> {
    return this.page.$$eval(
      this.selector,
      (all) => all.map((e) => e.textContent ?? ""),
    );
  }
  evaluateAll<R>(fn: (elements: HTMLElement[]) => R): Promise<R> {
    return this.page.$$eval(
      this.selector,
      fn as unknown as (all: Element[]) => Awaited<R>,
    ) as Promise<R>;
  }
  async hover(): Promise<void> {
    await (await inView(await this.element())).hover();
  }
  async blur(): Promise<void> {
    await (await this.element()).evaluate((e) => e.blur());
  }
  async pressSequentially(text: string): Promise<void> {
    await (await this.element()).type(text);
  }
}
