/**
 * Builds the playground and serves it on 127.0.0.1.
 *
 *     deno task playground [--port 8090]     build, then serve (port printed)
 *     deno task playground:build [--out d]   write the page only, and the
 *                                            committed copy
 *
 * The build is one self-contained file, `index.html`: the page's own
 * TypeScript bundled with the library by `deno bundle --platform browser`,
 * the style sheet and the icon, all inlined, under a Content-Security-Policy
 * that allows exactly that script and that style (by their SHA-256) and no
 * connection at all. Open it from disk (`file://`) or put it on any static
 * host; all computation happens in the page. The build is deterministic: its
 * copy committed as `playground/oauth1-playground.html` is what a fresh build
 * writes, for those who open the page without a clone.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { toBase64 } from "../core/codec.ts";

const HERE = new URL(".", import.meta.url);
/** The default output folder (gitignored). */
export const DIST: string = new URL("dist/", HERE).pathname;

/** The name of the built page in the output folder. */
export const PAGE = "index.html";

/** The built page's committed copy, to download and open with no Deno. */
export const PUBLISHED: string =
  new URL("oauth1-playground.html", HERE).pathname;

/**
 * The page's Content-Security-Policy, for its script's and its style's
 * SHA-256 (base64): nothing but them runs or styles the page, and it may
 * connect nowhere. A server adds `frame-ancestors 'none'`, which a meta tag
 * cannot carry.
 */
export function pagePolicy(scriptHash: string, styleHash: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    `style-src 'sha256-${styleHash}'`,
    "img-src data:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return toBase64(new Uint8Array(digest));
}

// Replaces the one occurrence of `tag` in `html`, or says what is missing.
function inline(html: string, tag: string, replacement: string): string {
  if (html.split(tag).length !== 2) {
    throw new Error(
      `Cannot build the playground: index.html must hold ${tag} once`,
    );
  }
  return html.replace(tag, () => replacement);
}

/** The bundled script of the page, as text fit for an inline `<script>`. */
async function bundle(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "oauth1-bundle-" });
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--platform",
        "browser",
        "--minify",
        "--output",
        `${dir}/main.js`,
        new URL("main.ts", HERE).pathname,
      ],
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!output.success) {
      throw new Error(
        `Cannot build the playground: deno bundle exited with code ${output.code}`,
      );
    }
    // "</script" would end the element early; "<\/script" means the same in
    // a string or a regular expression.
    const script = (await Deno.readTextFile(`${dir}/main.js`))
      .replace(/<\/(script)/gi, "<\\/$1");
    if (/<!--|<script/i.test(script)) {
      throw new Error(
        "Cannot build the playground: the bundle holds <!-- or <script, which an inline script cannot",
      );
    }
    return script;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The playground as one self-contained HTML text, built afresh. */
export async function renderPlayground(): Promise<string> {
  const read = (name: string) => Deno.readTextFile(new URL(name, HERE));
  const [template, style, icon, script] = await Promise.all([
    read("index.html"),
    read("style.css"),
    read("icon.svg"),
    bundle(),
  ]);
  const policy = pagePolicy(await sha256(script), await sha256(style));
  let html = inline(
    template,
    'content="(the policy of the build)"',
    `content="${policy}"`,
  );
  html = inline(
    html,
    '<link rel="icon" href="icon.svg" type="image/svg+xml">',
    `<link rel="icon" href="data:image/svg+xml,${
      encodeURIComponent(icon.trim())
    }" type="image/svg+xml">`,
  );
  html = inline(
    html,
    '<link rel="stylesheet" href="style.css">',
    `<style>${style}</style>`,
  );
  html = inline(
    html,
    '<script type="module" src="main.js"></script>',
    `<script type="module">${script}</script>`,
  );
  return html;
}

/**
 * Writes the playground, one self-contained `index.html`, into `out`;
 * returns `out`.
 */
export async function buildPlayground(out: string = DIST): Promise<string> {
  const html = await renderPlayground();
  await Deno.mkdir(out, { recursive: true });
  await Deno.writeTextFile(`${out}/${PAGE}`, html);
  return out;
}

/** The policy a built page carries in its meta tag, and `frame-ancestors`. */
function servedPolicy(html: string): string {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/
    .exec(html);
  return `${meta?.[1] ?? "default-src 'none'"}; frame-ancestors 'none'`;
}

/**
 * Serves the built page of the folder `dir` on 127.0.0.1, at `/` and
 * `/index.html`, with its policy as a header too; port 0 picks a free one.
 */
export function servePlayground(
  dir: string,
  port: number,
  onListen: (url: string) => void = (url) =>
    console.log(`OAuth 1.0a playground on ${url}`),
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen: ({ port }) => onListen(`http://127.0.0.1:${port}/`),
  }, async (request) => {
    const path = new URL(request.url).pathname;
    if (path !== "/" && path !== `/${PAGE}`) {
      return new Response("Not found", { status: 404 });
    }
    const html = await Deno.readTextFile(`${dir}/${PAGE}`);
    return new Response(html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": servedPolicy(html),
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cache-control": "no-store",
      },
    });
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      port: { type: "string", default: "8090" },
      out: { type: "string", default: DIST },
      "build-only": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `Cannot serve the playground: --port must be an integer from 0 to 65535: current port is "${values.port}"`,
    );
    Deno.exit(2);
  }
  const out = await buildPlayground(values.out);
  if (values["build-only"]) {
    await Deno.copyFile(`${out}/${PAGE}`, PUBLISHED);
    console.log(
      `Playground written to ${
        out.replace(/\/?$/, "/")
      }${PAGE} and ${PUBLISHED}: open either in a browser`,
    );
  } else servePlayground(out, port);
}
