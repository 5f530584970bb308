// The help of the command line: the usage, each command's options and
// examples (which the tests run as printed), the exit codes, and the hints
// for a mistyped command or option ("did you mean …?").

import denoJson from "../deno.json" with { type: "json" };
import { wrap } from "../core/format.ts";
import { SIGNATURE_METHODS } from "../steps/signature.ts";
import { env, message, OPTIONS } from "./_input.ts";

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
file.`;

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
  --client-base-string S    the base string your own code logged: the
                            departure is then named step by step
  --response TEXT           the server's error body (oauth_problem=...,
                            debug_sbs=...); "-" or "@FILE" reads it`;

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

/** Each command's usage, summary, option sections and examples. */
export const COMMANDS: Record<
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
      "Checks a captured request against your secrets as a server does, with\nverifyRequest(), and prints the verdict, with the cause when a known mistake\nexplains it. Without --check-clock or --date, a timestamp in the past is not\nrefused, so that a request signed long ago is judged on its signature.",
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
    usage: "explain [REQUEST] [--response TEXT] [options] | explain --list",
    summary:
      "Explains why a signature is invalid: the step where it departs from the\ncorrect one, the parameters, the base strings aligned, and the fewest wrong\nsettings of the signer's decisions (up to 3 together) that reproduce what\nwas sent, with the fix. --list prints the decisions and their wrong settings.",
    sections: [
      `Knobs:
  --list                    the signer's decisions explain searches, each
                            wrong setting with where it was seen (--json)`,
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
      ["the decisions and wrong settings searched", "{cli} explain --list"],
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

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** Whether a name is a command's. */
export function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/**
 * The program as the user ran it: the JSR form when run from JSR, `deno task
 * cli` under `deno task` (which sets INIT_CWD), else the local file.
 */
export function invokedAs(): string {
  if (!import.meta.url.startsWith("file:")) {
    return "deno run -R -E jsr:@oauth1/steps/cli";
  }
  return env("INIT_CWD") !== undefined
    ? "deno task cli"
    : "deno run -R -E cli/main.ts";
}

/** The usage of every command, the input forms and the exit codes. */
export function usage(): string {
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

/** One command's usage, options and examples. */
export function commandHelp(name: CommandName): string {
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

// parseArgs's own message for an unknown option has an unmatched quote and
// no hint; this one names the option, the nearest valid one and the help.
export function argumentError(
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
export function suggestion(text: string, candidates: string[]): string {
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
