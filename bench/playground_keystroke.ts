/// <reference lib="dom" />
/**
 * The playground's recompute-and-render per keystroke, measured in headless
 * Chromium and in headless Firefox ESR, one after the other: a character typed into the URL (and taken out again), through
 * signing, the four panels, the placements, and the layout that follows.
 * Measured inside the page with `performance.now()`, from the input event to
 * the laid-out DOM; reported as median and 95th percentile.
 *
 *     deno task playground:bench [--samples 300] [--browser chromium|firefox]
 *
 * A benchmark, not a test: it asserts nothing; the README records its figures.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  BROWSER_TITLES,
  type BrowserName,
  openPlayground,
} from "../playground/browser.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    samples: { type: "string", default: "300" },
    browser: { type: "string", multiple: true },
  },
});
const samples = Number(values.samples);
const browsers = (values.browser ?? ["chromium", "firefox"]) as BrowserName[];
for (const browser of browsers) {
  if (!(browser in BROWSER_TITLES)) {
    throw new RangeError(
      `Cannot run the bench: --browser must be chromium or firefox: current value is "${browser}"`,
    );
  }
}

// 8 parameters: 2 in the query and 6 protocol parameters (OAuth Core 1.0 A.5).
// 200 parameters: 194 in the query and the same 6.
const SMALL =
  "http://photos.example.net/photos?file=vacation.jpg&size=original";
const LARGE = `http://photos.example.net/photos?${
  Array.from({ length: 194 }, (_, i) => `p${i}=value%20${i}`).join("&")
}`;

/** Per keystroke times in one browser, printed as a table. */
async function measure(browser: BrowserName): Promise<void> {
  const playground = await openPlayground({ browser });
  try {
    const page = await playground.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(playground.url);
    await page.waitForSelector("#presets[data-checked]");
    await page.click('[data-preset="oauth-core-1.0-a5"]');
    console.log(`${playground.browserVersion}, ${samples} keystrokes each`);
    console.log("request        parameters  median    p95       max");
    const cases: [string, string][] = [
      ["8 parameters", SMALL],
      ["200 parameters", LARGE],
    ];
    for (const [name, url] of cases) {
      const times = await page.evaluate(
        async ({ url, samples }) => {
          const playground = (globalThis as unknown as {
            oauth1Playground: { idle(): Promise<void> };
          }).oauth1Playground;
          const input = document.getElementById("f-url") as HTMLInputElement;
          input.value = url;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await playground.idle();
          const times: number[] = [];
          for (let i = 0; i < samples + 30; i++) {
            const t0 = performance.now();
            input.value = i % 2 === 0 ? `${url}x` : url;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            await playground.idle();
            document.body.getBoundingClientRect(); // style and layout
            if (i >= 30) times.push(performance.now() - t0); // after warm-up
          }
          return times;
        },
        { url, samples },
      );
      const count = await page.locator("#step2-body tr[data-pos]").count();
      times.sort((a, b) => a - b);
      const at = (q: number) =>
        times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      console.log(
        `${name.padEnd(15)}${String(count).padEnd(12)}${
          at(0.5).toFixed(2).padStart(6)
        } ms ${at(0.95).toFixed(2).padStart(6)} ms ${
          times.at(-1)!.toFixed(2).padStart(6)
        } ms`,
      );
    }
  } finally {
    await playground.close();
  }
}

for (const browser of browsers) await measure(browser);
