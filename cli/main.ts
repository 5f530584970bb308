/**
 * The command line: `sign` a request and see the four steps, `verify` a
 * captured request against your secrets, and `explain` why its signature is
 * invalid; `--profile NAME` adds a vendor's rules, and `profiles` lists them. Run it with `deno task cli --help`, or
 * `deno run -R -E jsr:@oauth1/steps/cli --help` (`-R -E`: read files, read
 * the `OAUTH_*` environment variables). `<command> --help` shows a command's
 * options and examples.
 *
 * Exit codes: 0 valid (or signed), 1 invalid with a named cause, 2 invalid
 * and unexplained, 3 bad input.
 *
 * @module
 */

import { parseArgs } from "node:util";
import denoJson from "../deno.json" with { type: "json" };
import { wrap } from "../core/format.ts";
import { curlLine } from "../core/curl.ts";
import { headerValue } from "../core/headers.ts";
import {
  explain,
  type Explanation,
  formatExplanation,
} from "../explain/explain.ts";
import { type ImportOptions, importRequest } from "../client/import.ts";
import {
  findProfile,
  type Profile,
  type ProfileInputs,
  PROFILES,
  profileSignOptions,
} from "../vendors/profiles.ts";
import {
  type Credentials,
  type Placement,
  type SignOptions,
  signRequest,
} from "../client/sign.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import {
  SIGNATURE_METHODS,
  type SignatureMethodName,
} from "../steps/signature.ts";
import { formatTrace } from "../client/trace.ts";

// The demo values of the examples: RFC 5849 §1.2's printer and photos.
const DEMO_SECRETS =
  "OAUTH_CONSUMER_SECRET=kd94hf93k423kf44 OAUTH_TOKEN_SECRET=pfkkdhi9sl3r4s00";
const PHOTOS =
  "'http://photos.example.net/photos?file=vacation.jpg&size=original'";
const RFC_HEADER =
  `'OAuth oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"'`;
// An Authorization header whose query value was signed encoded twice.
const EXPLAIN_EXAMPLE =
  `'OAuth oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="L0hFKh19UB9qHqTDbIN4sfF1kwQ%3D"' --url 'http://example.com/r?foo=first%2Csecond'`;

const REQUEST_HELP =
  `REQUEST is a curl command line, a signed URL, a raw HTTP request, or an
Authorization header (then give --url, and --method if it is not GET).
"-", or no REQUEST with a pipe, reads it from standard input; "@FILE" reads a
file; so does --response.`;

const CREDENTIALS_HELP =
  `Credentials (flags win over --secrets-file, which wins over the environment;
prefer the environment or a file, since flags show in the process list):
  --consumer-key KEY        env OAUTH_CONSUMER_KEY (sign only: verify reads it
                            from the request)
  --consumer-secret SECRET  env OAUTH_CONSUMER_SECRET
  --token TOKEN             env OAUTH_TOKEN
  --token-secret SECRET     env OAUTH_TOKEN_SECRET
  --private-key FILE        env OAUTH_PRIVATE_KEY (PKCS#8 PEM text or a file)
  --secrets-file FILE       JSON {"consumerKey", "consumerSecret", "token",
                            "tokenSecret", "privateKey"} or OAUTH_*=value lines`;

// The choices of --signature-method, from the table, the first the default,
// wrapped to the help's column.
const METHOD_NAMES = wrap(
  SIGNATURE_METHODS.map(({ name }, i) => i === 0 ? `${name} (default)` : name)
    .join(", "),
  80,
  " ".repeat(28),
).join("\n").trimStart();

const SIGN_HELP = `Signing:
  --url URL                 the request's URL (required)
  --method METHOD           GET, or POST when --data is given
  --data BODY               the body ("-" standard input, "@FILE" a file)
  --header "Name: value"    a header (repeatable)
  --content-type TYPE       the body's type (a form by default)
  --signature-method NAME   ${METHOD_NAMES}
  --nonce N  --timestamp SECONDS  --realm R  --callback URL  --verifier V
  --placement header|query|body   --no-version`;

const REQUEST_OPTIONS_HELP = `Request:
  --url URL  --method METHOD  --data BODY  --content-type TYPE
                            what an Authorization header alone lacks
  --date HTTP-DATE          the server's Date header, for the clock skew
  --check-clock             compare the timestamp with this machine's clock`;

const SERVER_VIEW_HELP = `The server's view:
  --server-base-string S    the base string the server computed
  --server-signature S      the signature the server expected
  --response TEXT           the server's error body (oauth_problem=...,
                            debug_sbs=...)`;

const PROFILE_HELP = `Vendor profile (run "profiles" to list them):
  --profile NAME            the vendor's rules: sign with its method, placement,
                            version, realm and body hash; verify and explain
                            name the rules the request breaks
  --profile-input NAME=VALUE  what the profile needs, such as
                            accountId=1234567_SB1 for netsuite (repeatable)`;

const OUTPUT_HELP = `Output:
  --json                    the result as JSON
  --markdown                Markdown instead of terminal text
  --reveal-secrets          show secrets (test credentials only)
  -h, --help  -V, --version`;

const EXIT_HELP =
  `Exit codes: 0 valid (or signed), 1 invalid with a named cause,
            2 invalid and unexplained, 3 bad input.`;

interface Command {
  usage: string;
  summary: string;
  sections: string[];
  /** [what it shows, the command line with {cli} for the program]. */
  examples: [string, string][];
}

const COMMANDS: Record<
  "sign" | "verify" | "explain" | "profiles",
  Command
> = {
  sign: {
    usage: "sign --url URL [--data BODY] [--header H]... [options]",
    summary:
      "Signs a request and prints the four steps, the Authorization header, the\nsigned URL and a curl line that sends it.",
    sections: [SIGN_HELP, PROFILE_HELP, CREDENTIALS_HELP, OUTPUT_HELP],
    examples: [
      [
        "RFC 5849 §1.2's request; its signature is MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D",
        `OAUTH_CONSUMER_KEY=dpf43f3p2l4k3l03 OAUTH_TOKEN=nnch734d00sl2jdk ${DEMO_SECRETS} {cli} sign --url ${PHOTOS} --nonce chapoH --timestamp 137131202 --no-version`,
      ],
      [
        "a form POST signed with HMAC-SHA256, the parameters in the body",
        `OAUTH_CONSUMER_KEY=dpf43f3p2l4k3l03 OAUTH_CONSUMER_SECRET=kd94hf93k423kf44 {cli} sign --url https://api.example.com/statuses --data 'status=hello%20world' --signature-method HMAC-SHA256 --placement body`,
      ],
      [
        "the signed request as JSON, secrets given as flags",
        `{cli} sign --url ${PHOTOS} --consumer-key dpf43f3p2l4k3l03 --consumer-secret kd94hf93k423kf44 --json`,
      ],
    ],
  },
  verify: {
    usage: "verify [REQUEST] [options]",
    summary:
      "Checks a captured request's signature against your secrets and prints\nthe verdict, with the cause when a known mistake explains it.",
    sections: [
      REQUEST_HELP,
      REQUEST_OPTIONS_HELP,
      PROFILE_HELP,
      CREDENTIALS_HELP,
      OUTPUT_HELP,
    ],
    examples: [
      [
        "RFC 5849 §1.2's Authorization header: valid",
        `${DEMO_SECRETS} {cli} verify ${RFC_HEADER} --url ${PHOTOS}`,
      ],
      [
        "the same request as a signed URL, through a pipe",
        `echo 'http://photos.example.net/photos?file=vacation.jpg&size=original&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131202&oauth_nonce=chapoH&oauth_signature=MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D' | ${DEMO_SECRETS} {cli} verify`,
      ],
      [
        "a header whose query was signed encoded twice: invalid, cause named",
        `OAUTH_CONSUMER_SECRET=kd94hf93k423kf44 {cli} verify ${EXPLAIN_EXAMPLE}`,
      ],
    ],
  },
  explain: {
    usage: "explain [REQUEST] [--response TEXT] [options]",
    summary:
      "Explains why a signature is invalid: the step where it departs from the\ncorrect one, the parameters, the base strings aligned, and every known\nmistake that reproduces what was sent, with its fix.",
    sections: [
      REQUEST_HELP,
      REQUEST_OPTIONS_HELP,
      SERVER_VIEW_HELP,
      PROFILE_HELP,
      CREDENTIALS_HELP,
      OUTPUT_HELP,
    ],
    examples: [
      [
        "a header whose query was signed encoded twice: the cause and its fix",
        `OAUTH_CONSUMER_SECRET=kd94hf93k423kf44 {cli} explain ${EXPLAIN_EXAMPLE}`,
      ],
      [
        "the same, as Markdown for an issue",
        `OAUTH_CONSUMER_SECRET=kd94hf93k423kf44 {cli} explain ${EXPLAIN_EXAMPLE} --markdown`,
      ],
      [
        "RFC 5849 §1.2's header, with the server's base string to compare",
        `${DEMO_SECRETS} {cli} explain ${RFC_HEADER} --url ${PHOTOS} --server-base-string 'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal'`,
      ],
    ],
  },
  profiles: {
    usage: "profiles [NAME] [--json]",
    summary:
      "Lists the vendor profiles: what each API wants (signature method, where\nthe parameters go, realm, token, body hash) and its documentation; with a\nNAME, that profile's rules and quirks.",
    sections: [`Output:
  --json                    the profiles as JSON`],
    examples: [
      ["every profile, one line each", "{cli} profiles"],
      ["what NetSuite wants", "{cli} profiles netsuite"],
    ],
  },
};

type CommandName = keyof typeof COMMANDS;

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/**
 * The program as the user ran it: the JSR form when run from JSR, `deno task
 * cli` under `deno task` (which sets INIT_CWD), else the local file.
 */
function invokedAs(): string {
  if (!import.meta.url.startsWith("file:")) {
    return "deno run -R -E jsr:@oauth1/steps/cli";
  }
  return env("INIT_CWD") !== undefined
    ? "deno task cli"
    : "deno run -R -E cli/main.ts";
}

function usage(): string {
  const cli = invokedAs();
  return [
    `oauth1-steps ${denoJson.version}: sign, verify and explain OAuth 1.0a requests (RFC 5849)`,
    "",
    "Usage:",
    ...Object.values(COMMANDS).map((command) => `  ${cli} ${command.usage}`),
    "",
    `Run "${cli} <command> --help" for a command's options and examples.`,
    "",
    REQUEST_HELP,
    "",
    OUTPUT_HELP,
    "",
    EXIT_HELP,
  ].join("\n");
}

function commandHelp(name: CommandName): string {
  const cli = invokedAs();
  const command = COMMANDS[name];
  return [
    `Usage: ${cli} ${command.usage}`,
    "",
    command.summary,
    "",
    ...command.sections.flatMap((section) => [section, ""]),
    "Examples:",
    ...command.examples.flatMap(([what, line]) => [
      `  # ${what}`,
      `  ${line.replace("{cli}", cli)}`,
    ]),
    "",
    EXIT_HELP,
  ].join("\n");
}

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
  "profile": { type: "string" },
  "profile-input": { type: "string", multiple: true },
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
  const command = args.find((arg) => !arg.startsWith("-"));
  try {
    ({ values, positionals } = parse(args));
  } catch (error) {
    console.error(
      argumentError(error, isCommand(command) ? command : undefined),
    );
    return 3;
  }
  const [name, ...rest] = positionals;
  if (name === "help" || values.help) {
    const topic = name === "help" ? rest[0] : name;
    console.log(isCommand(topic) ? commandHelp(topic) : usage());
    return 0;
  }
  if (values.version) {
    console.log(denoJson.version);
    return 0;
  }
  if (name === undefined) {
    console.error(usage());
    return 3;
  }
  try {
    if (name === "sign") return await sign(values);
    if (name === "profiles") return listProfiles(rest, values);
    if (name === "verify" || name === "explain") {
      return await check(name, rest, values);
    }
    throw new BadInput(
      `Cannot run: command must be "sign", "verify", "explain" or "profiles": current command is ${
        JSON.stringify(name.slice(0, 20))
      }${
        suggestion(name, Object.keys(COMMANDS))
      }\nRun "${invokedAs()} --help" for usage.`,
    );
  } catch (error) {
    console.error(message(error));
    return 3;
  }
}

// parseArgs's own message for an unknown option has an unmatched quote and
// no hint; this one names the option, the nearest valid one and the help.
function argumentError(
  error: unknown,
  command: CommandName | undefined,
): string {
  const help = `Run "${invokedAs()}${
    command ? ` ${command}` : ""
  } --help" for ${command ? "its options" : "usage"}.`;
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]*)/.exec(message(error))?.[1] ?? "";
  const what = `Cannot run${command ? ` ${command}` : ""}`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const names = Object.entries(OPTIONS).flatMap(([long, spec]) => [
      `--${long}`,
      ...("short" in spec ? [`-${spec.short}`] : []),
    ]);
    return `${what}: option ${JSON.stringify(option.slice(0, 40))} is unknown${
      suggestion(option, names)
    }\n${help}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return `${what}: option "${option}" ${
      /argument missing/.test(message(error))
        ? "needs a value"
        : "takes no value"
    }\n${help}`;
  }
  return `${what}: ${message(error)}\n${help}`;
}

// ": did you mean X?" for the candidate nearest to `text`, if one is near.
function suggestion(text: string, candidates: string[]): string {
  let best = "";
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(text.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(text.length / 3))
    ? `: did you mean ${JSON.stringify(best)}?`
    : "";
}

// Levenshtein distance, one row at a time.
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
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

// Standard input when it is a pipe or a file, else nothing.
async function piped(): Promise<string> {
  try {
    if (Deno.stdin.isTerminal()) return "";
  } catch {
    return "";
  }
  return await readText("-");
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
  let profile: SignOptions = {};
  try {
    profile = values.profile === undefined ? {} : profileSignOptions(
      readProfile(values.profile),
      profileInputs(values),
    );
  } catch (error) {
    throw error instanceof BadInput ? error : new BadInput(message(error));
  }
  const method = values["signature-method"] ??
    String(profile.signatureMethod ?? "HMAC-SHA1");
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
      ...profile,
      signatureMethod: method as SignatureMethodName,
      ...(values.nonce === undefined ? {} : { nonce: values.nonce }),
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(values["no-version"] ? { version: false as const } : {}),
      ...(values.realm === undefined ? {} : { realm: values.realm }),
      ...(values.callback === undefined ? {} : { callback: values.callback }),
      ...(values.verifier === undefined ? {} : { verifier: values.verifier }),
      placement: (values.placement ?? profile.placement ??
        "header") as Placement,
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

// Colour and width for a terminal; 80 columns when the output is not one.
function style(markdown: boolean): {
  format: "terminal" | "markdown";
  color: boolean;
  width: number;
} {
  let color = false;
  let width = 80;
  try {
    if (!markdown && Deno.stdout.isTerminal()) {
      color = env("NO_COLOR") === undefined;
      width = Deno.consoleSize().columns;
    }
  } catch {
    // not a terminal we may ask about
  }
  return { format: markdown ? "markdown" : "terminal", color, width };
}

async function check(
  command: "verify" | "explain",
  rest: string[],
  values: Values,
): Promise<number> {
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
      ...(values.profile === undefined ? {} : {
        profile: readProfile(values.profile),
        profileInputs: profileInputs(values),
      }),
      revealSecrets: values["reveal-secrets"] === true,
    },
  );
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else if (command === "explain") {
    console.log(formatExplanation(report, style(values.markdown === true)));
  } else {
    console.log(summary(report, style(false).width));
  }
  return exitCode(report);
}

// --profile-input NAME=VALUE, repeated.
function profileInputs(values: Values): ProfileInputs {
  const inputs: Record<string, string> = {};
  for (const pair of values["profile-input"] ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new BadInput(
        `Cannot use profile: --profile-input must be NAME=VALUE: current value is ${
          JSON.stringify(pair.slice(0, 40))
        }`,
      );
    }
    inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return inputs;
}

// --profile NAME, with the nearest name when it is not one.
function readProfile(name: string): Profile {
  try {
    return findProfile(name);
  } catch (error) {
    throw new BadInput(
      `${message(error)}${
        suggestion(name, Object.keys(PROFILES))
      }\nRun "${invokedAs()} profiles" to list them.`,
    );
  }
}

function listProfiles(names: string[], values: Values): number {
  if (names.length === 0) {
    if (values.json) {
      console.log(JSON.stringify(Object.values(PROFILES), null, 2));
      return 0;
    }
    const width = Math.max(...Object.keys(PROFILES).map((n) => n.length));
    for (const p of Object.values(PROFILES)) {
      console.log(
        `${p.name.padEnd(width)}  ${p.signatureMethods.join("/")} in the ${
          p.placements.join(" or ")
        }: ${p.vendor}`,
      );
    }
    return 0;
  }
  for (const name of names) {
    const p = readProfile(name);
    if (values.json) {
      console.log(JSON.stringify(p, null, 2));
      continue;
    }
    const token = {
      required: "the user's access token",
      optional: "sent when there is one",
      empty: 'oauth_token="" when there is no token',
      none: "none: the key is consumer_secret&",
    }[p.token];
    console.log([
      `${p.name}: ${p.vendor}`,
      `  docs              ${p.docs}`,
      `  signature method  ${p.signatureMethods.join(" or ")}`,
      `  parameters in     the ${p.placements.join(" or the ")}`,
      `  oauth_version     ${p.version}`,
      `  token             ${token}`,
      `  oauth_body_hash   ${p.bodyHash}`,
      ...(p.realmRule === undefined
        ? []
        : [`  realm             ${p.realmRule}`]),
      ...(p.scheme === "any" ? [] : [`  scheme            ${p.scheme} only`]),
      ...p.inputs.map((i) =>
        `  --profile-input   ${i.name}=…: ${i.description}`
      ),
      "  quirks",
      ...p.quirks.map((q) => `    - ${q}`),
    ].join("\n"));
  }
  return 0;
}

function summary(report: Explanation, width: number): string {
  const lines = [
    `${report.verdict}: ${
      report.signatureMatches
        ? "the signature is the one a correct signer computes"
        : "the signature is not the one a correct signer computes"
    } (${report.signatureMethod})`,
  ];
  for (const cause of report.causes) {
    lines.push(`cause: ${cause.title} [${cause.ids.join(" + ")}]`);
    lines.push(...wrap(`fix: ${cause.fix}`, width, "  ", "       "));
  }
  for (const finding of report.findings) {
    if (finding.severity !== "info") {
      lines.push(
        ...wrap(`${finding.severity}: ${finding.message}`, width, "", "  "),
      );
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
