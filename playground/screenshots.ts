/**
 * Screenshots of the real page for the README, whole pages in Chromium and in
 * Firefox, in light and dark, wide (1280 px) and narrow (390 px), with the X
 * documentation's request loaded and one parameter hovered; then What if and
 * Paste and explain, wide. Chromium's files are `wide-light.png` and so on,
 * Firefox's the same names after `firefox-`.
 *
 *     deno task playground:screenshots     writes playground/screenshots/*.png
 *
 * @module
 */

import {
  type BrowserName,
  openPlayground,
  type PlaygroundPage as Page,
} from "./browser.ts";

const OUT = new URL("./screenshots/", import.meta.url).pathname;

async function ready(page: Page, url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await page.goto(url);
  await page.waitForSelector("#presets[data-checked]");
  await page.click('[data-preset="x-docs-api.twitter.com-1.1"]');
  await page.evaluate(() =>
    (globalThis as unknown as { oauth1Playground: { idle(): Promise<void> } })
      .oauth1Playground.idle()
  );
}

const PREFIX: Record<BrowserName, string> = {
  chromium: "",
  firefox: "firefox-",
};

/** The screenshots of one browser in one colour scheme. */
async function capture(
  browser: BrowserName,
  scheme: "light" | "dark",
): Promise<void> {
  const playground = await openPlayground({ browser, colorScheme: scheme });
  const out = `${OUT}${PREFIX[browser]}`;
  try {
    const page = await playground.newPage();
    await ready(page, playground.url, 1280);
    await page.locator("#step2-body tr[data-pos]").first().hover();
    await page.screenshot({
      path: `${out}wide-${scheme}.png`,
      fullPage: true,
    });

    await ready(page, playground.url, 390);
    await page.locator("#step2-body tr[data-pos]").last().hover();
    await page.screenshot({
      path: `${out}narrow-${scheme}.png`,
      fullPage: true,
    });

    if (scheme === "light") {
      await ready(page, playground.url, 1280);
      await page.check('[data-cause="plus-for-space"]');
      await page.evaluate(() =>
        document.getElementById("what-if")!.scrollIntoView()
      );
      await page.waitForSelector("#whatif-body mark");
      await page.screenshot({ path: `${out}what-if.png` });

      await page.fill("#e-consumerSecret", "kd94hf93k423kf44");
      await page.fill(
        "#e-text",
        'curl \'http://example.com/r?foo=first%2Csecond\' -H \'Authorization: OAuth oauth_consumer_key="key", oauth_nonce="n", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_signature="Kd9dEuKqq7mf2rIWHDTHxcVni3w%3D"\'',
      );
      await page.fill("#e-consumerSecret", "secret");
      await page.waitForSelector("#e-causes");
      await page.locator("#e-consumerSecret").blur();
      await page.evaluate(() =>
        document.getElementById("explain")!.scrollIntoView()
      );
      await page.screenshot({ path: `${out}explain.png` });
    }
  } finally {
    await playground.close();
  }
}

await Deno.mkdir(OUT, { recursive: true });
for (const browser of ["chromium", "firefox"] as const) {
  for (const scheme of ["light", "dark"] as const) {
    await capture(browser, scheme);
  }
}
for await (const entry of Deno.readDir(OUT)) {
  const { size } = await Deno.stat(`${OUT}${entry.name}`);
  console.log(`${entry.name}\t${Math.round(size / 1024)} KiB`);
}
