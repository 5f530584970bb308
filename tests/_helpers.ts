// Test helpers: a server on 127.0.0.1 (port 0) for real HTTP round trips,
// oauthlib through /usr/bin/python3, and a lookup over known clients.

import type { Credentials, VerifyLookup } from "../mod.ts";

/** A running loopback server. */
export interface Loopback {
  /** The base URL, such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1, port 0. */
export function serveLoopback(
  handler: (request: Request) => Response | Promise<Response>,
): Loopback {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    handler,
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/** Runs `/usr/bin/python3` (which has oauthlib) on a script, JSON in and out. */
export async function python(script: string, input: unknown): Promise<unknown> {
  const child = new Deno.Command("/usr/bin/python3", {
    args: [script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) {
    throw new Error(
      `python3 ${script} failed: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}

/** A verifier's lookup that knows these clients and their tokens. */
export function lookupOf(...clients: Credentials[]): VerifyLookup {
  return {
    consumer: (key) => {
      const client = clients.find((c) => c.consumerKey === key);
      return Promise.resolve(client && { secret: client.consumerSecret });
    },
    token: (token, key) => {
      const client = clients.find((c) =>
        c.token === token && c.consumerKey === key
      );
      return Promise.resolve(client && { secret: client.tokenSecret ?? "" });
    },
  };
}
