/// <reference lib="dom" />
// The playground in real browsers: headless Chromium (Debian's chromium,
// driven by npm:playwright-core) and Firefox ESR (Debian's firefox-esr, driven
// by npm:puppeteer-core over WebDriver BiDi), each against the page built and
// served on 127.0.0.1, every test in both. The truth is independent of the
// page: the published vectors and the test signer of
// tests/support/wrong_signer.ts (node:crypto, its own encoder).
import assert from "node:assert/strict";
import {
  BROWSER_TITLES,
  type BrowserName,
  openPlayground,
  type PlaygroundPage as Page,
} from "../../playground/browser.ts";
import { PRESETS } from "../../playground/presets.ts";
import {
  BLANK_FIELDS,
  type Fields,
  readFragment,
  shareFragment,
} from "../../playground/state.ts";
import { causes } from "../../explain/explain.ts";
import { CHROMIUM, FIREFOX, testWith, type Tool } from "../support/tools.ts";
import {
  header,
  type TestRequest,
  wrongSign,
} from "../support/wrong_signer.ts";
import vectors from "../testdata/published.json" with { type: "json" };

type Vector = (typeof vectors.requests)[number];

Deno.test("every preset taken from the published vectors expects their base string and signature", () => {
  const published = new Map(vectors.requests.map((v) => [v.id, v]));
  let compared = 0;
  for (const preset of PRESETS) {
    const v = published.get(preset.id);
    if (v === undefined) continue;
    compared++;
    assert.equal(preset.expected.baseString, v.expected.baseString, v.id);
    assert.equal(preset.expected.signature, v.expected.signature, v.id);
  }
  assert.equal(compared, vectors.requests.length);
});

Deno.test("a share link's fragment carries no secret field and reads back", () => {
  const fields: Fields = {
    ...BLANK_FIELDS,
    url: "https://api.example.com/r?a=1",
    consumerKey: "key",
    consumerSecret: "consumer-secret-value",
    tokenSecret: "token-secret-value",
    privateKey: "-----BEGIN PRIVATE KEY-----",
    version: true,
  };
  const fragment = shareFragment(fields);
  assert.doesNotMatch(fragment, /secret-value|PRIVATE|Secret|privateKey/);
  assert.deepEqual(
    { ...BLANK_FIELDS, ...readFragment(`#${fragment}`) },
    { ...fields, consumerSecret: "", tokenSecret: "", privateKey: "" },
  );
  assert.equal(
    readFragment("#consumerSecret=x&signatureMethod=NOPE").signatureMethod,
    undefined,
  );
});

/** Types a vector into the form, every field cleared first. */
async function typeVector(page: Page, v: Vector): Promise<void> {
  const o = v.oauth as Record<string, string>;
  const text: Record<string, string> = {
    url: v.url,
    ...("body" in v ? { body: v.body } : {}),
    consumerKey: o.oauth_consumer_key!,
    consumerSecret: v.consumerSecret,
    token: o.oauth_token ?? "",
    tokenSecret: v.tokenSecret,
    nonce: o.oauth_nonce!,
    timestamp: o.oauth_timestamp!,
    realm: "realm" in v ? v.realm : "",
    callback: o.oauth_callback ?? "",
    verifier: o.oauth_verifier ?? "",
  };
  await page.selectOption("#f-method", v.method);
  await page.selectOption("#f-signatureMethod", o.oauth_signature_method!);
  await page.check(
    `input[name=bodyKind][value=${"body" in v ? "form" : "none"}]`,
  );
  await page.setChecked("#f-version", "oauth_version" in o);
  // The URL and the body are typed key by key; the rest is filled.
  for (const [name, value] of Object.entries(text)) {
    await page.fill(
      `#f-${name}`,
      name === "url" || name === "body" ? "" : value,
    );
    if (name === "url" || name === "body") {
      await page.locator(`#f-${name}`).pressSequentially(value);
    }
  }
  await idle(page);
}

function idle(page: Page): Promise<void> {
  return page.evaluate(() =>
    (globalThis as unknown as { oauth1Playground: { idle(): Promise<void> } })
      .oauth1Playground.idle()
  );
}

const text = async (page: Page, selector: string): Promise<string> =>
  (await page.textContent(selector)) ?? "";

const BROWSERS: [BrowserName, Tool][] = [
  ["chromium", CHROMIUM],
  ["firefox", FIREFOX],
];

/** Declares a test once per browser, "{browser}" in its name said as its name. */
function testInEachBrowser(
  name: string,
  fn: (t: Deno.TestContext, browser: BrowserName) => Promise<void>,
): void {
  for (const [browser, tool] of BROWSERS) {
    const title = name.replace("{browser}", BROWSER_TITLES[browser]);
    testWith(tool, title, (t) => fn(t, browser));
  }
}

testInEachBrowser(
  "the playground in {browser}, served on 127.0.0.1",
  async (t, browser) => {
    const playground = await openPlayground({ browser });
    const origin = new URL(playground.url).origin;
    const { requests, errors } = playground;
    const page = await playground.newPage();
    try {
      await page.goto(playground.url);
      await page.waitForSelector("#presets[data-checked]");
      await idle(page);

      await t.step(
        "typing each published vector reproduces its base string and signature",
        async () => {
          for (const v of vectors.requests) {
            await typeVector(page, v);
            assert.equal(
              await text(page, "#base-string"),
              v.expected.baseString,
              v.id,
            );
            const shown = await text(page, "#signature");
            if (v.oauth.oauth_signature_method === "PLAINTEXT") {
              assert.match(shown, /masked/, v.id);
              await page.check("#reveal");
              await idle(page);
              assert.equal(
                await text(page, "#signature"),
                v.expected.signature,
              );
              await page.uncheck("#reveal");
              await idle(page);
            } else assert.equal(shown, v.expected.signature, v.id);
          }
        },
      );

      await t.step(
        "every preset shows a check mark, and again once loaded",
        async () => {
          assert.equal(
            await page.locator("#preset-list .status.ok").count(),
            PRESETS.length,
          );
          for (const preset of PRESETS) {
            await page.click(`[data-preset="${preset.id}"]`);
            await idle(page);
            assert.match(await text(page, "#preset-check"), /^✓/, preset.id);
          }
          await page.fill("#f-nonce", "changed");
          await idle(page);
          assert.match(await text(page, "#preset-check"), /^✗/);
        },
      );

      await t.step(
        "hovering a parameter's row, or walking the rows with the arrow keys, lights up its span",
        async () => {
          await page.click('[data-preset="x-docs-api.twitter.com-1.1"]');
          await idle(page);
          const row = page.locator("#step2-body tr[data-pos]").last();
          const position = await row.getAttribute("data-pos");
          await row.hover();
          const lit = await page.locator("#base-string .hl").textContent();
          assert.equal(
            lit,
            "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
          );
          assert.equal(
            await page.locator(`#base-string [data-pos="${position}"]`).count(),
            1,
          );
          // From the keyboard: the arrow keys walk the rows.
          await page.mouse.move(0, 0);
          await page.focus("#step2-body .table-wrap");
          await page.keyboard.press("ArrowDown");
          await page.keyboard.press("ArrowDown");
          assert.equal(
            await page.locator("#base-string .hl").textContent(),
            "oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog",
          );
        },
      );

      await t.step(
        "a what-if toggle changes the marked characters and signs as the test signer",
        async () => {
          const v = vectors.requests.find((r) =>
            r.id === "x-docs-api.twitter.com-1.1"
          )!;
          const request: TestRequest = {
            method: v.method,
            url: v.url,
            body: v.body!,
            contentType: v.contentType!,
            oauth: Object.entries(v.oauth),
          };
          const marks = () =>
            page.locator("#whatif-body mark").allTextContents();
          assert.deepEqual(await marks(), []);
          await page.check('[data-cause="plus-for-space"]');
          await idle(page);
          const plus = await marks();
          assert.ok(plus.some((m) => m.includes("+")), JSON.stringify(plus));
          assert.equal(
            await text(page, "#whatif-signature"),
            wrongSign(request, v, { encoder: "plus-for-space" }),
          );
          await page.uncheck('[data-cause="plus-for-space"]');
          await page.check('[data-cause="encode-uri-component"]');
          await idle(page);
          const uriComponent = await marks();
          assert.notDeepEqual(uriComponent, plus);
          assert.equal(
            await text(page, "#whatif-signature"),
            wrongSign(request, v, { encoder: "encodeURIComponent" }),
          );
          await page.uncheck('[data-cause="encode-uri-component"]');
          await idle(page);
          assert.deepEqual(await marks(), []);
          // Every toggle offered signs without an error, and only those
          // whatIf() can apply are offered.
          const offered = await page.locator("[data-cause]").evaluateAll(
            (inputs) => inputs.map((i) => i.getAttribute("data-cause")),
          );
          assert.deepEqual(
            offered,
            causes.filter((c) => c.whatIf && c.id !== "timestamp-milliseconds")
              .map((c) => c.id),
          );
          for (const id of offered) {
            await page.check(`[data-cause="${id}"]`);
            await idle(page);
            assert.equal(await page.isHidden("#sign-error"), true, id!);
            await page.uncheck(`[data-cause="${id}"]`);
          }
          await idle(page);
        },
      );

      await t.step(
        "a pasted request signed with + for space gets that cause named",
        async () => {
          const secrets = {
            consumerSecret: "kd94hf93k423kf44",
            tokenSecret: "pfkkdhi9sl3r4s00",
          };
          const request: TestRequest = {
            method: "GET",
            url: "http://example.com/search?q=fargo%20movie",
            oauth: [
              ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
              ["oauth_token", "nnch734d00sl2jdk"],
              ["oauth_signature_method", "HMAC-SHA1"],
              ["oauth_timestamp", "1318622958"],
              ["oauth_nonce", "kllo9940pd9333jh"],
              ["oauth_version", "1.0"],
            ],
          };
          const signature = wrongSign(request, secrets, {
            encoder: "plus-for-space",
          });
          const curl = `curl '${request.url}' -H 'Authorization: ${
            header(request.oauth, signature)
          }'`;
          await page.fill("#e-consumerSecret", secrets.consumerSecret);
          await page.fill("#e-tokenSecret", secrets.tokenSecret);
          await page.fill("#e-text", curl);
          await page.waitForSelector("#e-verdict");
          assert.match(await text(page, "#e-verdict"), /Invalid/);
          assert.equal(
            await page.locator('#e-causes [data-cause="plus-for-space"]')
              .count(),
            1,
          );
          assert.match(await text(page, "#e-causes"), /%20/);
        },
      );

      await t.step(
        "no secret is in the share link, the exported Markdown, or the DOM while masked",
        async () => {
          const v = vectors.requests.find((r) =>
            r.id === "x-docs-api.twitter.com-1.1"
          )!;
          await page.click(`[data-preset="${v.id}"]`);
          await idle(page);
          const secrets = [v.consumerSecret, v.tokenSecret];
          const exported = async (kind: string) => {
            await page.click(`[data-export="${kind}"]`);
            await page.waitForFunction(
              () =>
                (document.getElementById(
                  "export-output",
                ) as HTMLTextAreaElement)
                  .value !== "",
            );
            const value = await page.inputValue("#export-output");
            await page.evaluate(() =>
              (document.getElementById("export-output") as HTMLTextAreaElement)
                .value = ""
            );
            return value;
          };
          const link = await exported("link");
          const markdown = await exported("markdown");
          const dom = await page.content();
          for (const secret of secrets) {
            assert.ok(
              !link.includes(secret) &&
                !link.includes(encodeURIComponent(secret)),
            );
            assert.ok(!markdown.includes(secret));
            assert.ok(!dom.includes(secret));
          }
          assert.ok(link.includes(v.oauth.oauth_consumer_key));
          assert.ok(markdown.includes(v.expected.signature));
          // The share link opens the same request, with its secrets left blank.
          const shared = await playground.newPage();
          await shared.goto(link);
          await idle(shared);
          assert.equal(await shared.inputValue("#f-url"), v.url);
          assert.equal(await shared.inputValue("#f-consumerSecret"), "");
          await shared.close();
          // PLAINTEXT's signature is the key: masked in every placement too.
          await page.click('[data-preset="wiki-testcases-plaintext"]');
          await page.check('[data-cause="key-ampersand-missing"]');
          await idle(page);
          assert.match(await text(page, "#whatif-body"), /masked/);
          assert.ok(!(await page.content()).includes("kd94hf93k423kf44"));
          await page.check("#reveal");
          await idle(page);
          assert.ok((await page.content()).includes("kd94hf93k423kf44"));
          await page.uncheck("#reveal");
          await idle(page);
        },
      );

      await t.step("keyboard navigation reaches every control", async () => {
        await page.goto(playground.url);
        await idle(page);
        const wanted: string[] = await page.evaluate(() => {
          const controls = [
            ...document.querySelectorAll<HTMLElement>(
              'a[href], button, input, select, textarea, summary, [tabindex="0"]',
            ),
          ].filter((e) =>
            e.checkVisibility() && !(e as HTMLButtonElement).disabled
          );
          return controls.map((e, i) => {
            const key = e instanceof HTMLInputElement && e.type === "radio"
              ? `radio:${e.name}`
              : `control:${i}`;
            e.dataset.kb = key;
            return key;
          });
        });
        const reached = new Set<string>();
        for (let i = 0; i < 400 && reached.size < new Set(wanted).size; i++) {
          await page.keyboard.press("Tab");
          const key = await page.evaluate(() =>
            (document.activeElement as HTMLElement | null)?.dataset.kb ?? ""
          );
          if (key !== "") reached.add(key);
        }
        const missed = [...new Set(wanted)].filter((k) => !reached.has(k));
        // Every link on the page leads somewhere on it.
        const dangling = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]
            .map((a) => a.hash)
            .filter((hash) => document.getElementById(hash.slice(1)) === null)
        );
        assert.deepEqual(dangling, []);
        assert.deepEqual(missed, []);
        assert.ok(wanted.length > 60, `${wanted.length} controls`);
      });

      await t.step(
        "the page stores nothing and its CSP refuses every connection",
        async () => {
          const refused = await page.evaluate(async () => {
            try {
              await fetch(location.href);
              return "fetched";
            } catch (error) {
              return String(error);
            }
          });
          assert.match(refused, /TypeError/);
          assert.deepEqual(
            await page.evaluate(() => [localStorage.length, document.cookie]),
            [0, ""],
          );
          assert.equal(await playground.stored(), 0);
        },
      );

      await t.step("no request left the page's origin", () => {
        assert.ok(requests.length >= 4, JSON.stringify(requests));
        const outside = requests.filter((r) => !r.startsWith(`${origin}/`));
        assert.deepEqual(outside, []);
        assert.deepEqual(errors, []);
      });
    } finally {
      await playground.close();
    }
  },
);
