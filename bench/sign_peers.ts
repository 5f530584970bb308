// signRequest() with each method set (Web Crypto, the default, and
// @oauth1/steps/node-crypto) beside npm:oauth-sign and npm:oauth-1.0a, on
// Deno and on Node (and on Bun and the pinned Nodes of `deno task runtimes`
// when .runtimes/ holds them), in one run: bench/_sign_rounds.ts as it is
// under Deno, and its bundle (`deno bundle`) under the others, one process
// each, one after the other. Each row: the median of the interleaved rounds
// of CPU µs per call, their spread, and the ratio to the fastest peer (the
// peer with the lowest median): the median of the ratios round by round, the
// two measured side by side.
//
//     deno run -A bench/sign_peers.ts      (SIGN_ROUNDS, SIGN_CALLS: 21, 2000)
import process from "node:process";

const root = new URL("../", import.meta.url);
const rounds = new URL("./_sign_rounds.ts", import.meta.url).pathname;
const PEERS = ["oauth-sign hmacsign()", "oauth-1.0a authorize()"];

/** What _sign_rounds.ts prints. */
interface Answer {
  runtime: string;
  calls: number;
  rounds: Record<string, number[]>;
}

async function run(command: string, args: string[]): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd: root,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  if (!success) {
    throw new Error(`${command} failed: ${text.decode(stderr).trim()}`);
  }
  return text.decode(stdout).trim().split("\n").at(-1)!;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[xs.length >> 1]!;

function table({ runtime, calls, rounds }: Answer): string {
  const fastest = rounds[
    PEERS.toSorted((a, b) => median(rounds[a]!) - median(rounds[b]!))[0]!
  ]!;
  const lines = [
    `${runtime}, ${
      rounds[PEERS[0]!]!.length
    } interleaved rounds of ${calls} calls:`,
    "",
    "| signer | CPU µs/call (median) | min–max | × fastest peer |",
    "|---|---:|---:|---:|",
  ];
  for (const [name, xs] of Object.entries(rounds)) {
    lines.push(
      `| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${
        Math.max(...xs).toFixed(1)
      } | ${median(xs.map((x, round) => x / fastest[round]!)).toFixed(2)} |`,
    );
  }
  return lines.join("\n");
}

const bundle = await Deno.makeTempFile({ suffix: ".mjs" });
try {
  await run(Deno.execPath(), [
    "bundle",
    "--platform",
    "deno",
    "--output",
    bundle,
    rounds,
  ]);
  const runtimes: [string, string[]][] = [
    [Deno.execPath(), ["run", "-A", rounds]],
    ["node", [bundle]],
  ];
  for (const alias of ["node20", "node22", "node24", "bun"]) {
    const bin = new URL(
      `.runtimes/node_modules/${alias}/bin/${alias === "bun" ? "bun" : "node"}`,
      root,
    ).pathname;
    if (await exists(bin)) runtimes.push([bin, [bundle]]);
  }
  console.log(
    `${navigator.hardwareConcurrency} cores, ${process.arch} ${process.platform}; load average ${
      Deno.loadavg()[0]!.toFixed(2)
    } before\n`,
  );
  for (const [command, args] of runtimes) {
    console.log(table(JSON.parse(await run(command, args))) + "\n");
  }
  console.log(`load average ${Deno.loadavg()[0]!.toFixed(2)} after`);
} finally {
  await Deno.remove(bundle);
}
