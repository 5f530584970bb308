// A throwaway redis-server for tests and the load script: a free port on
// 127.0.0.1, a temporary directory, no persistence (unless args turn it on);
// stop() ends it and removes the directory.
import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisNonceClient } from "../../server/nonce_store_redis.ts";

/** A running redis-server. */
export interface RedisServer {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** `redis://127.0.0.1:port`. */
  readonly url: string;
  /** Ends the server (SIGKILL, as a crash would) and removes its directory. */
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function answersPing(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("PING\r\n"));
      const buffer = new Uint8Array(16);
      const n = await conn.read(buffer);
      return new TextDecoder().decode(buffer.subarray(0, n ?? 0)) ===
        "+PONG\r\n";
    } finally {
      conn.close();
    }
  } catch {
    return false; // not listening yet
  }
}

/** Options for {@linkcode startRedis}. */
export interface StartRedisOptions {
  /** The port: a free one by default; an old one to restart a server. */
  port?: number;
  /** More arguments, such as `["--replicaof", "127.0.0.1", "6379"]`. */
  args?: string[];
  /** The directory for its files, kept on stop: a new one by default, removed. */
  dir?: string;
}

/** Starts redis-server and waits (at most 10 s) until it answers PING. */
export async function startRedis(
  options: StartRedisOptions = {},
): Promise<RedisServer> {
  const dir = options.dir ??
    await Deno.makeTempDir({ dir: "/tmp", prefix: "redis-" });
  const port = options.port ?? freePort();
  const child = new Deno.Command("redis-server", {
    args: [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
      ...options.args ?? [],
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      child.kill("SIGKILL");
      await child.status;
      if (options.dir === undefined) {
        await Deno.remove(dir, { recursive: true });
      }
    }
  };
  for (let i = 0; i < 200; i++) {
    if (await answersPing(port)) {
      return { port, url: `redis://127.0.0.1:${port}`, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} in 10 s`);
}

/** The two clients the store is tested with. */
export type RedisClientKind = "node-redis" | "ioredis";

/**
 * Connects a client of `kind` that fails a command at once while Redis is
 * down (rather than queue it), and swallows its connection errors.
 */
export async function connectRedis(
  kind: RedisClientKind,
  url: string,
): Promise<{ client: RedisNonceClient; close(): Promise<void> }> {
  if (kind === "node-redis") {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: 100 },
    });
    client.on("error", () => {}); // a stopped Redis, in the tests that stop it
    await client.connect();
    return { client, close: () => Promise.resolve(client.destroy()) };
  }
  const client = new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 100,
    lazyConnect: true,
  });
  client.on("error", () => {});
  await client.connect();
  return {
    client,
    close: () => Promise.resolve(client.disconnect()),
  };
}
