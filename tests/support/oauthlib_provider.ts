// Starts tests/oauthlib_provider.py, an independent OAuth 1.0a provider built
// from oauthlib's server endpoints, on a loopback port, and stops it.

/** The client that oauthlib_provider.py knows: the printer of RFC 5849 §1.2. */
export const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
} as const;

/** A running provider; `await using` stops it. */
export interface RunningProvider extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
}

const SCRIPT = new URL("../oauthlib_provider.py", import.meta.url).pathname;

/** Starts the oauthlib provider and waits for the port it prints. */
export async function startOauthlibProvider(): Promise<RunningProvider> {
  const child = new Deno.Command("/usr/bin/python3", {
    args: [SCRIPT],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  let line = "";
  // Bounded: the port is one short line; stop at the first newline or EOF.
  for (let reads = 0; reads < 100 && !line.includes("\n"); reads++) {
    const { value, done } = await reader.read();
    if (done) break;
    line += value;
  }
  await reader.cancel();
  const port = Number(line.trim());
  const stop = async (): Promise<void> => {
    await child.stdin.close().catch(() => {});
    try {
      child.kill("SIGTERM");
    } catch {
      // It has already stopped because its standard input closed.
    }
    await child.status;
  };
  if (!Number.isInteger(port) || port <= 0) {
    await stop();
    throw new Error(`oauthlib provider did not print a port: got "${line}"`);
  }
  return { origin: `http://127.0.0.1:${port}`, [Symbol.asyncDispose]: stop };
}
