// A Deno program run as a server in its own process: it prints one line when
// it listens (its port or its URL), and is stopped with SIGTERM.

/** The permissions of a loopback server that talks to Redis through npm. */
export const LOOPBACK_SERVER: readonly string[] = [
  "--allow-net=127.0.0.1",
  "--allow-read",
  "--allow-env",
  "--allow-sys",
];

/** A server process that has printed its first line. */
export interface Spawned {
  /** The first line it printed, without the newline. */
  readonly line: string;
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>;
}

/**
 * Runs `deno run ...args` and waits for its first line of output; its
 * stderr is the caller's unless `stderr` is `"null"`.
 *
 * @throws {Error} If the process ends before it prints a line.
 */
export async function spawnServer(
  args: string[],
  env: Record<string, string> = {},
  stderr: "inherit" | "null" = "inherit",
): Promise<Spawned> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr,
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already ended
    }
    await lines.cancel();
    await child.status;
  };
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await lines.read();
    if (done) {
      await stop();
      throw new Error(`deno run ${args.join(" ")} ended before listening`);
    }
    text += value;
  }
  return { line: text.slice(0, text.indexOf("\n")), stop };
}
