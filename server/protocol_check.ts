/**
 * The protocol checks of
 * {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2 | RFC 5849 §3.2}
 * on the protocol parameters a request carries, as one pure function:
 * {@linkcode checkProtocolParameters} reads no clock, no store and no
 * secret, and answers every problem it finds. `verifyRequest()` refuses a
 * request with the first, and `explain()` reports them all, so the two never
 * disagree on what a well-formed request is.
 *
 * @module
 */

import { PROTOCOL_PARAMETERS } from "../core/protocol.ts";
import { quoteName, quoteRead } from "../core/quote.ts";
import type { ParameterSource } from "../steps/parameters.ts";
import {
  builtInSignatureMethod,
  SIGNATURE_METHODS,
  type SignatureMethod,
} from "../steps/signature.ts";
import type { ProblemCode } from "./problems.ts";

/**
 * A protocol parameter as read from a request: its name, its decoded value
 * and, when known, where it was found (`"oauth"` for the Authorization
 * header).
 */
export type ProtocolParameter = readonly [
  name: string,
  value: string,
  source?: ParameterSource,
];

/** What {@linkcode checkProtocolParameters} checks the parameters against. */
export interface ProtocolCheckOptions {
  /** The signature methods accepted; every built-in one by default. */
  signatureMethods?: readonly SignatureMethod[];
  /**
   * The request URL's scheme as `URL.protocol` gives it (`"https:"`); when
   * omitted, the transport of PLAINTEXT is not checked.
   */
  protocol?: string;
  /** Accepts PLAINTEXT over plain http (never do this outside tests). */
  allowPlaintextOverHttp?: boolean;
  /** Requires a non-empty `oauth_token` (a protected resource). */
  requireToken?: boolean;
}

/** A rule of RFC 5849 §3.2 that the protocol parameters break. */
export interface ProtocolProblem {
  /** The Problem Reporting code a verifier answers with. */
  readonly code: ProblemCode;
  /** The protocol parameter at fault, such as `"oauth_nonce"`. */
  readonly parameter: string;
  /**
   * The rule and what the request did instead, without secrets:
   * `oauth_version must be "1.0": current version is "2.0"`.
   */
  readonly message: string;
  /** The section of RFC 5849 that states the rule, such as `"3.1"`. */
  readonly section: string;
}

// The protocol parameters every signed request carries (RFC 5849 §3.1), and
// whether PLAINTEXT may leave each out, from the one table of them.
const REQUIRED = PROTOCOL_PARAMETERS.filter(({ required }) => required);

const PLACES: Readonly<Record<ParameterSource, string>> = {
  oauth: "the Authorization header",
  query: "the query",
  body: "the body",
};

/**
 * Checks the protocol parameters of a request against the rules of RFC 5849
 * §3.1–§3.3 and §3.4.4 that need no clock, no nonce store and no secret: each
 * parameter is sent once; `oauth_version`, if sent, is `"1.0"`; the required
 * parameters are present (PLAINTEXT may omit the timestamp and nonce); the
 * signature method is one accepted; PLAINTEXT comes over https; the
 * timestamp is a whole number of seconds; the nonce has 1 to 256 characters.
 *
 * @param parameters Every protocol parameter sent, `oauth_signature`
 * included, in the order read, with its source when known.
 * @param options The methods accepted, the request's scheme, and whether
 * PLAINTEXT may come over http and a token is required.
 * @returns The problems found, in the order a verifier refuses them
 * (duplicates, version, absent parameters, signature method, transport,
 * timestamp, nonce); empty when the parameters are well formed.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.2}
 *
 * @example PLAINTEXT may omit the timestamp and nonce, but not the version rule
 * ```ts
 * import { checkProtocolParameters } from "./protocol_check.ts";
 * import assert from "node:assert/strict";
 *
 * const problems = checkProtocolParameters([
 *   ["oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth"],
 *   ["oauth_signature_method", "PLAINTEXT", "oauth"],
 *   ["oauth_signature", "kd94hf93k423kf44&", "oauth"],
 *   ["oauth_version", "2.0", "oauth"],
 * ], { protocol: "https:" });
 * assert.deepEqual(problems.map((p) => [p.code, p.parameter]), [
 *   ["version_rejected", "oauth_version"],
 * ]);
 * ```
 */
export function checkProtocolParameters(
  parameters: readonly ProtocolParameter[],
  options: ProtocolCheckOptions = {},
): ProtocolProblem[] {
  const first = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (!first.has(name)) first.set(name, value);
  }
  const methods = options.signatureMethods ?? SIGNATURE_METHODS;
  return [
    ...duplicated(parameters),
    ...versionProblem(first.get("oauth_version")),
    ...absent(first, options.requireToken === true),
    ...methodProblems(first.get("oauth_signature_method"), methods, options),
    ...timestampProblem(first.get("oauth_timestamp")),
    ...nonceProblem(first.get("oauth_nonce")),
  ];
}

// RFC 5849 §3.1: each protocol parameter MUST NOT appear more than once.
// A name is reported where it is first repeated.
function duplicated(
  parameters: readonly ProtocolParameter[],
): ProtocolProblem[] {
  const sources = new Map<string, (ParameterSource | undefined)[]>();
  const repeated: string[] = [];
  for (const [name, , source] of parameters) {
    const found = sources.get(name) ?? [];
    if (found.length === 1) repeated.push(name);
    sources.set(name, [...found, source]);
  }
  return repeated.map((name) => {
    const found = sources.get(name)!;
    const places = new Set(found.map((s) => s && PLACES[s]));
    const where = places.has(undefined)
      ? ""
      : `, in ${[...places].join(" and ")}`;
    return {
      code: "parameter_rejected",
      parameter: name,
      message: `protocol ${
        quoteName(name)
      } must appear once: current request sends it ${found.length} times${where}`,
      section: "3.1",
    };
  });
}

// RFC 5849 §3.2: "If the oauth_version parameter is present, ensuring its
// value is 1.0".
function versionProblem(version: string | undefined): ProtocolProblem[] {
  if (version === undefined || version === "1.0") return [];
  return [{
    code: "version_rejected",
    parameter: "oauth_version",
    message: `oauth_version must be "1.0": current version is ${
      quoteRead(version)
    }`,
    section: "3.1",
  }];
}

// RFC 5849 §3.1: the required parameters; PLAINTEXT may omit the timestamp
// and nonce. A protected resource may require a token (§3.1, oauth_token
// "MAY be omitted" only when the request has none to send).
function absent(
  first: ReadonlyMap<string, string>,
  requireToken: boolean,
): ProtocolProblem[] {
  const method = first.get("oauth_signature_method");
  const plaintext = method !== undefined &&
    builtInSignatureMethod(method)?.family === "PLAINTEXT";
  const names = REQUIRED.filter(({ name, plaintextMayOmit }) =>
    !first.has(name) && !(plaintext && plaintextMayOmit)
  ).map(({ name }) => name);
  if (requireToken && !first.get("oauth_token")) names.push("oauth_token");
  return names.map((name) => ({
    code: "parameter_absent",
    parameter: name,
    message: `${name} must be sent: current request ${
      first.has(name) ? "sends it empty" : "lacks it"
    }`,
    section: "3.1",
  }));
}

// RFC 5849 §3.2: a method the server does not support is refused; §3.4.4:
// PLAINTEXT only over a secure channel (TLS), since it sends the key itself.
function methodProblems(
  name: string | undefined,
  methods: readonly SignatureMethod[],
  options: ProtocolCheckOptions,
): ProtocolProblem[] {
  if (name === undefined) return []; // reported absent
  if (!methods.some((method) => method.name === name)) {
    return [{
      code: "signature_method_rejected",
      parameter: "oauth_signature_method",
      message: `signature method must be one of ${
        methods.map((m) => m.name).join(", ")
      }: current method is ${quoteRead(name)}`,
      section: "3.2",
    }];
  }
  const plaintext = builtInSignatureMethod(name)?.family === "PLAINTEXT";
  if (
    !plaintext || options.protocol === undefined ||
    options.protocol === "https:" || options.allowPlaintextOverHttp
  ) {
    return [];
  }
  return [{
    code: "signature_method_rejected",
    parameter: "oauth_signature_method",
    message: "PLAINTEXT must be sent over https: current request is plain http",
    section: "3.4.4",
  }];
}

// RFC 5849 §3.3: a positive integer of seconds. Fifteen digits at most keep
// it an exact number.
function timestampProblem(timestamp: string | undefined): ProtocolProblem[] {
  if (timestamp === undefined || /^\d{1,15}$/.test(timestamp)) return [];
  return [{
    code: "parameter_rejected",
    parameter: "oauth_timestamp",
    message:
      `oauth_timestamp must be a whole number of seconds: current timestamp is ${
        quoteRead(timestamp)
      }`,
    section: "3.3",
  }];
}

// RFC 5849 §3.3: a random string; this verifier bounds its length so that a
// nonce store holds no unbounded key.
function nonceProblem(nonce: string | undefined): ProtocolProblem[] {
  if (nonce === undefined || (nonce !== "" && nonce.length <= 256)) return [];
  return [{
    code: "parameter_rejected",
    parameter: "oauth_nonce",
    message:
      `oauth_nonce must have 1 to 256 characters: current nonce has ${nonce.length}`,
    section: "3.3",
  }];
}
