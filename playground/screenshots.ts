/**
 * Screenshots of the real page for the README, whole pages in Chromium and in
 * Firefox, in light and dark, wide (1280 px) and narrow (390 px), with every
 * panel filled: the profile picker, the X documentation's request loaded
 * (every parameter row, the sentence of each step), one parameter
 * hovered, two wrong settings chosen in What if, and a request pasted into
 * Paste and explain with the base string its client logged; then What if and
 * Paste and explain on their own, wide. Chromium's files are `wide-light.png`
 * and so on, Firefox's the same names after `firefox-`.
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

// RFC 5849 §1.2's request, signed by a client that signs the realm and
// writes its escapes in lower case, and the base string that client logged.
const PASTED =
  `curl 'http://example.com/search?q=fargo%20movie' -H 'Authorization: OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_nonce="kllo9940pd9333jh", oauth_version="1.0", oauth_signature="YZikTnHNPAlpCsrtelbNFkicEEQ%3D"'`;
const LOGGED =
  "GET&http%3a%2f%2fexample.com%2fsearch&oauth_consumer_key%3ddpf43f3p2l4k3l03%26oauth_nonce%3dkllo9940pd9333jh%26oauth_signature_method%3dHMAC-SHA1%26oauth_timestamp%3d1318622958%26oauth_token%3dnnch734d00sl2jdk%26oauth_version%3d1.0%26q%3dfargo%2520movie%26realm%3dPhotos";

function idle(page: Page): Promise<void> {
  return page.evaluate(() =>
    (globalThis as unknown as { oauth1Playground: { idle(): Promise<void> } })
      .oauth1Playground.idle()
  );
}

/** The page at `width`, every panel filled. */
async function ready(page: Page, url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await page.goto(url);
  await page.waitForSelector("#presets[data-checked]");
  await page.click('[data-preset="x-docs-api.twitter.com-1.1"]');
  await idle(page);
  await page.selectOption('[data-knob="encoder-set"]', "plus-for-space");
  await page.selectOption(
    '[data-knob="key-ampersand"]',
    "key-ampersand-missing",
  );
  await idle(page);
  await page.fill("#e-consumerSecret", "kd94hf93k423kf44");
  await page.fill("#e-tokenSecret", "pfkkdhi9sl3r4s00");
  await page.fill("#e-clientBase", LOGGED);
  await page.fill("#e-text", PASTED);
  await page.waitForSelector(".client-departure");
  await page.locator("#e-text").blur();
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
      await page.setViewportSize({ width: 1280, height: 1600 });
      await page.evaluate(() =>
        document.getElementById("what-if")!.scrollIntoView()
      );
      await page.waitForSelector("#whatif-body mark");
      await page.screenshot({ path: `${out}what-if.png` });

      await page.evaluate(() =>
        document.getElementById("explain")!.scrollIntoView()
      );
      await page.screenshot({ path: `${out}explain.png` });
    }
  } finally {
    await playground.close();
  }
}

/**
 * Makes each shot smaller with pngquant (256 colours), when it is installed;
 * a whole page of text is then about a third of its size.
 */
async function compress(path: string): Promise<void> {
  try {
    await new Deno.Command("pngquant", {
      args: ["--force", "--skip-if-larger", "--ext", ".png", "--", path],
    }).output();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

await Deno.mkdir(OUT, { recursive: true });
for (const browser of ["chromium", "firefox"] as const) {
  for (const scheme of ["light", "dark"] as const) {
    await capture(browser, scheme);
  }
}
for await (const entry of Deno.readDir(OUT)) {
  await compress(`${OUT}${entry.name}`);
  const { size } = await Deno.stat(`${OUT}${entry.name}`);
  console.log(`${entry.name}\t${Math.round(size / 1024)} KiB`);
}
