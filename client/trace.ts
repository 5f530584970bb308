/**
 * The trace of a signature: plain, readonly data built from the values the
 * steps returned, so it can never disagree with the signature; and
 * {@linkcode formatTrace}, which renders it for a terminal or as Markdown.
 * The data itself is the JSON form (`JSON.stringify(signed.trace)`).
 *
 * Secrets are masked unless `revealSecrets` was asked for: a secret appears
 * as its length and the first 8 hex digits of its SHA-256 digest.
 *
 * @module
 */

import { toBase64, toHex } from "../core/codec.ts";
import { wrap, type Writer, writer } from "../core/format.ts";
import type {
  BaseStringUri,
  BaseStringUriRule,
} from "../steps/base_string_uri.ts";
import type {
  Parameter,
  ParameterSource,
  SortedParameter,
} from "../steps/parameters.ts";
import { isFormContentType } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import {
  builtInSignatureMethod,
  type SignatureMethod,
} from "../steps/signature.ts";

/** A secret as the trace shows it. */
export interface SecretView {
  /** Its length in UTF-16 code units (`secret.length`). */
  readonly length: number;
  /** `sha256:` and the first 8 hex digits of the SHA-256 of its UTF-8. */
  readonly fingerprint: string;
  /** The secret itself, only when `revealSecrets` was asked for. */
  readonly value?: string;
}

/** The request as given. */
export interface InputStep {
  /** Which step this is. */
  readonly step: "input";
  /** The HTTP method. */
  readonly method: string;
  /** The request URL as given. */
  readonly url: string;
  /** The `Content-Type` header, if any. */
  readonly contentType: string | null;
  /** The body as text, `(N bytes)` for bytes, or `null` when there is none. */
  readonly body: string | null;
  /** The client identifier (not a secret). */
  readonly consumerKey: string;
  /** The token identifier, if any (not a secret). */
  readonly token: string | undefined;
  /** The signature method asked for. */
  readonly signatureMethod: string;
  /** Where the protocol parameters go. */
  readonly placement: "header" | "query" | "body";
}

/** Step 1: the base string URI. */
export interface BaseStringUriStep {
  /** Which step this is. */
  readonly step: "base-string-uri";
  /** The section of RFC 5849. */
  readonly section: "3.4.1.2";
  /** The request URL as given. */
  readonly url: string;
  /** The `Host` header that overrode the authority, if any. */
  readonly host: string | undefined;
  /** The base string URI. */
  readonly uri: string;
  /** The normalization rules that fired. */
  readonly rules: readonly BaseStringUriRule[];
}

/** A parameter as step 2 saw it. */
export interface TracedParameter {
  /** The decoded name. */
  readonly name: string;
  /** The decoded value. */
  readonly value: string;
  /** Where it was found. */
  readonly source: ParameterSource;
  /** The name percent-encoded. */
  readonly encodedName: string;
  /** The value percent-encoded. */
  readonly encodedValue: string;
  /** Its place, from 1, in the sorted (signed) order. */
  readonly position: number;
}

/** Step 2: the parameters, in the order found, and their normalized form. */
export interface ParametersStep {
  /** Which step this is. */
  readonly step: "parameters";
  /** The section of RFC 5849. */
  readonly section: "3.4.1.3";
  /** Every parameter, in the order found. */
  readonly parameters: readonly TracedParameter[];
  /** The normalized parameters string. */
  readonly normalized: string;
  /**
   * Why a body sent is not among the parameters, and what to do if the
   * server reads it as a form; `undefined` when there is no such body.
   */
  readonly unsignedBody: string | undefined;
}

/** Step 3: the signature base string. */
export interface SignatureBaseStringStep {
  /** Which step this is. */
  readonly step: "signature-base-string";
  /** The section of RFC 5849. */
  readonly section: "3.4.1.1";
  /** The HTTP method. */
  readonly method: string;
  /** The base string URI. */
  readonly uri: string;
  /** The normalized parameters (step 2). */
  readonly normalizedParameters: string;
  /** The signature base string. */
  readonly baseString: string;
}

/** Step 4: the signature. */
export interface SignatureStep {
  /** Which step this is. */
  readonly step: "signature";
  /** The section of RFC 5849, or `"custom"` for a method of your own. */
  readonly section: "3.4.2" | "3.4.3" | "3.4.4" | "custom";
  /** The signature method, such as `"HMAC-SHA1"`. */
  readonly method: string;
  /** The signing key: its structure and the secrets as shown. */
  readonly key: {
    /** How the key is built. */
    readonly structure: string;
    /** The consumer secret, masked unless revealed. */
    readonly consumerSecret: SecretView;
    /** The token secret, masked unless revealed. */
    readonly tokenSecret: SecretView;
  };
  /** The raw digest in hex, when the method computes one. */
  readonly digestHex: string | undefined;
  /** The raw digest in base64, when the method computes one. */
  readonly digestBase64: string | undefined;
  /** The signature; for PLAINTEXT, masked unless secrets are revealed. */
  readonly signature: string;
}

/** The placement of the protocol parameters. */
export interface PlacementStep {
  /** Which step this is. */
  readonly step: "placement";
  /** The section of RFC 5849. */
  readonly section: "3.5.1" | "3.5.2" | "3.5.3";
  /** Where the protocol parameters go. */
  readonly placement: "header" | "query" | "body";
  /** The header value, the URL or the body, as sent. */
  readonly value: string | undefined;
}

/** One step of the trace. */
export type TraceStep =
  | InputStep
  | BaseStringUriStep
  | ParametersStep
  | SignatureBaseStringStep
  | SignatureStep
  | PlacementStep;

/** The trace: one entry per step, in the order of RFC 5849. */
export type Trace = readonly TraceStep[];

const encoder = new TextEncoder();
const fingerprints = new Map<string, string>();
const FINGERPRINTS = 256;

/**
 * Shows a secret as its length and fingerprint, or itself when revealed,
 * without waiting: `undefined` until {@linkcode secretView} has fingerprinted
 * that secret once.
 */
export function knownSecretView(
  secret: string,
  reveal: boolean,
): SecretView | undefined {
  const fingerprint = fingerprints.get(secret);
  if (fingerprint === undefined) return undefined;
  return reveal
    ? { length: secret.length, fingerprint, value: secret }
    : { length: secret.length, fingerprint };
}

/** Shows a secret as its length and fingerprint, or itself when revealed. */
export async function secretView(
  secret: string,
  reveal: boolean,
): Promise<SecretView> {
  if (!fingerprints.has(secret)) {
    const digest = await crypto.subtle.digest(
      "SHA-256",
      encoder.encode(secret),
    );
    if (fingerprints.size >= FINGERPRINTS) {
      fingerprints.delete(fingerprints.keys().next().value!);
    }
    fingerprints.set(
      secret,
      "sha256:" + toHex(new Uint8Array(digest)).slice(0, 8),
    );
  }
  return knownSecretView(secret, reveal)!;
}

const PLACEMENT_SECTION = {
  header: "3.5.1",
  body: "3.5.2",
  query: "3.5.3",
} as const;

/** The values `signRequest()` hands to {@linkcode buildTrace}. @internal */
export interface TraceValues {
  input: {
    method: string;
    url: string;
    contentType: string | null;
    host: string | null;
    body: string | Uint8Array | undefined;
  };
  consumerKey: string;
  token: string | undefined;
  consumerSecret: SecretView;
  tokenSecret: SecretView;
  method: SignatureMethod;
  placement: "header" | "query" | "body";
  reveal: boolean;
  uri: BaseStringUri;
  collected: readonly Parameter[];
  sorted: readonly SortedParameter[];
  normalized: string;
  baseString: string;
  signature: string;
  digest: Uint8Array | undefined;
  /** The placed value: header, URL or body, with the signature as sent. */
  placed: string | undefined;
}

// RFC 5849 §3.4.1.3.1 signs a body only when it is a form.
function unsignedBody(
  input: TraceValues["input"],
  collected: readonly Parameter[],
): string | undefined {
  const size = typeof input.body === "string"
    ? input.body.length
    : input.body?.byteLength ?? 0;
  if (size === 0 || isFormContentType(input.contentType)) return undefined;
  const type = input.contentType === null
    ? "the request has no Content-Type"
    : `its Content-Type is "${input.contentType}"`;
  const hashed = collected.some(([name]) => name === "oauth_body_hash");
  return `The body is not signed as parameters: ${type}, and only an application/x-www-form-urlencoded body is (RFC 5849 §3.4.1.3.1)${
    hashed
      ? "; oauth_body_hash covers it instead"
      : "; if the server reads it as a form, send Content-Type: application/x-www-form-urlencoded"
  }`;
}

/** Builds the trace from the values the steps returned. @internal */
export function buildTrace(values: TraceValues): Trace {
  const { input, method, reveal, signature } = values;
  const masked = !reveal && method.name === "PLAINTEXT";
  const maskedSignature = masked
    ? `(the signing key, ${signature.length} characters, masked)`
    : signature;
  const body = input.body === undefined
    ? null
    : typeof input.body === "string"
    ? input.body
    : `(${input.body.byteLength} bytes)`;
  return [
    {
      step: "input",
      method: input.method,
      url: input.url,
      contentType: input.contentType,
      body,
      consumerKey: values.consumerKey,
      token: values.token,
      signatureMethod: method.name,
      placement: values.placement,
    },
    {
      step: "base-string-uri",
      section: "3.4.1.2",
      url: input.url,
      host: input.host ?? undefined,
      uri: values.uri.uri,
      rules: values.uri.rules,
    },
    {
      step: "parameters",
      section: "3.4.1.3",
      parameters: tracedParameters(values),
      normalized: values.normalized,
      unsignedBody: unsignedBody(input, values.collected),
    },
    {
      step: "signature-base-string",
      section: "3.4.1.1",
      method: input.method,
      uri: values.uri.uri,
      normalizedParameters: values.normalized,
      baseString: values.baseString,
    },
    {
      step: "signature",
      section: builtInSignatureMethod(method.name)?.section ?? "custom",
      method: method.name,
      key: {
        structure: method.keyStructure,
        consumerSecret: values.consumerSecret,
        tokenSecret: values.tokenSecret,
      },
      digestHex: values.digest && toHex(values.digest),
      digestBase64: values.digest && toBase64(values.digest),
      signature: maskedSignature,
    },
    {
      step: "placement",
      section: PLACEMENT_SECTION[values.placement],
      placement: values.placement,
      value: masked && values.placed !== undefined
        ? maskPlaintext(values.placed, signature)
        : values.placed,
    },
  ];
}

// Each parameter as collected, with its encoded form and its place in the
// sorted order.
function tracedParameters(values: TraceValues): TracedParameter[] {
  const position: number[] = [];
  values.sorted.forEach((p, i) => position[p.index] = i);
  return values.collected.map(([name, value, source], i) => {
    const at = position[i]!;
    const { encodedName, encodedValue } = values.sorted[at]!;
    return {
      name,
      value,
      source,
      encodedName,
      encodedValue,
      position: at + 1,
    };
  });
}

function maskPlaintext(placed: string, signature: string): string {
  return placed.replaceAll(percentEncode(signature), "(masked)");
}

/** Options for {@linkcode formatTrace}. */
export interface FormatTraceOptions {
  /** `"terminal"` (the default) or `"markdown"`. */
  format?: "terminal" | "markdown";
  /**
   * ANSI colour in the terminal format; off by default. Programs turn it on
   * when standard output is a terminal and `NO_COLOR` is not set.
   */
  color?: boolean;
  /**
   * The terminal's width in columns: sentences and labelled values wrap at
   * spaces to it; values without spaces (a URL, a base string) stay whole.
   * No wrapping by default; programs pass the terminal's width, or 80.
   */
  width?: number;
}

const TITLES: Readonly<Record<TraceStep["step"], string>> = {
  "input": "The request",
  "base-string-uri": "Step 1: the base string URI",
  "parameters": "Step 2: the parameters",
  "signature-base-string": "Step 3: the signature base string",
  "signature": "Step 4: the signature",
  "placement": "Sending it",
};

/**
 * Renders a trace for a terminal or as Markdown: each step with its RFC 5849
 * section and its values, secrets as the trace holds them.
 *
 * @param trace The trace of a signed request.
 * @param options The format and whether to colour it.
 * @returns The rendered text.
 *
 * @example Render the trace of RFC 5849 §1.2's photo request
 * ```ts
 * import { formatTrace, signRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "http://photos.example.net/photos?size=original&file=vacation.jpg" },
 *   { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
 *   { nonce: "chapoH", timestamp: 137131202 },
 * );
 * const text = formatTrace(signed.trace);
 * assert.match(text, /Step 1: the base string URI \(RFC 5849 §3\.4\.1\.2\)/);
 * assert.ok(!text.includes("kd94hf93k423kf44"));
 * ```
 */
export function formatTrace(
  trace: Trace,
  options: FormatTraceOptions = {},
): string {
  const w = writer(options);
  const page: Page = {
    ...w,
    columns: w.markdown ? Infinity : options.width ?? Infinity,
  };
  for (const step of trace) {
    heading(page, step);
    switch (step.step) {
      case "input":
        formatInput(page, step);
        break;
      case "base-string-uri":
        formatBaseStringUri(page, step);
        break;
      case "parameters":
        formatParameters(page, step);
        break;
      case "signature-base-string":
        formatSignatureBaseString(page, step);
        break;
      case "signature":
        formatSignature(page, step);
        break;
      case "placement":
        formatPlacement(page, step);
        break;
    }
    page.out.push("");
  }
  return page.out.join("\n").trimEnd() + "\n";
}

// The writer, with the width values wrap to.
interface Page extends Writer {
  readonly columns: number;
}

// A step's title with its RFC 5849 section, and the signature method or the
// placement after it.
function heading(page: Page, step: TraceStep): void {
  const suffix = step.step === "signature"
    ? `, ${step.method}`
    : step.step === "placement"
    ? `, ${step.placement}`
    : "";
  const section = "section" in step && step.section !== "custom"
    ? ` (RFC 5849 §${step.section}${suffix})`
    : suffix === ""
    ? ""
    : ` (${suffix.slice(2)})`;
  page.heading(TITLES[step.step] + section);
}

function formatInput(page: Page, step: InputStep): void {
  const { field } = page;
  field("method", step.method);
  field("url", step.url);
  if (step.body !== null) field("body", step.body);
  if (step.contentType !== null) field("content-type", step.contentType);
  field("consumer key", step.consumerKey);
  if (step.token !== undefined) field("token", step.token);
  field("signed with", step.signatureMethod);
}

function formatBaseStringUri(page: Page, step: BaseStringUriStep): void {
  const { field } = page;
  field("from", step.url);
  if (step.host !== undefined) field("Host header", step.host);
  field("rules applied", step.rules.join("; ") || "none");
  field("base string URI", step.uri);
}

function formatParameters(page: Page, step: ParametersStep): void {
  const rows = [...step.parameters].sort((a, b) => a.position - b.position);
  if (page.markdown) parameterTable(page, rows);
  else parameterLines(page, rows);
  page.field("normalized", step.normalized);
  if (step.unsignedBody !== undefined) page.field("body", step.unsignedBody);
}

function parameterTable(page: Page, rows: readonly TracedParameter[]): void {
  const { out } = page;
  out.push("| # | source | name | value | encoded |");
  out.push("|---|---|---|---|---|");
  for (const p of rows) {
    out.push(
      `| ${p.position} | ${p.source} | \`${cell(p.name)}\` | \`${
        cell(p.value)
      }\` | \`${cell(p.encodedName)}=${cell(p.encodedValue)}\` |`,
    );
  }
  out.push("");
}

// One line a parameter; its encoded form below, only where it differs from
// what was given.
function parameterLines(page: Page, rows: readonly TracedParameter[]): void {
  const { out, dim, value, columns } = page;
  const nameWidth = Math.max(4, ...rows.map((p) => p.name.length));
  const indent = " ".repeat(13 + nameWidth); // "→ " ends under "value"
  out.push(dim(`  #  source  ${"name".padEnd(nameWidth)}  value`));
  for (const p of rows) {
    out.push(
      ...wrap(
        shown(p.value),
        columns,
        `  ${String(p.position).padStart(2)} ${p.source.padEnd(7)} ${
          p.name.padEnd(nameWidth)
        }  `,
        `${indent}  `,
      ),
    );
    if (p.encodedName !== p.name) {
      out.push(
        `${indent}${dim("→")} ${value(`${p.encodedName}=${p.encodedValue}`)}`,
      );
    } else if (p.encodedValue !== p.value) {
      out.push(`${indent}${dim("→")} ${value(p.encodedValue)}`);
    }
  }
}

function formatSignatureBaseString(
  page: Page,
  step: SignatureBaseStringStep,
): void {
  page.out.push(
    page.markdown
      ? "METHOD & encode(base string URI) & encode(normalized parameters):\n"
      : page.dim(
        "  METHOD & encode(base string URI) & encode(normalized parameters)",
      ),
  );
  page.block([step.baseString], page.value);
}

function formatSignature(page: Page, step: SignatureStep): void {
  const { field } = page;
  field("key", step.key.structure);
  field("consumer secret", secret(step.key.consumerSecret));
  field("token secret", secret(step.key.tokenSecret));
  if (step.digestHex !== undefined) field("digest (hex)", step.digestHex);
  if (step.digestBase64 !== undefined) {
    field("digest (base64)", step.digestBase64);
  }
  field("oauth_signature", step.signature);
}

function formatPlacement(page: Page, step: PlacementStep): void {
  if (step.value === undefined) return;
  if (page.markdown) page.block([step.value], page.value);
  else {
    // A header breaks after its commas; a URL or a body does not break.
    page.out.push(
      ...wrap(step.value, page.columns, "  ", "    ").map((line) =>
        page.value(line)
      ),
    );
  }
}

function secret(view: SecretView): string {
  if (view.length === 0) return "(empty)";
  const shown = view.value === undefined
    ? ""
    : `${JSON.stringify(view.value)}, `;
  return `${shown}${view.length} characters, ${view.fingerprint}`;
}

// A value as typed, quoted only where quotes show something: emptiness, a
// space at either end, or a character that does not print.
function shown(text: string): string {
  return text === "" || /^\s|\s$|\p{Cc}/u.test(text)
    ? JSON.stringify(text)
    : text;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("`", "ˋ");
}
