/**
 * The command line: `sign` a request and see the four steps, `verify` a
 * captured request against your secrets, and `explain` why its signature is
 * invalid. Run it with `deno task cli --help`, or
 * `deno run --allow-read --allow-env jsr:@oauth1/steps/cli --help`.
 *
 * Exit codes: 0 valid (or signed), 1 invalid with a named cause, 2 invalid
 * and unexplained, 3 bad input.
 *
 * @module
 */

import { parseArgs } from "node:util";
import denoJson from "./deno.json" with { type: "json" };
import { curlLine } from "./_curl.ts";
import { headerValue } from "./_headers.ts";
import { explain, type Explanation, formatExplanation } from "./explain.ts";
import { type ImportOptions, importRequest } from "./import.ts";
import { type Credentials, type Placement, signRequest } from "./sign.ts";
import { percentEncode } from "./steps/percent_encode.ts";
import type { SignatureMethodName } from "./steps/signature.ts";
import { formatTrace } from "./trace.ts";

const HELP =
  `oauth1-steps ${denoJson.version}: sign, verify and explain OAuth 1.0a requests (RFC 5849)

Usage:
  cli.ts sign --url URL [--method GET] [--data BODY] [--header "Name: value"]... [options]
  cli.ts verify REQUEST [options]
  cli.ts explain REQUEST [--server-base-string S] [--server-signature S]
                         [--response TEXT] [--date HTTP-DATE] [options]

REQUEST is a curl command line, a signed URL, a raw HTTP request, or an
Authorization header (then give --url, and --method if it is not GET).
"-" reads it from standard input and "@FILE" from a file; so does --response.

Credentials (flags win over --secrets-file, which wins over the environment;
prefer the environment or a file, since flags show in the process list):
  --consumer-key KEY        env OAUTH_CONSUMER_KEY (sign only: verify reads it from the request)
  --consumer-secret SECRET  env OAUTH_CONSUMER_SECRET
  --token TOKEN             env OAUTH_TOKEN
  --token-secret SECRET     env OAUTH_TOKEN_SECRET
  --private-key FILE        env OAUTH_PRIVATE_KEY (PKCS#8 PEM text or a file), for RSA
  --secrets-file FILE       JSON {"consumerKey", "consumerSecret", "token", "tokenSecret",
                            "privateKey"} or OAUTH_*=value lines

Signing (sign):
  --signature-method NAME   HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1,
                            RSA-SHA256, PLAINTEXT
  --nonce N  --timestamp SECONDS  --realm R  --callback URL  --verifier V
  --placement header|query|body   --no-version   --content-type TYPE

Evidence (explain; --date also for verify):
  --server-base-string S    the base string the server computed
  --server-signature S      the signature the server expected
  --response TEXT           the server's error body (oauth_problem=..., debug_sbs=...)
  --date HTTP-DATE          the server's Date header, for the clock skew
  --check-clock             compare the timestamp with this machine's clock

Output:
  --json                    the result as JSON
  --markdown                Markdown instead of terminal text
  --reveal-secrets          show secrets (test credentials only)
  --help, --version

Exit codes: 0 valid (or signed), 1 invalid with a named cause,
            2 invalid and unexplained, 3 bad input.
`;

const OPTIONS = {
  "url": { type: "string" },
  "method": { type: "string" },
  "data": { type: "string" },
  "header": { type: "string", multiple: true },
  "content-type": { type: "string" },
  "consumer-key": { type: "string" },
  "consumer-secret": { type: "string" },
  "token": { type: "string" },
  "token-secret": { type: "string" },
  "private-key": { type: "string" },
  "secrets-file": { type: "string" },
  "signature-method": { type: "string" },
  "nonce": { type: "string" },
  "timestamp": { type: "string" },
  "realm": { type: "string" },
  "callback": { type: "string" },
  "verifier": { type: "string" },
  "placement": { type: "string" },
  "no-version": { type: "boolean" },
  "server-base-string": { type: "string" },
  "server-signature": { type: "string" },
  "response": { type: "string" },
  "date": { type: "string" },
  "check-clock": { type: "boolean" },
  "json": { type: "boolean" },
  "markdown": { type: "boolean" },
  "reveal-secrets": { type: "boolean" },
  "help": { type: "boolean", short: "h" },
  "version": { type: "boolean", short: "V" },
} as const;

type Values = ReturnType<typeof parse>["values"];

function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true });
}

class BadInput extends Error {}

/**
 * Runs the command line with the given arguments, printing to standard
 * output and standard error.
 *
 * @param args The arguments, without the program name.
 * @returns The exit code: 0 valid (or signed), 1 invalid with a named cause,
 * 2 invalid and unexplained, 3 bad input.
 *
 * @example Print the version
 * ```ts
 * import { main } from "@oauth1/steps/cli";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await main(["--version"]), 0);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(args));
  } catch (error) {
    console.error(`${message(error)}\nRun with --help for usage.`);
    return 3;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.version) {
    console.log(denoJson.version);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    if (command === "sign") return await sign(values);
    if (command === "verify" || command === "explain") {
      return await check(command, rest, values);
    }
    throw new BadInput(
      `Cannot run: command must be "sign", "verify" or "explain": current command is "${
        command ?? ""
      }"\nRun with --help for usage.`,
    );
  } catch (error) {
    console.error(message(error));
    return 3;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: as if unset
  }
}

// A `secret` path is never quoted: it may be a private key pasted without
// its PEM lines, and Deno's own message would quote it too.
async function readText(path: string, secret?: string): Promise<string> {
  try {
    return path === "-"
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(path);
  } catch (error) {
    throw new BadInput(
      secret === undefined
        ? `Cannot read "${path}": ${message(error).split("\n")[0]}`
        : `Cannot read ${secret}: its path must name a readable file (not shown, as it may be a secret): current error is ${
          error instanceof Error ? error.name : "unknown"
        }`,
    );
  }
}

async function textArgument(text: string): Promise<string> {
  return text === "-" || text.startsWith("@")
    ? await readText(text === "-" ? "-" : text.slice(1))
    : text;
}

interface Secrets {
  consumerKey: string | undefined;
  consumerSecret: string | undefined;
  token: string | undefined;
  tokenSecret: string | undefined;
  privateKey: string | undefined;
}

const ENV_NAMES: Readonly<Record<keyof Secrets, string>> = {
  consumerKey: "OAUTH_CONSUMER_KEY",
  consumerSecret: "OAUTH_CONSUMER_SECRET",
  token: "OAUTH_TOKEN",
  tokenSecret: "OAUTH_TOKEN_SECRET",
  privateKey: "OAUTH_PRIVATE_KEY",
};
const KEYS = Object.keys(ENV_NAMES) as (keyof Secrets)[];

async function readSecrets(values: Values): Promise<Secrets> {
  const fromFile: Partial<Record<keyof Secrets, string>> = {};
  if (values["secrets-file"] !== undefined) {
    const text = await readText(values["secrets-file"]);
    if (text.trimStart().startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BadInput(
          "Cannot read secrets file: JSON must be an object of strings",
        );
      }
      for (const key of KEYS) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === "string") fromFile[key] = value;
      }
    } else {
      for (const line of text.split(/\r?\n/)) {
        const match = /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
        const key = KEYS.find((k) => ENV_NAMES[k] === match?.[1]);
        if (key && match) {
          fromFile[key] = match[2]!.replace(/^(["'])(.*)\1$/, "$2");
        }
      }
    }
  }
  const flags: Partial<Record<keyof Secrets, string | undefined>> = {
    consumerKey: values["consumer-key"],
    consumerSecret: values["consumer-secret"],
    token: values["token"],
    tokenSecret: values["token-secret"],
    privateKey: values["private-key"],
  };
  const pick = (key: keyof Secrets): string | undefined =>
    flags[key] ?? fromFile[key] ?? env(ENV_NAMES[key]);
  let privateKey = pick("privateKey");
  if (privateKey !== undefined && !privateKey.includes("-----BEGIN")) {
    privateKey = await readText(privateKey, "private key file");
  }
  return {
    consumerKey: pick("consumerKey"),
    consumerSecret: pick("consumerSecret"),
    token: pick("token"),
    tokenSecret: pick("tokenSecret"),
    privateKey,
  };
}

async function sign(values: Values): Promise<number> {
  const secrets = await readSecrets(values);
  if (values.url === undefined) {
    throw new BadInput("Cannot sign: --url must be given");
  }
  if (secrets.consumerKey === undefined) {
    throw new BadInput(
      "Cannot sign: the consumer key must be given (--consumer-key or OAUTH_CONSUMER_KEY)",
    );
  }
  const method = values["signature-method"] ?? "HMAC-SHA1";
  if (secrets.consumerSecret === undefined && !method.startsWith("RSA-")) {
    throw new BadInput(
      "Cannot sign: the consumer secret must be given (OAUTH_CONSUMER_SECRET, --secrets-file or --consumer-secret)",
    );
  }
  const headers: [string, string][] = [];
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    if (colon <= 0) {
      throw new BadInput(
        `Cannot sign: --header must be "Name: value": current header is "${header}"`,
      );
    }
    headers.push([
      header.slice(0, colon).trim(),
      header.slice(colon + 1).trim(),
    ]);
  }
  const data = values.data === undefined
    ? undefined
    : await textArgument(values.data);
  if (values["content-type"] !== undefined) {
    headers.push(["Content-Type", values["content-type"]]);
  } else if (
    data !== undefined && headerValue(headers, "content-type") === undefined
  ) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  const timestamp = values.timestamp === undefined
    ? undefined
    : Number(values.timestamp);
  const credentials: Credentials = {
    consumerKey: secrets.consumerKey,
    consumerSecret: secrets.consumerSecret ?? "",
    token: secrets.token,
    tokenSecret: secrets.tokenSecret,
    privateKey: secrets.privateKey,
  };
  const reveal = values["reveal-secrets"] === true;
  const signed = await signRequest(
    {
      method: values.method ?? (data === undefined ? "GET" : "POST"),
      url: values.url,
      headers,
      body: data ?? null,
    },
    credentials,
    {
      signatureMethod: method as SignatureMethodName,
      ...(values.nonce === undefined ? {} : { nonce: values.nonce }),
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(values["no-version"] ? { version: false as const } : {}),
      ...(values.realm === undefined ? {} : { realm: values.realm }),
      ...(values.callback === undefined ? {} : { callback: values.callback }),
      ...(values.verifier === undefined ? {} : { verifier: values.verifier }),
      placement: (values.placement ?? "header") as Placement,
      revealSecrets: reveal,
    },
  );
  // A PLAINTEXT signature is the signing key itself.
  const mask = (text: string): string =>
    method === "PLAINTEXT" && !reveal
      ? text.replaceAll(percentEncode(signed.signature), "(masked)")
        .replaceAll(signed.signature, "(masked)")
      : text;
  const curl = await curlLine(signed.toRequest());
  if (values.json) {
    console.log(mask(JSON.stringify(
      {
        baseStringUri: signed.baseStringUri,
        normalizedParameters: signed.normalizedParameters,
        baseString: signed.baseString,
        signature: signed.signature,
        oauthParameters: signed.oauthParameters,
        authorization: signed.authorization,
        url: signed.url,
        body: signed.body,
        curl,
        trace: signed.trace,
      },
      null,
      2,
    )));
    return 0;
  }
  console.log(formatTrace(signed.trace, style(values.markdown === true)));
  console.log(mask(`Authorization: ${signed.authorization}`));
  console.log(mask(`Signed URL:    ${signed.url}`));
  console.log(mask(`curl:          ${curl}`));
  return 0;
}

function style(markdown: boolean): {
  format: "terminal" | "markdown";
  color: boolean;
} {
  let color = false;
  try {
    color = !markdown && Deno.stdout.isTerminal() &&
      env("NO_COLOR") === undefined;
  } catch {
    // not a terminal we may ask about
  }
  return { format: markdown ? "markdown" : "terminal", color };
}

async function check(
  command: "verify" | "explain",
  rest: string[],
  values: Values,
): Promise<number> {
  if (rest.length === 0) {
    throw new BadInput(
      `Cannot ${command}: REQUEST must be given (a curl line, a signed URL, an HTTP request or an Authorization header; "-" for standard input)`,
    );
  }
  const text = await textArgument(rest.join(" "));
  const options: ImportOptions = {};
  if (values.url !== undefined) options.url = values.url;
  if (values.method !== undefined) options.method = values.method;
  if (values.data !== undefined) options.body = await textArgument(values.data);
  if (values["content-type"] !== undefined) {
    options.contentType = values["content-type"];
  }
  const captured = importRequest(text, options);
  const secrets = await readSecrets(values);
  const method = captured.oauth.find(([n]) => n === "oauth_signature_method")
    ?.[1];
  if (secrets.consumerSecret === undefined && !method?.startsWith("RSA-")) {
    throw new BadInput(
      `Cannot ${command}: the consumer secret must be given (OAUTH_CONSUMER_SECRET, --secrets-file or --consumer-secret)`,
    );
  }
  const response = values.response === undefined
    ? undefined
    : await textArgument(values.response);
  const report = await explain(
    captured,
    {
      consumerSecret: secrets.consumerSecret ?? "",
      tokenSecret: secrets.tokenSecret,
      privateKey: secrets.privateKey,
    },
    {
      ...(values["server-base-string"] === undefined
        ? {}
        : { baseString: values["server-base-string"] }),
      ...(values["server-signature"] === undefined
        ? {}
        : { signature: values["server-signature"] }),
      ...(response === undefined ? {} : { response }),
      ...(values.date === undefined ? {} : { date: values.date }),
      ...(values["check-clock"] ? { now: new Date() } : {}),
      revealSecrets: values["reveal-secrets"] === true,
    },
  );
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else if (command === "explain") {
    console.log(formatExplanation(report, style(values.markdown === true)));
  } else {
    console.log(summary(report));
  }
  return exitCode(report);
}

function summary(report: Explanation): string {
  const lines = [
    `${report.verdict}: ${
      report.signatureMatches
        ? "the signature is the one a correct signer computes"
        : "the signature is not the one a correct signer computes"
    } (${report.signatureMethod})`,
  ];
  for (const cause of report.causes) {
    lines.push(`cause: ${cause.title} [${cause.ids.join(" + ")}]`);
    lines.push(`  fix: ${cause.fix}`);
  }
  for (const finding of report.findings) {
    if (finding.severity !== "info") {
      lines.push(`${finding.severity}: ${finding.message}`);
    }
  }
  if (report.verdict === "invalid" && report.causes.length === 0) {
    lines.push("No known cause found; run explain for the full report.");
  }
  return lines.join("\n");
}

function exitCode(report: Explanation): number {
  return report.verdict === "valid" ? 0 : report.explained ? 1 : 2;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
