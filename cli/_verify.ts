// The `verify` command: the verdict is verifyRequest()'s, the server's side
// of RFC 5849 §3.2, given the captured request as a Request, a lookup that
// answers with the secrets given, a fresh nonce store and the clock the
// options choose (with --profile, the vendor's rules too). explain() only
// says why a refused request is wrong; when the two disagree, the command
// says so on standard error, as that is a bug of one of them.

import { wrap } from "../core/format.ts";
import { defaultTimestamp } from "../core/defaults.ts";
import { fromBase64 } from "../core/codec.ts";
import { headerValue } from "../core/headers.ts";
import type { CapturedRequest } from "../client/import.ts";
import type { Explanation } from "../explain/explain.ts";
import { memoryNonceStore } from "../server/nonce_store.ts";
import {
  type Problem,
  type VerifyLookup,
  type VerifyOptions,
  verifyRequest,
} from "../server/verify.ts";
import { builtInSignatureMethod } from "../steps/signature.ts";
import { lintRequest } from "../vendors/profiles.ts";
import { explainRequest, requireSecret } from "./_explain.ts";
import {
  BadInput,
  message,
  readCaptured,
  readSecrets,
  type Secrets,
  sentValue,
  type Values,
} from "./_input.ts";
import { profileInputs, readProfile } from "./_profiles.ts";
import { style } from "./_terminal.ts";

/** Why a request is refused: the verifier's problem, or a vendor's rules. */
interface Verdict {
  readonly valid: boolean;
  /** The verifier's problem, when it refused the request. */
  readonly problem: Problem | undefined;
  /** The vendor's rules the request breaks, with --profile. */
  readonly rules: readonly string[];
}

// What explain takes and verify does not: the server's view is evidence of
// another server, and the verifier is the server here.
const EXPLAIN_ONLY = ["server-base-string", "server-signature", "response"];

/** The `verify` command: 0 valid, 1 invalid and explained, 2 unexplained. */
export async function verify(rest: string[], values: Values): Promise<number> {
  for (const name of EXPLAIN_ONLY) {
    if (values[name as keyof Values] !== undefined) {
      throw new BadInput(
        `Cannot verify: --${name} is the server's view, which explain compares: run explain with it`,
      );
    }
  }
  const captured = await readCaptured("verify", rest, values);
  const secrets = await readSecrets(values);
  requireSecret("verify", captured, secrets);
  const time = serverTime(captured, values);
  const verdict = await verdictOf(captured, secrets, values, time.now);
  // explain() compares the timestamp with the clock the verifier used.
  const report = await reasonOf(verdict, () =>
    explainRequest(
      captured,
      secrets,
      values,
      time.clock && time.now !== undefined
        ? new Date(time.now * 1000)
        : undefined,
    ));
  const explained = !verdict.valid && typeof report !== "string" &&
    report.explained;
  printVerdict(verdict, report, values);
  return verdict.valid ? 0 : explained ? 1 : 2;
}

// explain()'s report; for a refused request it cannot read (no signature, an
// unknown method), why it cannot, as the verdict stands without it.
async function reasonOf(
  verdict: Verdict,
  explainIt: () => Promise<Explanation>,
): Promise<Explanation | string> {
  try {
    return await explainIt();
  } catch (error) {
    if (verdict.valid || error instanceof BadInput) throw error;
    return message(error);
  }
}

// The summary or JSON on standard output; a disagreement on standard error.
function printVerdict(
  verdict: Verdict,
  report: Explanation | string,
  values: Values,
): void {
  const disagreement = typeof report === "string"
    ? undefined
    : disagreementOf(verdict, report);
  if (values.json) {
    console.log(JSON.stringify(
      {
        verdict: verdict.valid ? "valid" : "invalid",
        problem: verdict.problem,
        rules: verdict.rules,
        disagreement,
        ...(typeof report === "string"
          ? { unexplained: report }
          : { explanation: report }),
      },
      null,
      2,
    ));
  } else {
    console.log(summary(verdict, report, style(false).width));
  }
  if (disagreement !== undefined) console.error(disagreement);
}

// verifyRequest()'s verdict, and the vendor's rules with --profile.
async function verdictOf(
  captured: CapturedRequest,
  secrets: Secrets,
  values: Values,
  now: number | undefined,
): Promise<Verdict> {
  const result = await verifyRequest(
    requestOf(captured),
    await lookupOf(captured, secrets),
    verifyOptions(captured, now),
  );
  const rules = values.profile === undefined ? [] : lintRequest(
    captured,
    readProfile(values.profile),
    profileInputs(values),
  ).filter((f) => f.severity === "error").map((f) => f.message);
  const problem = result.ok ? undefined : result.problem;
  return { valid: result.ok && rules.length === 0, problem, rules };
}

// The captured request as the server receives it: a Request, its body as
// bytes (a string would add a Content-Type that was not sent).
function requestOf(captured: CapturedRequest): Request {
  const method = captured.method.toUpperCase();
  if (captured.body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new BadInput(
      `Cannot verify: a ${method} request must not carry a body: current request sends one, which a Request (what the verifier reads) cannot hold`,
    );
  }
  try {
    return new Request(captured.url, {
      method: captured.method,
      headers: captured.headers.map(([name, value]): [string, string] => [
        name,
        value,
      ]),
      ...(captured.body === undefined
        ? {}
        : { body: new TextEncoder().encode(captured.body) }),
    });
  } catch (error) {
    throw new BadInput(
      `Cannot verify: the request must be one a server can receive: ${
        message(error)
      }`,
    );
  }
}

// The secrets given answer for whatever consumer key and token the request
// sends (verify reads them from the request); an RSA signature is checked
// with the public half of the private key given.
async function lookupOf(
  captured: CapturedRequest,
  secrets: Secrets,
): Promise<VerifyLookup> {
  const method = builtInSignatureMethod(
    sentValue(captured, "oauth_signature_method") ?? "",
  );
  const publicKey = method?.family === "RSA"
    ? await publicKeyOf(secrets.privateKey, method.hash)
    : undefined;
  const consumer = { secret: secrets.consumerSecret ?? "", publicKey };
  const token = { secret: secrets.tokenSecret ?? "" };
  return {
    consumer: () => Promise.resolve(consumer),
    token: () => Promise.resolve(token),
  };
}

// The public key of a PKCS#8 RSA private key, for the method's hash.
async function publicKeyOf(
  pem: string | undefined,
  hash: string | undefined,
): Promise<CryptoKey> {
  const body = pem === undefined
    ? undefined
    : /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/
      .exec(pem)?.[1];
  if (body === undefined) {
    throw new BadInput(
      'Cannot verify: an RSA signature needs the private key as a PKCS#8 PEM block "BEGIN PRIVATE KEY" (--private-key or OAUTH_PRIVATE_KEY)',
    );
  }
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: hash ?? "SHA-1" };
  try {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      fromBase64(body.replace(/\s+/g, "")),
      algorithm,
      true,
      ["sign"],
    );
    const { n, e } = await crypto.subtle.exportKey("jwk", key);
    return await crypto.subtle.importKey(
      "jwk",
      { kty: "RSA", n: n!, e: e! },
      algorithm,
      false,
      ["verify"],
    );
  } catch (error) {
    throw new BadInput(
      `Cannot verify: the private key must be an RSA key in PKCS#8: current error is ${
        error instanceof Error ? error.name : "unknown"
      }`,
    );
  }
}

// The server's time, in seconds: this machine's clock with --check-clock,
// the server's Date with --date; else the request's own timestamp, so that a
// request signed long ago (an RFC's example) is judged on its signature, but
// never later than the clock: a timestamp from the future (one in
// milliseconds among them) is judged as a server judges it.
function serverTime(
  captured: CapturedRequest,
  values: Values,
): { now: number | undefined; clock: boolean } {
  if (values["check-clock"] && values.date !== undefined) {
    throw new BadInput(
      "Cannot verify: --check-clock and --date each give the server's time: give one",
    );
  }
  const clock = defaultTimestamp();
  if (values["check-clock"]) return { now: clock, clock: true };
  if (values.date !== undefined) {
    return { now: dateSeconds(values.date), clock: false };
  }
  const sent = sentValue(captured, "oauth_timestamp");
  if (sent === undefined || !/^\d{1,15}$/.test(sent)) {
    return { now: undefined, clock: false };
  }
  return Number(sent) > clock
    ? { now: clock, clock: true }
    : { now: Number(sent), clock: false };
}

// A fresh nonce store per run, the server's time, and the signed URL as the
// Host header names it.
function verifyOptions(
  captured: CapturedRequest,
  now: number | undefined,
): VerifyOptions {
  // One request, checked once: the store has no earlier memory to lose, so
  // it holds every nonce since the epoch (no nonce_store_reset).
  const options: VerifyOptions = {
    nonceStore: memoryNonceStore({ since: 0 }),
  };
  if (now !== undefined) options.now = now;
  const host = headerValue(captured.headers, "host");
  if (host !== undefined) {
    const url = new URL(captured.url);
    url.host = host;
    options.url = url.href;
  }
  return options;
}

function dateSeconds(date: string): number {
  const time = new Date(date).getTime();
  if (Number.isNaN(time)) {
    throw new BadInput(
      `Cannot verify: --date must be an HTTP date: current date is ${
        JSON.stringify(date.slice(0, 40))
      }`,
    );
  }
  return Math.floor(time / 1000);
}

// verifyRequest() and explain() judge the same request: a different verdict
// is a bug of one of them, to report rather than hide.
function disagreementOf(
  verdict: Verdict,
  report: Explanation,
): string | undefined {
  if (verdict.valid === (report.verdict === "valid")) return undefined;
  const why = verdict.valid
    ? report.causes.map((c) => c.title).concat(
      report.findings.filter((f) => f.severity === "error").map((f) =>
        f.message
      ),
    ).join("; ")
    : verdict.problem?.detail ?? verdict.rules.join("; ");
  return `Disagreement: verifyRequest() finds the request ${
    verdict.valid ? "valid" : "invalid"
  }, explain() ${report.verdict}${
    why === "" ? "" : ` (${why})`
  }. One of them is wrong: please report it with this request.`;
}

// The verdict, the verifier's problem, and explain()'s causes and findings.
function summary(
  verdict: Verdict,
  report: Explanation | string,
  width: number,
): string {
  const lines = [`${verdict.valid ? "valid" : "invalid"}: ${signed(report)}`];
  if (verdict.problem !== undefined) {
    const { code, detail } = verdict.problem;
    lines.push(...wrap(`refused: ${code}: ${detail}`, width, "", "  "));
  }
  for (const rule of verdict.rules) {
    lines.push(
      ...wrap(`refused: the profile's rule: ${rule}`, width, "", "  "),
    );
  }
  if (typeof report === "string") {
    lines.push(...wrap(`explain: ${report}`, width, "", "  "));
    return lines.join("\n");
  }
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
  if (!verdict.valid && report.causes.length === 0) {
    lines.push("No known cause found; run explain for the full report.");
  }
  return lines.join("\n");
}

// What explain() says of the signature.
function signed(report: Explanation | string): string {
  if (typeof report === "string") return "explain cannot read the request";
  return `the signature is ${
    report.signatureMatches ? "" : "not "
  }the one a correct signer computes (${report.signatureMethod})`;
}
