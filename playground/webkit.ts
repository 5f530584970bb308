// WebKit, the engine behind Safari, as Debian ships it: WebKitGTK's
// WebKitWebDriver starting its MiniBrowser with --automation, under a virtual
// X server (xvfb-run), driven over plain W3C WebDriver (HTTP and JSON, with
// fetch). For the page's smoke test and `deno task runtimes`.

import { freePort, isFile } from "./browser.ts";

/** Where Debian's webkit2gtk-driver installs the driver. */
export const WEBKIT_DRIVER_PATH = "/usr/bin/WebKitWebDriver";

/** Where Debian's WebKitGTK keeps MiniBrowser, by API version. */
const MINIBROWSER_PATHS = ["4.1", "4.0", "6.0"].flatMap((api) =>
  ["x86_64-linux-gnu", "aarch64-linux-gnu"].map((triplet) =>
    `/usr/lib/${triplet}/webkit2gtk-${api}/MiniBrowser`
  )
);

/**
 * MiniBrowser's flags here: driven by the driver, and none of its own
 * connections beyond the page's.
 */
export const MINIBROWSER_ARGS: readonly string[] = [
  "--automation",
  "--enable-dns-prefetching=false",
  "--enable-page-cache=false",
];

/** A MiniBrowser window driven over WebDriver. */
export interface WebKit {
  /** WebKitGTK's version, as the driver gives it: "2.50.6". */
  readonly version: string;
  /** Opens `url` and waits for it to load. */
  goto(url: string): Promise<void>;
  /** Runs `script` (a function body) in the page; its return value. */
  execute<T>(script: string, ...args: unknown[]): Promise<T>;
  /** Clicks the first element `selector` matches, as a pointer would. */
  click(selector: string): Promise<void>;
  /** A PNG of the window. */
  screenshot(): Promise<Uint8Array>;
  /** Ends the session and stops the driver and its X server. */
  close(): Promise<void>;
}

/** One WebDriver command; its value, or an error with the driver's message. */
async function command(
  url: string,
  method: "GET" | "POST" | "DELETE",
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const { value } = await response.json();
  if (!response.ok) {
    throw new Error(`WebDriver ${method} ${url}: ${value?.message ?? value}`);
  }
  return value;
}

/** Starts WebKitWebDriver under xvfb-run and opens a MiniBrowser session. */
export async function openWebKit(
  options: { timeout?: number } = {},
): Promise<WebKit> {
  const binary = (await Promise.all(MINIBROWSER_PATHS.map(isFile)))
    .map((found, i) => found ? MINIBROWSER_PATHS[i] : undefined)
    .find((path) => path !== undefined);
  if (binary === undefined || !await isFile(WEBKIT_DRIVER_PATH)) {
    throw new Error(
      "WebKitWebDriver or MiniBrowser is missing: apt-get install webkit2gtk-driver xvfb",
    );
  }
  const port = freePort();
  // The driver says its process id, to be stopped by it: xvfb-run, once the
  // driver has ended, stops its X server (stopped itself, it would leave both).
  const xvfb = new Deno.Command("xvfb-run", {
    args: [
      "--auto-servernum",
      "sh",
      "-c",
      `echo $$ && exec ${WEBKIT_DRIVER_PATH} --port=${port}`,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const said = xvfb.stdout.getReader();
  const pid = Number(new TextDecoder().decode((await said.read()).value));
  said.releaseLock();
  if (!(Number.isInteger(pid) && pid > 0)) {
    await xvfb.stdout.cancel();
    await xvfb.status;
    throw new Error(
      "xvfb-run could not start WebKitWebDriver: apt-get install webkit2gtk-driver xvfb",
    );
  }
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    Deno.kill(pid, "SIGTERM");
    await xvfb.stdout.cancel();
    await xvfb.status;
  };
  try {
    const deadline = Date.now() + (options.timeout ?? 30_000);
    for (;;) {
      try {
        await command(`${base}/status`, "GET");
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const session = await command(`${base}/session`, "POST", {
      capabilities: {
        alwaysMatch: {
          "webkitgtk:browserOptions": { binary, args: [...MINIBROWSER_ARGS] },
        },
      },
    }) as { sessionId: string; capabilities: { browserVersion: string } };
    const at = `${base}/session/${session.sessionId}`;
    return {
      version: session.capabilities.browserVersion,
      async goto(url) {
        await command(`${at}/url`, "POST", { url });
      },
      async execute<T>(script: string, ...args: unknown[]) {
        return await command(`${at}/execute/sync`, "POST", {
          script,
          args,
        }) as T;
      },
      async click(selector) {
        const found = await command(`${at}/element`, "POST", {
          using: "css selector",
          value: selector,
        }) as Record<string, string>;
        const id = Object.values(found)[0];
        await command(`${at}/element/${id}/click`, "POST", {});
      },
      async screenshot() {
        const png = await command(`${at}/screenshot`, "GET") as string;
        return Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      },
      async close() {
        try {
          await command(at, "DELETE");
        } finally {
          await stop();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
