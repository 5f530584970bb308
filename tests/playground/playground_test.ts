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
import {
  buildPlayground,
  PUBLISHED,
  renderPlayground,
} from "../../playground/serve.ts";
import { PRESETS } from "../../playground/presets.ts";
import {
  BLANK_FIELDS,
  type Fields,
  fieldsOfCaptured,
  readFragment,
  shareFragment,
  withProfile,
} from "../../playground/state.ts";
import { importRequest } from "../../client/import.ts";
import { causes } from "../../explain/explain.ts";
import { CHROMIUM, FIREFOX, testWith, type Tool } from "../support/tools.ts";
import { shell } from "../support/support.ts";
import {
  header,
  type TestRequest,
  wrongBaseString,
  wrongSign,
} from "../support/wrong_signer.ts";
import { WHAT_IF_MISTAKES } from "./what_if_mistakes.ts";
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

Deno.test("the committed playground/oauth1-playground.html is what a fresh build writes", async () => {
  const fresh = await renderPlayground();
  const committed = await Deno.readTextFile(PUBLISHED);
  assert.ok(
    fresh === committed,
    "playground/oauth1-playground.html is not the page's current build: run deno task playground:build and commit it",
  );
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

Deno.test("a pasted signed URL fills the form without its protocol parameters", () => {
  const captured = importRequest(
    "http://photos.example.net/photos?file=vacation.jpg&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk&oauth_signature_method=HMAC-SHA256&oauth_timestamp=137131202&oauth_nonce=chapoH&oauth_version=1.0&oauth_signature=x",
  );
  const fields = fieldsOfCaptured(captured, {
    ...BLANK_FIELDS,
    consumerSecret: "kept",
  });
  assert.deepEqual(fields, {
    ...BLANK_FIELDS,
    consumerSecret: "kept",
    url: "http://photos.example.net/photos?file=vacation.jpg",
    consumerKey: "dpf43f3p2l4k3l03",
    token: "nnch734d00sl2jdk",
    signatureMethod: "HMAC-SHA256",
    placement: "query",
    nonce: "chapoH",
    timestamp: "137131202",
    version: true,
  });
});

Deno.test("a profile writes its settings into the form and asks in words for a missing input", () => {
  const netsuite = { ...BLANK_FIELDS, profile: "netsuite" };
  assert.throws(
    () => withProfile(netsuite, { accountId: " " }),
    (e: Error) =>
      e instanceof TypeError &&
      /^NetSuite needs the NetSuite account ID/.test(e.message) &&
      !/inputs\./.test(e.message),
  );
  const fields = withProfile(netsuite, { accountId: "1234567_SB1" });
  assert.equal(fields.signatureMethod, "HMAC-SHA256");
  assert.equal(fields.realm, "1234567_SB1");
  assert.equal(fields.version, true);
  assert.equal(fields.placement, "header");
  assert.deepEqual(withProfile(BLANK_FIELDS, {}), BLANK_FIELDS);
  assert.equal(readFragment("#profile=netsuite").profile, "netsuite");
  assert.equal(readFragment("#profile=nope").profile, undefined);
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

/**
 * The page as rendered, without its script: the built page carries its
 * bundle inline, and the bundle holds the presets' published secrets.
 */
function shown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of copy.querySelectorAll("script")) script.remove();
    return copy.outerHTML;
  });
}

/**
 * The page served, open in a browser, ready; the browser collects its errors
 * and every request its pages make.
 */
async function opened(browser: BrowserName): Promise<{
  playground: Awaited<ReturnType<typeof openPlayground>>;
  page: Page;
  errors: readonly string[];
  requests: readonly string[];
}> {
  const playground = await openPlayground({ browser });
  const page = await playground.newPage();
  await page.goto(playground.url);
  await page.waitForSelector("#presets[data-checked]");
  await idle(page);
  const { errors, requests } = playground;
  return { playground, page, errors, requests };
}

const text = async (page: Page, selector: string): Promise<string> =>
  (await page.textContent(selector)) ?? "";

// The request of RFC 5849 §1.2's example, as the explain tests sign it.
const PHOTOS: TestRequest = {
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
const PHOTOS_SECRETS = {
  consumerSecret: "kd94hf93k423kf44",
  tokenSecret: "pfkkdhi9sl3r4s00",
};

/** `request` as a curl line carrying its Authorization header. */
function curlOf(request: TestRequest, signature: string, realm?: string) {
  const body = request.body === undefined
    ? ""
    : ` -H 'Content-Type: ${request.contentType}' --data-raw '${request.body}'`;
  return `curl -X ${request.method} '${request.url}' -H 'Authorization: ${
    header(request.oauth, signature, realm)
  }'${body}`;
}

async function pasteForExplain(
  page: Page,
  curl: string,
  clientBase = "",
): Promise<void> {
  await page.fill("#e-consumerSecret", PHOTOS_SECRETS.consumerSecret);
  await page.fill("#e-tokenSecret", PHOTOS_SECRETS.tokenSecret);
  await page.fill("#e-clientBase", clientBase);
  await page.fill("#e-text", curl);
}

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
    const { playground, page, errors, requests } = await opened(browser);
    const origin = new URL(playground.url).origin;
    try {
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
        "What if offers one choice per knob, grouped by stage, and every setting signs as the test signer",
        async () => {
          const v = vectors.requests.find((r) =>
            r.id === "x-docs-api.twitter.com-1.1"
          )!;
          await page.click(`[data-preset="${v.id}"]`);
          await idle(page);
          // The protocol parameters in the order the page's Authorization
          // header sends them, which an unsorted signer keeps.
          const sentOrder = [
            "oauth_consumer_key",
            "oauth_token",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_nonce",
            "oauth_version",
          ] as const;
          const request: TestRequest = {
            method: v.method,
            url: v.url,
            body: v.body!,
            contentType: v.contentType!,
            oauth: sentOrder.map((n) => [n, v.oauth[n]!]),
          };
          const marks = () =>
            page.locator("#whatif-body mark").allTextContents();
          const choose = async (id: string) => {
            const knob = causes.find((c) => c.id === id)!.knob;
            await page.selectOption(`[data-knob="${knob}"]`, id);
            await idle(page);
          };
          assert.deepEqual(await marks(), []);
          await choose("plus-for-space");
          const plus = await marks();
          assert.ok(plus.some((m) => m.includes("+")), JSON.stringify(plus));
          assert.equal(
            await text(page, "#whatif-signature"),
            wrongSign(request, v, { encoder: "plus-for-space" }),
          );
          // Another value of the same knob replaces it: one choice per knob.
          await choose("encode-uri-component");
          assert.notDeepEqual(await marks(), plus);
          assert.equal(
            await text(page, "#whatif-signature"),
            wrongSign(request, v, { encoder: "encodeURIComponent" }),
          );
          // A choice of another knob goes with it.
          await choose("key-ampersand-missing");
          assert.equal(
            await text(page, "#whatif-signature"),
            wrongSign(request, v, {
              encoder: "encodeURIComponent",
              keyWithoutAmpersand: true,
            }),
          );
          await page.click("#whatif-reset");
          await idle(page);
          assert.deepEqual(await marks(), []);
          // One select per knob, the RFC's value first, in stages in the
          // order of the computation.
          const selects = await page.locator("[data-knob]").evaluateAll(
            (elements) =>
              elements.map((e) => ({
                knob: e.dataset.knob!,
                stage: e.closest("fieldset")!.querySelector("legend")!
                  .textContent!,
                options: [...(e as HTMLSelectElement).options].map((o) => ({
                  value: o.value,
                  text: o.textContent!,
                })),
              })),
          );
          const signable = causes.filter((c) => c.whatIf);
          const knobs = [...new Set(signable.map((c) => c.knob))];
          assert.deepEqual(selects.map((s) => s.knob).sort(), knobs.sort());
          // Within a stage, the knobs keep the order of the computation.
          for (const stage of new Set(selects.map((s) => s.stage))) {
            const here = selects.filter((s) => s.stage === stage).map((s) =>
              s.knob
            );
            assert.deepEqual(
              here,
              knobs.filter((k) => here.includes(k)).sort((a, b) =>
                signable.findIndex((c) => c.knob === a) -
                signable.findIndex((c) => c.knob === b)
              ),
            );
          }
          assert.deepEqual(
            [...new Set(selects.map((s) => s.stage.replace(/ \(.*/, "")))],
            [
              "The base string URI",
              "The parameters",
              "The encoding",
              "The base string",
              "The key",
              "The digest",
            ],
          );
          for (const s of selects) {
            const knob = signable.filter((c) => c.knob === s.knob);
            assert.deepEqual(s.options[0], {
              value: "",
              text: `RFC: ${knob[0]!.rfc}`,
            });
            assert.deepEqual(
              s.options.slice(1).map((o) => o.value),
              knob.map((c) => c.id),
            );
          }
          // Every setting offered signs as the test signer makes it, or,
          // when it changes nothing in this request, says so.
          for (const id of signable.map((c) => c.id)) {
            await choose(id);
            assert.equal(await page.isHidden("#sign-error"), true, id);
            const mistakes = WHAT_IF_MISTAKES[id];
            if (mistakes === undefined) {
              assert.match(
                await text(page, "#whatif-body"),
                /Nothing to change/,
                id,
              );
              assert.equal(
                await text(page, "#whatif-signature"),
                v.expected.signature,
                id,
              );
            } else {
              assert.equal(
                await text(page, "#whatif-signature"),
                wrongSign(request, v, mistakes),
                id,
              );
            }
            await page.click("#whatif-reset");
          }
          await idle(page);
        },
      );

      await t.step(
        "a pasted request signed with + for space gets that cause named",
        async () => {
          const signature = wrongSign(PHOTOS, PHOTOS_SECRETS, {
            encoder: "plus-for-space",
          });
          await pasteForExplain(page, curlOf(PHOTOS, signature));
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
          const dom = await shown(page);
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
          await page.selectOption(
            '[data-knob="key-ampersand"]',
            "key-ampersand-missing",
          );
          await idle(page);
          assert.match(await text(page, "#whatif-body"), /masked/);
          assert.ok(!(await shown(page)).includes("kd94hf93k423kf44"));
          await page.check("#reveal");
          await idle(page);
          assert.ok((await shown(page)).includes("kd94hf93k423kf44"));
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
        // One file: the page itself, with its script, style and icon inside.
        assert.ok(requests.length >= 1, JSON.stringify(requests));
        const outside = requests.filter((r) => !r.startsWith(`${origin}/`));
        assert.deepEqual(outside, []);
        assert.deepEqual(errors, []);
      });
    } finally {
      await playground.close();
    }
  },
);

// The CLI as a user runs it (sh, from the repository's root), for the
// verdicts the page must agree with.
function cli(
  args: string[],
  secrets: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const env = Object.entries(secrets).map(([name, value]) =>
    `${name}=${quote(value)}`
  );
  return shell(
    [
      ...env,
      "deno run --allow-read --allow-env cli/main.ts",
      ...args.map(quote),
    ]
      .join(" "),
  );
}

// A NetSuite RESTlet call: the account is 1234567_SB1, its host 1234567-sb1.
const NETSUITE_URL =
  "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1";
const NETSUITE_SECRETS = {
  OAUTH_CONSUMER_KEY: "ck-netsuite",
  OAUTH_CONSUMER_SECRET: "cs-netsuite",
  OAUTH_TOKEN: "tk-netsuite",
  OAUTH_TOKEN_SECRET: "ts-netsuite",
};

/** The CLI's signed request for the NetSuite URL, as a curl line. */
async function netsuiteCurl(method: string, realm: string): Promise<string> {
  const signed = await cliSign([
    "--signature-method",
    method,
    "--realm",
    realm,
  ]);
  return /^curl: +(.*)$/m.exec(signed)![1]!;
}

/** `cli sign` of the NetSuite URL at a fixed nonce and time: its output. */
async function cliSign(flags: string[]): Promise<string> {
  const run = await cli([
    "sign",
    ...flags,
    "--url",
    NETSUITE_URL,
    "--nonce",
    "n0nce",
    "--timestamp",
    "1700000000",
  ], NETSUITE_SECRETS);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

/** The lines of text an element shows, as laid out. */
function shownLines(page: Page, selector: string): Promise<string[][]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const lines: { top: number; text: string }[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          const line = lines.find((l) => Math.abs(l.top - top) < 4);
          if (line) line.text += text[i];
          else lines.push({ top, text: text[i]! });
        }
      }
      return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
    })
  );
}

/** Whatever is clipped or hidden behind a scroll box, at this width. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${e.className}`;
    if (document.documentElement.scrollWidth > innerWidth) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    for (const e of document.querySelectorAll("main *")) {
      if (!(e as HTMLElement).checkVisibility?.()) continue;
      const style = getComputedStyle(e);
      if (style.contentVisibility === "auto") found.push(`${name(e)} skipped`);
      if (["INPUT", "TEXTAREA", "SELECT", "OPTION"].includes(e.tagName)) {
        continue;
      }
      if (style.display !== "inline" && e.scrollWidth > e.clientWidth + 1) {
        found.push(`${name(e)} clipped: ${e.scrollWidth} > ${e.clientWidth}`);
      }
    }
    for (const row of document.querySelectorAll("#params-body tr")) {
      for (
        let e = row.parentElement;
        e && e !== document.body;
        e = e.parentElement
      ) {
        const { overflowX, overflowY } = getComputedStyle(e);
        if (overflowY !== "visible" || overflowX !== "visible") {
          found.push(
            `row ${row.getAttribute("data-pos")} in a box: ${name(e)}`,
          );
        }
      }
    }
    return found;
  });
}

testInEachBrowser(
  "the playground's profiles, words, layout and loading agree with the CLI, in {browser}",
  async (t, browser) => {
    const { playground, page, errors } = await opened(browser);
    try {
      await t.step(
        "a profile's verdicts in Paste and explain are the CLI's, NetSuite's HMAC-SHA1 and realm 1234567-sb1 included",
        async () => {
          const cases: [string, string, string][] = [
            ["HMAC-SHA1", "1234567_SB1", "netsuite"],
            ["HMAC-SHA256", "1234567-sb1", "netsuite"],
            ["HMAC-SHA256", "1234567_SB1", "netsuite"],
            ["HMAC-SHA1", "1234567_SB1", ""],
          ];
          await page.fill(
            "#e-consumerSecret",
            NETSUITE_SECRETS.OAUTH_CONSUMER_SECRET,
          );
          await page.fill(
            "#e-tokenSecret",
            NETSUITE_SECRETS.OAUTH_TOKEN_SECRET,
          );
          const verdicts: string[] = [];
          for (const [method, realm, profile] of cases) {
            const curl = await netsuiteCurl(method, realm);
            const run = await cli(
              [
                "explain",
                "--json",
                ...(profile === "" ? [] : ["--profile", profile]),
                curl,
              ],
              NETSUITE_SECRETS,
            );
            const report = JSON.parse(run.stdout);
            await page.selectOption("#profile-select", profile);
            await page.fill("#e-text", "");
            await page.fill("#e-text", curl);
            await page.waitForSelector("#e-verdict");
            const verdict = await text(page, "#e-verdict");
            assert.match(
              verdict,
              report.verdict === "valid" ? /^✓ Valid/ : /^✗ Invalid/,
              `${method} ${realm} ${profile}: the CLI says ${report.verdict}`,
            );
            const findings = await page.locator("#e-output li.finding")
              .allTextContents();
            assert.deepEqual(
              findings,
              report.findings.map((f: { severity: string; message: string }) =>
                `${f.severity}: ${f.message}`
              ),
            );
            verdicts.push(`${method} ${realm} ${profile}: ${report.verdict}`);
          }
          // NetSuite refuses HMAC-SHA1 and the host's form of the account.
          assert.deepEqual(verdicts, [
            "HMAC-SHA1 1234567_SB1 netsuite: invalid",
            "HMAC-SHA256 1234567-sb1 netsuite: invalid",
            "HMAC-SHA256 1234567_SB1 netsuite: valid",
            "HMAC-SHA1 1234567_SB1 : valid",
          ]);
        },
      );

      await t.step(
        "Sign and watch signs with NetSuite's settings, as cli sign --profile does, and checks its rules",
        async () => {
          await page.selectOption("#profile-select", "netsuite");
          await idle(page);
          assert.match(await text(page, "#sign-error"), /account ID/);
          await page.fill("#profile-input-accountId", "1234567_SB1");
          await page.fill("#f-url", NETSUITE_URL);
          await page.fill(
            "#f-consumerKey",
            NETSUITE_SECRETS.OAUTH_CONSUMER_KEY,
          );
          await page.fill(
            "#f-consumerSecret",
            NETSUITE_SECRETS.OAUTH_CONSUMER_SECRET,
          );
          await page.fill("#f-token", NETSUITE_SECRETS.OAUTH_TOKEN);
          await page.fill(
            "#f-tokenSecret",
            NETSUITE_SECRETS.OAUTH_TOKEN_SECRET,
          );
          await page.fill("#f-nonce", "n0nce");
          await page.fill("#f-timestamp", "1700000000");
          await idle(page);
          assert.equal(
            await page.inputValue("#f-signatureMethod"),
            "HMAC-SHA256",
          );
          assert.equal(await page.inputValue("#f-realm"), "1234567_SB1");
          const signed = await cliSign([
            "--profile",
            "netsuite",
            "--profile-input",
            "accountId=1234567_SB1",
          ]);
          assert.equal(
            await text(page, "#placed-header"),
            /^(Authorization: .*)$/m.exec(signed)![1],
          );
          assert.match(
            await text(page, "#profile-check"),
            /^✓ Follows NetSuite/,
          );
          await page.selectOption("#f-signatureMethod", "HMAC-SHA1");
          await idle(page);
          assert.match(await text(page, "#profile-check"), /^✗ NetSuite/);
          assert.equal(
            await page.locator(
              '#profile-lint [data-rule="netsuite/signature-method"]',
            ).count(),
            1,
          );
          await page.selectOption("#profile-select", "");
          await idle(page);
          assert.equal(await text(page, "#profile-lint"), "");
        },
      );

      await t.step(
        "each step is told in words that follow the request, and the three legs say what each sends",
        async () => {
          await page.click('[data-preset="rfc5849-1.2-photos"]');
          await idle(page);
          await page.fill("#f-url", "http://example.com/catalog?term=fargo");
          await idle(page);
          assert.match(
            await text(page, "#say-step1"),
            /The query \?term=fargo leaves the URI and joins the parameters/,
          );
          assert.match(await text(page, "#say-input"), /one query parameter/);
          await page.fill("#f-url", "http://EXAMPLE.com:80/catalog");
          await idle(page);
          assert.match(await text(page, "#say-step1"), /host .*lower case/);
          assert.match(await text(page, "#say-step1"), /default port/);
          assert.doesNotMatch(await text(page, "#say-step1"), /query/);
          assert.match(
            await text(page, "#say-step4"),
            /^HMAC-SHA1 over the base string/,
          );
          const legs = await page.locator("#legs-body li").allTextContents();
          assert.equal(legs.length, 3);
          assert.match(legs[0]!, /oauth_callback/);
          assert.doesNotMatch(legs[0]!, /oauth_token|oauth_verifier/);
          assert.match(
            legs[1]!,
            /oauth_token.*oauth_verifier|oauth_verifier.*oauth_token/,
          );
          assert.doesNotMatch(legs[2]!, /oauth_callback|oauth_verifier/);
          // The photos request has a token: the third leg is marked.
          assert.equal(
            await page.locator("#legs-body li.this").getAttribute("data-leg"),
            "2",
          );
        },
      );

      for (const [width, height] of [[1280, 900], [390, 844]] as const) {
        await t.step(
          `at ${width}×${height} every parameter row is in view, no text is clipped, and names wrap only after _`,
          async () => {
            await page.setViewportSize({ width, height });
            for (
              const preset of [
                "x-docs-api.twitter.com-1.1",
                "wiki-testcases-plaintext",
              ]
            ) {
              await page.click(`[data-preset="${preset}"]`);
              await idle(page);
              await page.fill(
                "#e-text",
                "https://api.twitter.com/1.1/statuses/update.json?include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_signature_method=HMAC-SHA1&oauth_signature=x",
              );
              await page.waitForSelector("#e-read");
              assert.deepEqual(await clipped(page), [], preset);
              const names = await shownLines(
                page,
                "#params-body td:nth-child(3) code:first-child",
              );
              for (const lines of names) {
                for (const line of lines.slice(0, -1)) {
                  assert.match(line, /_$/, JSON.stringify(lines));
                }
              }
              assert.equal(
                await page.locator("#params-body tr").count(),
                await page.locator("#normalized [data-pos]").count(),
              );
            }
            // A full-page capture renders every panel: none is skipped.
            const path = await Deno.makeTempFile({ suffix: ".png" });
            try {
              await page.screenshot({ path, fullPage: true });
              assert.ok((await Deno.stat(path)).size > 10_000);
            } finally {
              await Deno.remove(path);
            }
          },
        );
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      await t.step(
        "a bare Authorization header asks for its URL in place, in words",
        async () => {
          await page.evaluate(() => {
            (document.getElementById("e-url") as HTMLInputElement).value = "";
          });
          await page.fill(
            "#e-text",
            'Authorization: OAuth oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
          );
          await page.waitForSelector("#e-ask");
          assert.equal(await page.isHidden("#e-url"), false);
          assert.doesNotMatch(await text(page, "#e-output"), /options\.url/);
          assert.match(await text(page, "#e-ask"), /URL/);
          await page.fill("#e-consumerSecret", "kd94hf93k423kf44");
          await page.fill("#e-tokenSecret", "pfkkdhi9sl3r4s00");
          await page.fill(
            "#e-url",
            "http://photos.example.net/photos?file=vacation.jpg&size=original",
          );
          await page.waitForSelector("#e-verdict");
          assert.match(await text(page, "#e-verdict"), /^✓ Valid/);
        },
      );

      await t.step(
        "a pasted request loads into Sign and watch and signs the same again",
        async () => {
          await page.click("#e-load");
          await idle(page);
          assert.equal(
            await page.inputValue("#f-url"),
            "http://photos.example.net/photos?file=vacation.jpg&size=original",
          );
          assert.equal(await page.inputValue("#f-nonce"), "chapoH");
          assert.equal(await page.inputValue("#f-token"), "nnch734d00sl2jdk");
          // RFC 5849 §1.2's resource request, with its published signature.
          assert.equal(
            await text(page, "#signature"),
            "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
          );
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await playground.close();
    }
  },
);

testInEachBrowser(
  "the built page, opened from its file in {browser}, signs a published vector",
  async (_t, browser) => {
    const dir = await Deno.makeTempDir({ prefix: "oauth1-page-" });
    const playground = await openPlayground({ browser });
    try {
      await buildPlayground(dir);
      const entries = [];
      for await (const entry of Deno.readDir(dir)) entries.push(entry.name);
      assert.deepEqual(entries, ["index.html"]);
      const html = await Deno.readTextFile(`${dir}/index.html`);
      // Nothing to fetch: no script, style or icon of its own file.
      assert.doesNotMatch(
        html,
        /<script[^>]*src=|<link[^>]*stylesheet|href="icon/,
      );
      assert.match(html, /script-src 'sha256-[A-Za-z0-9+/]+=*'/);
      assert.match(html, /connect-src 'none'/);
      const page = await playground.newPage();
      const { errors } = playground;
      const served = playground.requests.length; // the served page's, before
      await page.goto(`file://${dir}/index.html`);
      await page.waitForSelector("#presets[data-checked]");
      const v = vectors.requests.find((r) =>
        r.id === "x-docs-api.twitter.com-1.1"
      )!;
      await typeVector(page, v);
      assert.equal(await text(page, "#base-string"), v.expected.baseString);
      assert.equal(await text(page, "#signature"), v.expected.signature);
      assert.equal(
        await page.locator("#preset-list .status.ok").count(),
        PRESETS.length,
      );
      // The committed copy, downloaded and double-clicked, does the same.
      await page.goto(`file://${PUBLISHED}`);
      await page.waitForSelector("#presets[data-checked]");
      await typeVector(page, v);
      assert.equal(await text(page, "#signature"), v.expected.signature);
      assert.deepEqual(errors, []);
      assert.deepEqual(
        playground.requests.slice(served).filter((r) =>
          !r.startsWith("file:") && !r.startsWith("data:")
        ),
        [],
      );
    } finally {
      await playground.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
);

testInEachBrowser(
  "Paste and explain in {browser}: the client's base string, the search's progress and Stop, the checklist",
  async (t, browser) => {
    const { playground, page, errors } = await opened(browser);
    try {
      await t.step(
        "the base string the client's code logged is aligned step by step, its departure named in words",
        async () => {
          // Signed with the realm among the parameters, the digest in hex.
          const mistakes = {
            alsoSign: [["realm", "Photos"]] as [string, string][],
            hex: true,
          };
          const signature = wrongSign(PHOTOS, PHOTOS_SECRETS, mistakes);
          await pasteForExplain(
            page,
            curlOf(PHOTOS, signature, "Photos"),
            wrongBaseString(PHOTOS, mistakes),
          );
          await page.waitForSelector(".client-departure");
          const steps = await page.locator(".client-departure [data-step]")
            .evaluateAll((items) => items.map((i) => i.dataset.step));
          assert.deepEqual(steps, ["realm-signed", "hex-digest"]);
          const said = await text(page, ".client-departure");
          const realm = causes.find((c) => c.id === "realm-signed")!;
          assert.ok(
            said.includes(
              `§${realm.section}, ${realm.decision}. RFC 5849: ${realm.rfc}. Your code: ${realm.title}.`,
            ),
          );
          assert.match(
            said,
            /Your code's base string signs realm, which a correct signer does not\./,
          );
          // The labelled diff marks the realm the client's code signed.
          const marked = await page.locator(".client-departure mark")
            .allTextContents();
          assert.ok(marked.join("").includes("realm"), JSON.stringify(marked));
          // The same base string as a correct signer's: the departure is
          // after it.
          const hexOnly = wrongSign(PHOTOS, PHOTOS_SECRETS, { hex: true });
          await pasteForExplain(
            page,
            curlOf(PHOTOS, hexOnly),
            wrongBaseString(PHOTOS),
          );
          await page.waitForSelector("#e-client-same");
          assert.deepEqual(
            await page.locator(".client-departure [data-step]").evaluateAll(
              (items) => items.map((i) => i.dataset.step),
            ),
            ["hex-digest"],
          );
        },
      );

      await t.step(
        "when nothing reproduces the signature, the checklist names the request's own values",
        async () => {
          const signature = wrongSign(PHOTOS, { consumerSecret: "another" });
          await pasteForExplain(page, curlOf(PHOTOS, signature));
          await page.waitForSelector("#e-unexplained");
          const items = await page.locator("#e-unexplained li")
            .allTextContents();
          assert.ok(items.length >= 4, JSON.stringify(items));
          assert.match(items[0]!, /consumer secret given has 16 characters/);
          assert.match(items[0]!, /"dpf43f3p2l4k3l03"/);
          assert.ok(
            items.some((i) => i.includes("GET http://example.com/search")),
          );
          assert.ok(
            items.some((i) =>
              i.includes(new Date(1318622958 * 1000).toISOString())
            ),
          );
          assert.match(
            await text(page, "#explain"),
            /The search tried \d+ combinations of up to three wrong settings/,
          );
        },
      );

      await t.step(
        "a search longer than half a second shows its progress, the page answers meanwhile, and Stop ends it",
        async () => {
          // Many knobs apply and every combination signs 2,000 fields: the
          // search runs for seconds, and nothing reproduces the signature.
          const fields = Array.from(
            { length: 2000 },
            (_, i) => `&f${i}=v+${i}%21`,
          ).join("");
          const heavy: TestRequest = {
            ...PHOTOS,
            method: "POST",
            url:
              "https://api.example.com:8443/a%20b/items/?q=a+b&q=c%2Bd&empty=&z=%C3%A9",
            body: `status=Hello+world%21&empty=&dup=1&dup=2${fields}`,
            contentType: "application/x-www-form-urlencoded",
          };
          const signature = wrongSign(heavy, { consumerSecret: "another" });
          await pasteForExplain(page, curlOf(heavy, signature, "Photos"));
          await page.waitForSelector("#e-progress:not([hidden])");
          const done = async () => {
            const said = await text(page, "#e-progress-text");
            return Number(/(\d+) of \d+/.exec(said)?.[1] ?? -1);
          };
          // The page paints and answers while the search runs.
          const painted = await page.evaluate(() =>
            new Promise<boolean>((resolve) =>
              requestAnimationFrame(() => resolve(true))
            )
          );
          assert.equal(painted, true);
          const first = await done();
          await page.waitForFunction(() =>
            /[1-9]\d* of/.test(
              document.getElementById("e-progress-text")!.textContent!,
            )
          );
          let later = await done();
          for (let i = 0; i < 50 && later <= first; i++) {
            await new Promise((r) => setTimeout(r, 100));
            later = await done();
          }
          assert.ok(later > first, `${first} then ${later}`);
          await page.click("#e-stop");
          await page.waitForSelector("#e-stopped");
          assert.match(
            await text(page, "#e-stopped"),
            /^Stopped: \d+ of \d+ combinations tried/,
          );
          assert.equal(await page.isHidden("#e-progress"), true);
          assert.equal(await page.locator("#e-verdict").count(), 0);
        },
      );
      assert.deepEqual(errors, []);
    } finally {
      await playground.close();
    }
  },
);
