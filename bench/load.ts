// Load on loopback, as a ratio measured in one run: a bare Deno.serve() that
// answers "ok" against one that runs verifyRequest() first, with nonces in
// memory and in Redis, for HMAC-SHA1 and RSA-SHA256, with the default Web
// Crypto methods and (nonces in memory) with @oauth1/steps/node-crypto's, the
// same client for all;
// and the floor, a server that runs one Web Crypto HMAC verification and
// nothing else, which no Web Crypto verifier can beat; and the ceiling of
// trimming, verifyRequest() with an HMAC-SHA1 check that costs nothing.
// Each server is its own process (bench/_load_server.ts); this process is the
// client: requests signed before each row (outside the timing), COUNT of them
// timed after WARMUP, IN_FLIGHT at once, on 127.0.0.1 only. Five rounds, the
// rows interleaved in each; each row is the median of its rounds, and the
// headline is the server's CPU time per request, which moves less than
// requests/s on a shared machine. Bounded: at most 60 s a row.
//
//     deno task load              (Redis rows need redis-server on PATH;
//                                  LOAD_ROUNDS, LOAD_COUNT: 5, 6000)
import process from "node:process";
import { Redis } from "ioredis";
import { signRequest } from "../mod.ts";
import { type RedisServer, startRedis } from "../tests/support/redis.ts";
import { LOOPBACK_SERVER, spawnServer } from "../tests/support/spawn.ts";
import { rsaTestKey } from "../tests/support/support.ts";
import { REDIS } from "../tests/support/tools.ts";
import { LOAD_CLIENT, PUBLIC } from "./_load_client.ts";

const COUNT = Number(Deno.env.get("LOAD_COUNT") ?? 6000);
const WARMUP = 500;
const IN_FLIGHT = 32;
const ROUNDS = Number(Deno.env.get("LOAD_ROUNDS") ?? 5);
const ROW_LIMIT_MS = 60_000;
const PATH = "/1.1/statuses/home_timeline.json?count=20&include_entities=true";

type Method = "HMAC-SHA1" | "RSA-SHA256";
type Mode = "bare" | "floor" | "nocrypto" | "memory" | "node" | "redis";

// The suite's fixed RSA test key: the server verifies with its public half.
const rsaKey = await rsaTestKey();
const publicKey = rsaKey.publicPem;

/** COUNT + WARMUP Authorization headers, each with its own nonce. */
async function signAll(
  method: Method,
  count = COUNT + WARMUP,
): Promise<string[]> {
  const headers: string[] = [];
  for (let i = 0; i < count; i++) {
    const signed = await signRequest(
      { method: "GET", url: PUBLIC + PATH },
      { ...LOAD_CLIENT, privateKey: rsaKey.pem },
      { signatureMethod: method },
    );
    headers.push(signed.authorization);
  }
  return headers;
}

async function startServer(
  mode: Mode,
  redis: RedisServer | undefined,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await spawnServer([
    ...LOOPBACK_SERVER,
    new URL("./_load_server.ts", import.meta.url).pathname,
    mode,
    redis?.url ?? "",
    publicKey,
  ]);
  return { url: `http://127.0.0.1:${server.line}`, stop: server.stop };
}

/** Sends `headers` to `url`, IN_FLIGHT at once; throws unless all got 200. */
async function send(url: string, headers: string[]): Promise<void> {
  let next = 0;
  let refused = 0;
  const deadline = Date.now() + ROW_LIMIT_MS;
  const worker = async () => {
    while (next < headers.length) {
      if (Date.now() > deadline) throw new Error("row took over 60 s");
      const response = await fetch(url + PATH, {
        headers: { authorization: headers[next++]! },
      });
      await response.arrayBuffer();
      if (response.status !== 200) refused++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (refused > 0) throw new Error(`${refused} requests were refused`);
}

/** What one row measured. */
interface Measure {
  /** Requests per second. */
  rate: number;
  /** CPU microseconds per request, in the server's process. */
  serverCpu: number;
  /** CPU microseconds per request, in the client's process. */
  clientCpu: number;
}

/** One server on fresh nonces: its rate, and the CPU time each side spent. */
async function measure(
  mode: Mode,
  method: Method,
  redis: RedisServer | undefined,
): Promise<Measure> {
  if (mode === "redis") {
    const admin = new Redis(redis!.url);
    await admin.flushall(); // an empty Redis for each row
    admin.disconnect();
  }
  const server = await startServer(mode, redis);
  const serverCpu = async () =>
    Number(await (await fetch(`${server.url}/cpu`)).text());
  try {
    // A new nonce store refuses requests signed before it began (they could
    // be replays): one request makes Redis's marker, and the headers are
    // signed from the next second on, outside the timing.
    const first = (await signAll(method, 1))[0]!;
    await (await fetch(server.url + PATH, {
      headers: { authorization: first },
    }))
      .arrayBuffer();
    await new Promise((r) => setTimeout(r, 1010 - Date.now() % 1000));
    const headers = await signAll(method);
    await send(server.url, headers.slice(0, WARMUP));
    const cpuBefore = await serverCpu();
    const clientBefore = process.cpuUsage();
    const start = performance.now();
    await send(server.url, headers.slice(WARMUP));
    const seconds = (performance.now() - start) / 1000;
    const client = process.cpuUsage(clientBefore);
    return {
      rate: COUNT / seconds,
      serverCpu: (await serverCpu() - cpuBefore) / COUNT,
      clientCpu: (client.user + client.system) / COUNT,
    };
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[xs.length >> 1]!;

const rows: { mode: Mode; method: Method }[] = [
  { mode: "bare", method: "HMAC-SHA1" },
  { mode: "floor", method: "HMAC-SHA1" },
  { mode: "nocrypto", method: "HMAC-SHA1" },
  { mode: "memory", method: "HMAC-SHA1" },
  { mode: "memory", method: "RSA-SHA256" },
  { mode: "node", method: "HMAC-SHA1" },
  { mode: "node", method: "RSA-SHA256" },
];
const redis = REDIS.present ? await startRedis() : undefined;
if (redis) {
  rows.push(
    { mode: "redis", method: "HMAC-SHA1" },
    { mode: "redis", method: "RSA-SHA256" },
  );
} else {
  console.log(`redis-server is missing: no Redis rows (${REDIS.install})`);
}
try {
  const loadBefore = Deno.loadavg()[0]!;
  const results = rows.map(() => [] as Measure[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, row] of rows.entries()) {
      results[i]!.push(await measure(row.mode, row.method, redis));
    }
  }
  const rate = (i: number) => median(results[i]!.map((m) => m.rate));
  const cpu = (i: number, side: "serverCpu" | "clientCpu") =>
    median(results[i]!.map((m) => m[side]));
  const bare = rate(0);
  console.log(
    `${navigator.hardwareConcurrency} cores, ${Deno.build.arch} ${Deno.build.os}, Deno ${Deno.version.deno}; ` +
      `load average ${loadBefore.toFixed(2)} before, ${
        Deno.loadavg()[0]!.toFixed(2)
      } after; ${COUNT} requests a row after ${WARMUP} of warm-up, ` +
      `${IN_FLIGHT} in flight, median of ${ROUNDS} rounds\n`,
  );
  const serverCpus = (i: number) => results[i]!.map((m) => m.serverCpu);
  const noCrypto = cpu(
    rows.findIndex((row) => row.mode === "nocrypto"),
    "serverCpu",
  );
  console.log(
    "| server | nonce store | signature | server CPU µs/request | min–max | × no-crypto CPU | requests/s | × bare | client CPU µs/request |",
  );
  console.log("|---|---|---|---:|---:|---:|---:|---:|---:|");
  const servers: Record<Mode, string> = {
    bare: "bare `Deno.serve`",
    floor: "floor: one `crypto.subtle.verify`",
    nocrypto: "`verifyRequest()`, no crypto: a check that answers at once",
    memory: "`verifyRequest()`, Web Crypto",
    node: "`verifyRequest()`, node-crypto",
    redis: "`verifyRequest()`, Web Crypto",
  };
  for (const [i, row] of rows.entries()) {
    const store = row.mode === "redis"
      ? "redis"
      : row.mode === "bare" || row.mode === "floor"
      ? "—"
      : "memory";
    const [low, high] = [
      Math.min(...serverCpus(i)),
      Math.max(...serverCpus(i)),
    ];
    console.log(
      `| ${servers[row.mode]} | ${store} | ${
        row.mode === "bare" ? "—" : row.method
      } | ${cpu(i, "serverCpu").toFixed(0)} | ${low.toFixed(0)}–${
        high.toFixed(0)
      } | ${(cpu(i, "serverCpu") / noCrypto).toFixed(2)} | ${
        Math.round(rate(i)).toLocaleString("en-US")
      } | ${(rate(i) / bare).toFixed(2)} | ${cpu(i, "clientCpu").toFixed(0)} |`,
    );
  }
} finally {
  await redis?.stop();
}
