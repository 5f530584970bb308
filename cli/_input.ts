// What the command line reads: its options, the request to check (from the
// arguments, standard input or @FILE) and the secrets (from flags,
// --secrets-file or the OAUTH_* environment variables, in that order).
// Everything wrong with them is a BadInput, exit code 3.

import { parseArgs } from "node:util";
import {
  type CapturedRequest,
  type ImportOptions,
  importRequest,
} from "../client/import.ts";

/** The options every command accepts, as parseArgs() reads them. */
export const OPTIONS = {
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
  "client-base-string": { type: "string" },
  "list": { type: "boolean" },
  "response": { type: "string" },
  "date": { type: "string" },
  "check-clock": { type: "boolean" },
  "json": { type: "boolean" },
  "markdown": { type: "boolean" },
  "reveal-secrets": { type: "boolean" },
  "profile": { type: "string" },
  "profile-input": { type: "string", multiple: true },
  "help": { type: "boolean", short: "h" },
  "version": { type: "boolean", short: "V" },
} as const;

/** The options as parsed. */
export type Values = ReturnType<typeof parseArguments>["values"];

/** The arguments parsed: options and positionals (the command first). */
export function parseArguments(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true });
}

/** What the user gave that cannot be used: exit code 3. */
export class BadInput extends Error {}

/** An error's message, or the thrown value as text. */
export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An environment variable, or `undefined` when unset or not allowed. */
export function env(name: string): string | undefined {
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

/** A text option's value: "-" reads standard input, "@FILE" a file. */
export async function textArgument(text: string): Promise<string> {
  return text === "-" || text.startsWith("@")
    ? await readText(text === "-" ? "-" : text.slice(1))
    : text;
}

// Standard input when it is a pipe or a file, else nothing.
async function piped(): Promise<string> {
  try {
    if (Deno.stdin.isTerminal()) return "";
  } catch {
    return "";
  }
  return await readText("-");
}

/**
 * The request to check: the REQUEST arguments (or standard input), imported
 * with what --url, --method, --data and --content-type add to it.
 */
export async function readCaptured(
  command: string,
  rest: string[],
  values: Values,
): Promise<CapturedRequest> {
  const text = rest.length === 0
    ? await piped()
    : await textArgument(rest.join(" "));
  if (text.trim() === "") {
    throw new BadInput(
      `Cannot ${command}: REQUEST must be given (a curl line, a signed URL, an HTTP request or an Authorization header; "-" or a pipe for standard input)`,
    );
  }
  const options: ImportOptions = {};
  if (values.url !== undefined) options.url = values.url;
  if (values.method !== undefined) options.method = values.method;
  if (values.data !== undefined) options.body = await textArgument(values.data);
  if (values["content-type"] !== undefined) {
    options.contentType = values["content-type"];
  }
  return importRequest(text, options);
}

/** The first value a captured request sends for a protocol parameter. */
export function sentValue(
  captured: CapturedRequest,
  name: string,
): string | undefined {
  return captured.oauth.find(([n]) => n === name)?.[1];
}

/** The credentials given, each `undefined` when not given. */
export interface Secrets {
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

// --secrets-file: JSON {"consumerKey", …} or OAUTH_*=value lines.
function parseSecretsFile(text: string): Partial<Secrets> {
  const found: Partial<Record<keyof Secrets, string>> = {};
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
      if (typeof value === "string") found[key] = value;
    }
    return found;
  }
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    const key = KEYS.find((k) => ENV_NAMES[k] === match?.[1]);
    if (key && match) found[key] = match[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return found;
}

/**
 * The credentials: flags win over --secrets-file, which wins over the
 * environment; a private key that is not PEM text is a file's path.
 */
export async function readSecrets(values: Values): Promise<Secrets> {
  const fromFile = values["secrets-file"] === undefined
    ? {}
    : parseSecretsFile(await readText(values["secrets-file"]));
  const flags: Partial<Secrets> = {
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
