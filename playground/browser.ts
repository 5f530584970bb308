// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// against the playground built into a temporary folder and served on
// 127.0.0.1: for the browser tests, the screenshots, the keystroke bench and
// `deno task runtimes` (so a shared file, not a private `_` one).

import fs from "node:fs";
import type { BrowserContext } from "playwright-core";
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

/** The page's build, served, and a browser to look at it with. */
export interface Playground {
  /** The page's URL on 127.0.0.1. */
  readonly url: string;
  /** A fresh browser profile with no network beyond the loopback. */
  readonly browser: BrowserContext;
  /** Closes the browser, stops the server, removes the temporary folders. */
  close(): Promise<void>;
}

/** Builds and serves the playground, and launches Chromium. */
export async function openPlayground(
  options: { colorScheme?: "light" | "dark" } = {},
): Promise<Playground> {
  const dir = await Deno.makeTempDir({ prefix: "oauth1-playground-" });
  await buildPlayground(dir);
  let url = "";
  const server = servePlayground(dir, 0, (u) => url = u);
  const profile = await Deno.makeTempDir({ prefix: "oauth1-chromium-" });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    colorScheme: options.colorScheme ?? "light",
    args: [...CHROMIUM_ARGS],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(profile, { recursive: true });
    },
  };
}
