// A smoke test of the playground in WebKit, the engine behind Safari: Debian's
// WebKitGTK (its MiniBrowser, started by WebKitWebDriver under xvfb-run and
// driven over plain WebDriver) opens the page served on 127.0.0.1, renders it,
// and signs RFC 5849's example as the RFC prints it.
import assert from "node:assert/strict";
import { servePlaygroundBuild } from "../../playground/browser.ts";
import { openWebKit } from "../../playground/webkit.ts";
import { PRESETS } from "../../playground/presets.ts";
import { testWith, WEBKIT } from "../support/tools.ts";
import vectors from "../testdata/published.json" with { type: "json" };

const IDLE =
  "return globalThis.oauth1Playground.idle().then(() => document.querySelector(arguments[0]).textContent)";

testWith(
  WEBKIT,
  "the playground in WebKitGTK renders, has crypto.subtle and signs RFC 5849's example",
  async () => {
    const served = await servePlaygroundBuild();
    try {
      const webkit = await openWebKit();
      try {
        await webkit.goto(served.url);
        const ready =
          "return document.querySelector('#presets[data-checked]') !== null";
        for (let i = 0; i < 100 && !await webkit.execute(ready); i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const page = await webkit.execute<Record<string, unknown>>(
          `return {
            secure: isSecureContext,
            subtle: typeof crypto.subtle?.sign,
            height: document.body.getBoundingClientRect().height,
            title: document.title,
            green: document.querySelectorAll("#preset-list .status.ok").length,
          }`,
        );
        assert.equal(page.secure, true);
        assert.equal(page.subtle, "function");
        assert.match(String(page.title), /OAuth/);
        assert.ok(Number(page.height) > 500, `${page.height} px tall`);
        assert.equal(page.green, PRESETS.length);

        // Loaded by a real click, then signed by the page's own code.
        const v = vectors.requests.find((r) =>
          r.id === "rfc5849-3.4.1-hmac-sha1"
        )!;
        await webkit.click(`[data-preset="${v.id}"]`);
        assert.equal(
          await webkit.execute(IDLE, "#base-string"),
          v.expected.baseString,
        );
        assert.equal(
          await webkit.execute(IDLE, "#signature"),
          v.expected.signature,
        );
        const png = await webkit.screenshot();
        assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
        assert.ok(png.length > 10_000, `${png.length} bytes`);
      } finally {
        await webkit.close();
      }
    } finally {
      await served.close();
    }
  },
);
