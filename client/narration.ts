/**
 * The steps of a signature told in plain words: {@linkcode narrateTrace}
 * turns a trace into a sentence or two per step, written from the request's
 * own values ("the query `?term=fargo` leaves the URI and joins the
 * parameters"), and {@linkcode FLOW_LEGS} says which protocol parameters
 * each leg of the three-legged flow sends. The examples print them beside
 * the trace, and the playground shows them under each step: one text, for
 * the terminal and the page.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @module
 */

import { PROTOCOL_PARAMETERS } from "../core/protocol.ts";
import { builtInSignatureMethod } from "../steps/signature.ts";
import type {
  BaseStringUriStep,
  InputStep,
  ParametersStep,
  PlacementStep,
  SecretView,
  SignatureBaseStringStep,
  SignatureStep,
  Trace,
  TraceStep,
} from "./trace.ts";

/** One step of a trace, told in plain words. */
export interface StepNarration {
  /** The step told, as the trace names it, such as `"base-string-uri"`. */
  readonly step: TraceStep["step"];
  /** A sentence or two, with values of the request in backquotes. */
  readonly text: string;
}

/**
 * Tells each step of a trace in a sentence or two, from the values the
 * trace holds: what the URL loses, how many parameters come from where and
 * which ones encoding changes, what the base string joins, how the key is
 * made, and where the signature goes. Secrets are told as the trace shows
 * them: masked unless it was made with `revealSecrets`.
 *
 * @param trace The trace of a signed request (`signed.trace`).
 * @returns One narration per step of the trace, in its order.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example The query leaves the URI and joins the parameters
 * ```ts
 * import { narrateTrace, signRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" },
 *   { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
 *   { nonce: "kllo9940pd9333jh", timestamp: 1191242096 },
 * );
 * const told = narrateTrace(signed.trace);
 * assert.equal(told[0]?.text, "A GET with two query parameters, signed with HMAC-SHA1.");
 * assert.match(told[1]!.text, /^The query `\?file=vacation.jpg&size=original` leaves the URI and joins the parameters/);
 * ```
 */
export function narrateTrace(trace: Trace): StepNarration[] {
  const parameters = trace.find((s): s is ParametersStep =>
    s.step === "parameters"
  );
  return trace.map((step) => ({
    step: step.step,
    text: tell(step, parameters),
  }));
}

function tell(step: TraceStep, parameters?: ParametersStep): string {
  switch (step.step) {
    case "input":
      return tellInput(step, parameters);
    case "base-string-uri":
      return tellUri(step);
    case "parameters":
      return tellParameters(step);
    case "signature-base-string":
      return tellBaseString(step);
    case "signature":
      return tellSignature(step);
    case "placement":
      return tellPlacement(step);
  }
}

const NUMBERS = [
  "no",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
];

// "three"; numbers over ten in digits.
function word(n: number): string {
  return NUMBERS[n] ?? String(n);
}

// "three query parameters", "one parameter".
function count(n: number, noun: string): string {
  return `${word(n)} ${noun}${n === 1 ? "" : "s"}`;
}

// A value in backquotes, cut short when long.
function quoted(text: string, max = 40): string {
  return `\`${text.length > max ? `${text.slice(0, max - 1)}…` : text}\``;
}

function tellInput(step: InputStep, parameters?: ParametersStep): string {
  const from = (source: string) =>
    parameters?.parameters.filter((p) => p.source === source).length ?? 0;
  const query = from("query");
  const body = from("body");
  const carries = [
    query > 0 && count(query, "query parameter"),
    body > 0 && `a form body of ${count(body, "parameter")}`,
    step.body !== null && body === 0 &&
    `a ${step.contentType ?? "untyped"} body, which is not signed`,
  ].filter((part): part is string => part !== false);
  return `A ${step.method} with ${
    carries.length === 0 ? "no parameters of its own" : carries.join(" and ")
  }, signed with ${step.signatureMethod}.`;
}

function tellUri(step: BaseStringUriStep): string {
  const url = step.url;
  const hash = url.indexOf("#");
  const query = url.slice(0, hash === -1 ? undefined : hash).indexOf("?");
  const said: string[] = [];
  for (const rule of step.rules) {
    switch (rule) {
      case "query dropped":
        said.push(
          `The query ${
            quoted(url.slice(query, hash === -1 ? undefined : hash))
          } leaves the URI and joins the parameters.`,
        );
        break;
      case "fragment dropped":
        said.push(
          `The fragment ${
            quoted(url.slice(hash))
          } goes: it never reaches the server.`,
        );
        break;
      default:
        said.push(`${RULE_WORDS[rule]}.`);
    }
  }
  if (said.length === 0) {
    said.push(
      "The URL is already in its base string form: scheme and host in lower case, no default port, no query.",
    );
  }
  return said.join(" ");
}

const RULE_WORDS: Readonly<Record<string, string>> = {
  "scheme lower-cased": "The scheme is written in lower case",
  "host lower-cased": "The host is written in lower case",
  "host written in ASCII (punycode)":
    "The host is written in ASCII, as punycode",
  "default port dropped": "The default port is dropped",
  "empty path written as /": "An empty path is written as /",
  "path written in its wire form":
    "The path is written as it travels, percent-encoded",
  "authority taken from the Host header":
    "The host and port come from the Host header, not the URL",
};

function tellParameters(step: ParametersStep): string {
  const from = (source: string) =>
    step.parameters.filter((p) => p.source === source).length;
  const gathered = [
    from("query") > 0 && `the query's ${word(from("query"))}`,
    from("body") > 0 && `the form body's ${word(from("body"))}`,
    `the ${word(from("oauth"))} oauth_ ones`,
  ].filter((part): part is string => part !== false);
  const said = [
    `Gather ${
      gathered.join(", ").replace(/, ([^,]*)$/, " and $1")
    } (never oauth_signature), percent-encode each name and value, sort them by encoded name, then by encoded value, and join them with &.`,
  ];
  const changed = step.parameters.filter((p) =>
    p.encodedValue !== p.value || p.encodedName !== p.name
  );
  const first = changed[0];
  if (first !== undefined) {
    const many = count(changed.length, "parameter");
    said.push(
      `${
        changed.length === 1
          ? "One parameter changes"
          : `${many[0]!.toUpperCase()}${many.slice(1)} change`
      } when encoded: ${quoted(`${first.name}=${first.value}`)} becomes ${
        quoted(`${first.encodedName}=${first.encodedValue}`)
      }.`,
    );
  }
  const names = step.parameters.map((p) => p.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    said.push(
      `${
        quoted(twice)
      } comes more than once: every value is signed, in order of its encoded value.`,
    );
  }
  if (step.unsignedBody !== undefined) said.push(step.unsignedBody);
  return said.join(" ");
}

function tellBaseString(step: SignatureBaseStringStep): string {
  const said = [
    `Join the method ${
      quoted(step.method)
    }, the encoded base string URI and the encoded parameters with &.`,
  ];
  const escaped = /%[0-9A-F]{2}/.exec(step.normalizedParameters)?.[0];
  said.push(
    escaped === undefined
      ? "Encoded again, each = of the parameters becomes %3D and each & becomes %26."
      : `Encoded again, each = becomes %3D, each & becomes %26 and each % becomes %25, so ${
        quoted(escaped)
      } reads ${quoted(`%25${escaped.slice(1)}`)}.`,
  );
  return said.join(" ");
}

// How a secret reads in a sentence: masked, none, or itself.
function secretWords(view: SecretView): string {
  if (view.length === 0) return "none here";
  return view.value === undefined ? "masked here" : "shown here";
}

function tellSignature(step: SignatureStep): string {
  const secrets = `the encoded consumer secret (${
    secretWords(step.key.consumerSecret)
  }), "&", and the encoded token secret (${secretWords(step.key.tokenSecret)})`;
  switch (builtInSignatureMethod(step.method)?.family) {
    case "HMAC":
      return `${step.method} over the base string, keyed with ${secrets}, then base64.`;
    case "RSA":
      return `${step.method} signs the base string with the RSA private key (PKCS #1 v1.5), then base64; the consumer and token secrets play no part, and the server checks it with the public key.`;
    case "PLAINTEXT":
      return `PLAINTEXT computes nothing: the signature is the key itself, ${secrets}. Anyone who sees the request sees the secrets, so send it over HTTPS only.`;
    default:
      return `${step.method}, a method of your own, over the base string.`;
  }
}

function tellPlacement(step: PlacementStep): string {
  switch (step.placement) {
    case "header":
      return "The protocol parameters and the signature go in the Authorization header, the realm first if there is one (it is never signed); the URL and the body go as they were.";
    case "query":
      return "The signed URL: the protocol parameters and the signature in the query.";
    case "body":
      return "The protocol parameters and the signature join the form body.";
  }
}

/** One leg of the three-legged flow, and what its request sends. */
export interface FlowLeg {
  /** The leg, in words, with the name its request is also known by. */
  readonly title: string;
  /** The section of RFC 5849 that defines it. */
  readonly section: string;
  /** The protocol parameters its request always sends. */
  readonly sends: readonly string[];
  /** The protocol parameters it may send. */
  readonly maySend: readonly string[];
  /** The signing key it uses. */
  readonly key: string;
  /** What it gets back, or what it is for. */
  readonly result: string;
}

// The parameters of the table's rows, and of the one leg whose section
// defines a parameter (oauth_callback §2.1, oauth_verifier §2.3).
function legParameters(
  section: string,
  token: boolean,
): { sends: string[]; maySend: string[] } {
  const sends = PROTOCOL_PARAMETERS.filter((p) =>
    p.required || (/^2\./.test(section) && p.section === section) ||
    (token && p.name === "oauth_token")
  ).map((p) => p.name);
  const maySend = PROTOCOL_PARAMETERS.filter((p) =>
    !sends.includes(p.name) && !p.required && !/^2\./.test(p.section) &&
    p.name !== "oauth_token"
  ).map((p) => p.name);
  return { sends, maySend };
}

/**
 * The three legs of the flow (RFC 5849 §2): the temporary credentials
 * request, the token request, and each request for a protected resource,
 * with the protocol parameters each sends, read from the table of protocol
 * parameters: the required ones on every leg, `oauth_callback` (§2.1) on the
 * first, `oauth_token` and `oauth_verifier` (§2.3) on the second, and
 * `oauth_token` on the third.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-2}
 *
 * @example The token request sends the verifier
 * ```ts
 * import { FLOW_LEGS } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * assert.ok(FLOW_LEGS[1]!.sends.includes("oauth_verifier"));
 * assert.ok(!FLOW_LEGS[2]!.sends.includes("oauth_callback"));
 * ```
 */
export const FLOW_LEGS: readonly FlowLeg[] = [
  {
    title: "Temporary credentials (the request token)",
    section: "2.1",
    ...legParameters("2.1", false),
    key: 'the consumer secret and "&": there is no token yet',
    result:
      "a temporary token and secret, and the user is sent to authorize it",
  },
  {
    title: "Token credentials (the access token)",
    section: "2.3",
    ...legParameters("2.3", true),
    key: 'the consumer secret, "&" and the temporary token\'s secret',
    result: "the token and secret to sign every later request with",
  },
  {
    title: "A protected resource (every request after)",
    section: "3.1",
    ...legParameters("3.1", true),
    key: 'the consumer secret, "&" and the token secret',
    result: "the resource, the request's own parameters signed too",
  },
];
