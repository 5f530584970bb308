/**
 * Builds the playground and serves it on 127.0.0.1.
 *
 *     deno task playground [--port 8090]     build, then serve (port printed)
 *     deno task playground:build [--out d]   write the static folder only
 *
 * The build is `index.html`, `style.css`, `icon.svg` and `main.js`: the page's own
 * TypeScript bundled with the library by `deno bundle --platform browser`.
 * Any static host can serve the folder; all computation happens in the page.
 *
 * @module
 */

import { parseArgs } from "node:util";

const HERE = new URL(".", import.meta.url);
/** The default output folder (gitignored). */
export const DIST: string = new URL("dist/", HERE).pathname;

/** The Content-Security-Policy the server sends, as the page's meta says. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Writes the static playground into `out`; returns `out`. */
export async function buildPlayground(out: string = DIST): Promise<string> {
  await Deno.mkdir(out, { recursive: true });
  const bundle = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--output",
      `${out}/main.js`,
      new URL("main.ts", HERE).pathname,
    ],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!bundle.success) {
    throw new Error(
      `Cannot build the playground: deno bundle exited with code ${bundle.code}`,
    );
  }
  for (const file of ["index.html", "style.css", "icon.svg"]) {
    await Deno.copyFile(new URL(file, HERE), `${out}/${file}`);
  }
  return out;
}

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
};

/** Serves the folder `dir` on 127.0.0.1; port 0 picks a free one. */
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
    const name = path === "/" ? "index.html" : path.slice(1);
    const type = TYPES[name.split(".").pop() ?? ""];
    if (!/^[a-z_]+\.(html|css|js|svg)$/.test(name) || type === undefined) {
      return new Response("Not found", { status: 404 });
    }
    try {
      return new Response(await Deno.readFile(`${dir}/${name}`), {
        headers: {
          "content-type": type,
          "content-security-policy": CSP,
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
          "cache-control": "no-store",
        },
      });
    } catch {
      return new Response("Not found", { status: 404 });
    }
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
  if (values["build-only"]) console.log(`Playground written to ${out}`);
  else servePlayground(out, port);
}
