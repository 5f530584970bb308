// What explain() finds in the values sent, beside the causes: protocol
// parameters repeated, missing or wrong (RFC 5849 §3.1), the timestamp
// against the clocks (§3.3), the nonce (§3.3), an oauth_body_hash no known
// mistake explains, a vendor's rules bent, and what the server reported.

import { type CauseContext, SETTINGS } from "./_knobs.ts";
import { first } from "./_prepare.ts";
import type { ServerResponse } from "./_server_view.ts";
import type { ExplainEvidence, Finding } from "./report.ts";
import type { CapturedRequest } from "../client/import.ts";
import { checkProtocolParameters } from "../server/protocol_check.ts";
import type { ProfileFinding } from "../vendors/profiles.ts";

// Every finding of a request, in the order the report lists them: its
// protocol parameters, its clock, its body hash, the vendor's rules it bends,
// its nonce, and what the server reported.
export function allFindings(
  seen: {
    captured: CapturedRequest;
    context: CauseContext;
    clock: readonly Finding[];
    linted: readonly ProfileFinding[];
    response: ServerResponse;
  },
): Finding[] {
  const { captured, context, linted, response } = seen;
  const findings = [
    ...parameterFindings(captured),
    ...seen.clock,
    ...bodyHashFindings(context),
    ...linted.filter((f) => f.severity !== "error").map((f): Finding => ({
      kind: "profile",
      severity: "warning",
      message: `${f.message}: ${f.fix} (${f.source})`,
    })),
    ...nonceFindings(
      first(captured.oauth, "oauth_nonce"),
      context.timestamp,
      response,
    ),
  ];
  if (response.problem !== undefined) {
    findings.push({
      kind: "server",
      severity: "error",
      message: `The server reported oauth_problem=${response.problem}${
        response.advice === undefined ? "" : `: ${response.advice}`
      }`,
    });
  }
  return findings;
}

// The protocol checks of RFC 5849 §3.2, the verifier's own: explain and
// verifyRequest() judge a well-formed request by one function.
function parameterFindings(captured: CapturedRequest): Finding[] {
  return checkProtocolParameters(captured.oauth, {
    protocol: new URL(captured.url).protocol,
  }).map((problem): Finding => ({
    kind: problem.parameter === "oauth_timestamp"
      ? "clock"
      : problem.parameter === "oauth_nonce" && problem.section === "3.3"
      ? "nonce"
      : "parameters",
    severity: "error",
    message: `${problem.message} (RFC 5849 §${problem.section})`,
  }));
}

// An oauth_body_hash that no known mistake explains.
function bodyHashFindings(context: CauseContext): Finding[] {
  const { bodyHash } = context;
  if (bodyHash === undefined) return [];
  const hash = /SHA256$/.test(context.signatureMethod) ? "sha256" : "sha1";
  if (bodyHash.digests[hash] === bodyHash.sent) return [];
  if (
    SETTINGS.some((c) => c.knob.name === "body-hash" && c.detect?.(context))
  ) return [];
  return [{
    kind: "parameters",
    severity: "error",
    message: `oauth_body_hash is "${bodyHash.sent}": the ${
      hash === "sha1" ? "SHA-1" : "SHA-256"
    } digest of the body sent is "${
      bodyHash.digests[hash]
    }"; hash the exact bytes sent, after any re-serialization (OAuth Request Body Hash §3.2)`,
  }];
}

// The times to compare the timestamp with, and the window allowed.
export interface Clock {
  date: Date | undefined;
  now: Date | undefined;
  window: number;
}

// A time that cannot be read would silently leave the clock unchecked.
export function readClock(evidence: ExplainEvidence): Clock {
  const time = (name: "date" | "now"): Date | undefined => {
    const value = evidence[name];
    if (value === undefined) return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      throw new RangeError(
        `Cannot explain request: evidence.${name} must be a valid time: current ${name} is ${
          JSON.stringify(String(value))
        }`,
      );
    }
    return date;
  };
  const window = evidence.window ?? 300;
  if (!Number.isSafeInteger(window) || window < 0) {
    throw new RangeError(
      `Cannot explain request: evidence.window must be a non-negative integer of seconds: current window is ${window}`,
    );
  }
  return { date: time("date"), now: time("now"), window };
}

// The timestamp against the server's Date and now, and a stale one in words
// (named as a cause).
export function clockFindings(
  timestamp: string | undefined,
  clock: Clock,
  response: ServerResponse,
): { findings: Finding[]; stale: string | undefined } {
  const findings: Finding[] = [];
  let stale: string | undefined;
  // A malformed timestamp is the protocol check's (parameterFindings).
  if (timestamp === undefined || !/^\d{1,15}$/.test(timestamp)) {
    return { findings, stale };
  }
  const seconds = Number(timestamp);
  const { window } = clock;
  const compare = (label: string, when: Date | undefined): void => {
    // Milliseconds are reported as a cause.
    if (when === undefined || /^\d{12,}$/.test(timestamp)) return;
    const skew = seconds - Math.floor(when.getTime() / 1000);
    const words = skew === 0
      ? "the same second as"
      : `${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"}`;
    if (Math.abs(skew) > window) {
      stale ??=
        `oauth_timestamp is ${words} ${label}, outside a window of ${window} s`;
    }
    findings.push({
      kind: "clock",
      severity: Math.abs(skew) > window ? "error" : "info",
      message: `oauth_timestamp is ${words} ${label}${
        Math.abs(skew) > window
          ? `, outside a window of ${window} s: set the client's clock by NTP, or take the time from the server's Date header (RFC 5849 §3.3)`
          : ""
      }`,
    });
  };
  compare("the server's Date", clock.date);
  compare("now", clock.now);
  if (response.problem === "timestamp_refused") {
    findings.push({
      kind: "clock",
      severity: "error",
      message: `The server refused the timestamp${
        response.acceptable === undefined
          ? ""
          : `; it accepts ${response.acceptable}`
      } (RFC 5849 §3.3)`,
    });
    stale ??= "The server reported oauth_problem=timestamp_refused";
  }
  return { findings, stale };
}

function nonceFindings(
  nonce: string | undefined,
  timestamp: string | undefined,
  response: ServerResponse,
): Finding[] {
  const findings: Finding[] = [];
  if (nonce === undefined) return findings;
  // An empty nonce is the protocol check's (parameterFindings).
  if (nonce !== "" && nonce.length < 8) {
    findings.push({
      kind: "nonce",
      severity: "warning",
      message: `oauth_nonce is ${nonce.length} character${
        nonce.length === 1 ? "" : "s"
      } long: use at least 128 random bits so that nonces never repeat (RFC 5849 §3.3)`,
    });
  }
  if (nonce === timestamp) {
    findings.push({
      kind: "nonce",
      severity: "warning",
      message:
        "oauth_nonce equals oauth_timestamp: two requests in the same second would repeat it (RFC 5849 §3.3)",
    });
  }
  if (response.problem === "nonce_used") {
    findings.push({
      kind: "nonce",
      severity: "error",
      message:
        "The server has seen this nonce with this timestamp: make a fresh nonce for every request, retries included (RFC 5849 §3.3)",
    });
  }
  return findings;
}
