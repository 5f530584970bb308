/**
 * Lint: checks a request against a vendor profile. The generic rules, one
 * row each in {@linkcode PROTOCOL_RULES}, read the profile's fields (the
 * signature method, the placement, `oauth_version`, the token, the body
 * hash, the scheme, the realm, the HTTP method, the body's type, the
 * required parameters); a vendor's own quirks are rules in its profile
 * entry, run after these. This file names no vendor.
 *
 * @module
 */

import type { CapturedRequest } from "../client/import.ts";
import { isFormContentType } from "../steps/parameters.ts";
import {
  findProfile,
  type LintedRequest,
  type Profile,
  type ProfileInputs,
  type ProfileName,
  type ProfileRule,
  type ProfileViolation,
} from "./_table.ts";

/** A way a request departs from a vendor's rules. */
export interface ProfileFinding {
  /** `profile/rule`, such as `"netsuite/realm"`. */
  readonly rule: string;
  /** The rule in a few words. */
  readonly title: string;
  /** `error`: the vendor refuses the request; `warning`: it may. */
  readonly severity: "error" | "warning";
  /** What was found, with the request's own values. */
  readonly message: string;
  /** What to do. */
  readonly fix: string;
  /** The RFC 5849 section the rule concerns. */
  readonly section: string;
  /** The vendor's documentation the rule comes from. */
  readonly source: string;
}

/**
 * The generic rules, in the order their findings are reported: each checks
 * the request against one field of the profile.
 */
export const PROTOCOL_RULES: readonly ProfileRule[] = [
  { id: "signature-method", section: "3.4", check: signatureMethod },
  { id: "placement", section: "3.5", check: placement },
  { id: "version", section: "3.1", check: version },
  { id: "token", section: "3.1", check: token },
  { id: "body-hash", section: "3.4.1.3.1", check: bodyHash },
  { id: "scheme", section: "3.4.1.2", check: scheme },
  { id: "realm", section: "3.5.1", check: realm },
  { id: "http-method", section: "3.4.1.1", check: httpMethod },
  { id: "content-type", section: "3.4.1.3.1", check: contentType },
  { id: "parameters", section: "3.4.1.3", check: parameters },
];

function signatureMethod(
  { profile: p, oauth }: LintedRequest,
): ProfileViolation | undefined {
  const method = oauth("oauth_signature_method");
  const methods: readonly string[] = p.signatureMethods;
  if (method === undefined || methods.includes(method)) return undefined;
  return {
    title: `signature method not one ${p.brand} takes`,
    message: `oauth_signature_method is "${method}": ${p.brand} takes ${
      methods.join(" or ")
    }`,
    fix: `Sign with ${methods[0]}`,
  };
}

function placement(
  { profile: p, captured }: LintedRequest,
): ProfileViolation | undefined {
  const found = captured.placement;
  if (found === undefined || p.placements.includes(found)) return undefined;
  const wanted = p.placements[0];
  return {
    title: `parameters not where ${p.brand} reads them`,
    message:
      `the oauth_* parameters are in the ${found}: ${p.brand} reads them from the ${
        p.placements.join(" or the ")
      }`,
    fix: `Send them in the ${wanted} (placement "${wanted}")`,
  };
}

function version(
  { profile: p, oauth }: LintedRequest,
): ProfileViolation | undefined {
  const sent = oauth("oauth_version") !== undefined;
  if (p.version === "required" && !sent) {
    return {
      title: "oauth_version missing",
      message:
        `oauth_version is not sent: ${p.brand} requires oauth_version=1.0`,
      fix: "Send and sign oauth_version=1.0",
    };
  }
  if (p.version === "omitted" && sent) {
    return {
      title: "oauth_version sent",
      message: `oauth_version is sent: ${p.brand} expects it left out`,
      fix: "Leave oauth_version out (version: false)",
      severity: "warning",
    };
  }
  return undefined;
}

// A temporary-credential (request-token) request: no token exists yet, so a
// profile that requires one does not require it here (RFC 5849 §2.1). Known
// by its oauth_callback, which only that request sends, or by its path
// (X's /oauth/request_token, Trello's /1/OAuthGetRequestToken, NetSuite's
// /rest/requesttoken).
function isTokenRequest(linted: LintedRequest): boolean {
  const { oauth } = linted;
  if (oauth("oauth_callback") !== undefined) return true;
  const path = linted.url.pathname;
  return /request_?token|OAuthGetRequestToken|\/initiate$/i.test(path);
}

function token(
  linted: LintedRequest,
): ProfileViolation | undefined {
  const { profile: p, oauth } = linted;
  const token = oauth("oauth_token");
  if (
    p.token === "required" && (token === undefined || token === "") &&
    !isTokenRequest(linted)
  ) {
    return {
      title: "token missing",
      message: `oauth_token is ${
        token === undefined ? "not sent" : "empty"
      }: ${p.brand} acts for a user and needs the access token`,
      fix: "Sign with the token and token secret the vendor issued",
    };
  }
  if (p.token === "empty" && token === undefined) {
    return {
      title: 'oauth_token="" expected',
      message:
        `oauth_token is not sent: ${p.brand} expects oauth_token="" on a request without a token`,
      fix: 'Send oauth_token="" and sign it (token: "" in the credentials)',
    };
  }
  if (p.token === "none" && token !== undefined) {
    return {
      title: "oauth_token not expected",
      message: `oauth_token is sent ("${token}"): ${p.brand} uses no token`,
      fix: "Leave oauth_token out, and sign with the key consumer_secret&",
    };
  }
  return undefined;
}

function bodyHash(
  { profile: p, captured, form, oauth }: LintedRequest,
): ProfileViolation | undefined {
  const always = p.bodyHash === "always";
  const needed = always ||
    (p.bodyHash === "non-form" && captured.body !== undefined && !form);
  if (!needed || oauth("oauth_body_hash") !== undefined) return undefined;
  const digest = oauth("oauth_signature_method")?.endsWith("SHA256")
    ? "SHA-256"
    : "SHA-1";
  return {
    title: "oauth_body_hash missing",
    message: `oauth_body_hash is not sent: ${p.brand} wants it on ${
      always ? "every request, a GET too" : "this body"
    }`,
    fix:
      `Send oauth_body_hash, the base64 ${digest} digest of the exact body bytes${
        always ? " (of the empty string when there is none)" : ""
      }`,
  };
}

function scheme(
  { profile: p, url }: LintedRequest,
): ProfileViolation | undefined {
  const used = url.protocol.slice(0, -1);
  if (p.scheme === "any" || used === p.scheme) return undefined;
  return {
    title: `not over ${p.scheme.toUpperCase()}`,
    message:
      `the request goes over ${used}: ${p.brand} checks OAuth signatures over ${p.scheme} only`,
    fix: `Send the request over ${p.scheme}`,
  };
}

function realm(
  { profile: p, captured, inputs, url }: LintedRequest,
): ProfileViolation | undefined {
  const wanted = p.realm?.(url, inputs);
  if (wanted === undefined || captured.realm === wanted) return undefined;
  const rule = p.realmRule === undefined ? "" : `, ${p.realmRule}`;
  return {
    title: `realm not in ${p.brand}'s form`,
    message: captured.realm === undefined
      ? `the Authorization header has no realm: ${p.brand} wants realm="${wanted}"${rule}`
      : `realm is "${captured.realm}": ${p.brand} wants "${wanted}"${rule}`,
    fix: `Send realm="${wanted}" (it is not signed)`,
    severity: p.realmRequired ? "error" : "warning",
  };
}

function httpMethod(
  { profile: p, captured: { method } }: LintedRequest,
): ProfileViolation | undefined {
  const methods = p.httpMethods;
  if (methods === undefined || methods.includes(method.toUpperCase())) {
    return undefined;
  }
  return {
    title: `HTTP method not ${methods.join(" or ")}`,
    message: `the method is ${method}: ${p.brand} takes ${
      methods.join(" or ")
    }`,
    fix: `Send a ${methods[0]}`,
  };
}

function contentType(
  { profile: p, form, header }: LintedRequest,
): ProfileViolation | undefined {
  const type = header("content-type");
  const broken = p.contentType === "form"
    ? !form
    : p.contentType === "xml" && !/\bxml\b/i.test(type ?? "");
  if (!broken) return undefined;
  const wanted = p.contentType === "form"
    ? "application/x-www-form-urlencoded"
    : "application/xml";
  return {
    title: `body not ${wanted}`,
    message: `Content-Type is ${
      type === undefined ? "not sent" : `"${type}"`
    }: ${p.brand} wants ${wanted}`,
    fix: `Send Content-Type: ${wanted}`,
  };
}

function parameters(
  { profile: p, captured, form, url }: LintedRequest,
): ProfileViolation | undefined {
  const sent = new Set([
    ...new URLSearchParams(url.search).keys(),
    ...(form && captured.body !== undefined
      ? new URLSearchParams(captured.body).keys()
      : []),
  ]);
  const missing = (p.parameters ?? []).filter((name) => !sent.has(name));
  if (missing.length === 0) return undefined;
  const one = missing.length === 1;
  return {
    title: "required parameters missing",
    message: `${missing.join(", ")} ${
      one ? "is" : "are"
    } not sent: ${p.brand} requires ${one ? "it" : "them"} on every request`,
    fix: `Send ${missing.map((name) => `${name}=…`).join(" and ")}, signed`,
  };
}

// The generic rules, a vendor's rule in the place of the one it shares an
// id with, then the vendor's other rules.
function rulesOf(p: Profile): readonly ProfileRule[] {
  const own = p.rules ?? [];
  const ids = new Set(PROTOCOL_RULES.map((r) => r.id));
  return [
    ...PROTOCOL_RULES.map((rule) => own.find((r) => r.id === rule.id) ?? rule),
    ...own.filter((r) => !ids.has(r.id)),
  ];
}

// What every rule reads, read once.
function linted(
  captured: CapturedRequest,
  profile: Profile,
  inputs: ProfileInputs,
): LintedRequest {
  const header = (name: string): string | undefined =>
    captured.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  return {
    captured,
    profile,
    inputs,
    url: new URL(captured.url),
    form: isFormContentType(header("content-type")),
    oauth: (name) => captured.oauth.find(([n]) => n === name)?.[1],
    header: (name) => header(name.toLowerCase()),
  };
}

/**
 * Checks a request, signed or captured, against a vendor's rules: the
 * signature method, the placement, `oauth_version`, the token, the body
 * hash, the scheme, the realm, the HTTP method, the body's type, the
 * parameters the endpoint requires, and the vendor's own rules. It does not
 * check the signature; pass the profile to `explain()` for both.
 *
 * @param captured The request, from an importer of `@oauth1/steps/import`.
 * @param profile The profile or its name.
 * @param inputs What the profile needs; NetSuite's account ID is read from
 * the host when not given.
 * @returns The findings, each with a fix and the vendor's page; none when
 * the request follows the rules.
 * @throws {TypeError} If the profile is unknown.
 *
 * @example WooCommerce wants the parameters in the query, without a token
 * ```ts
 * import { importRequest } from "@oauth1/steps/import";
 * import { lintRequest } from "@oauth1/steps/profiles";
 * import assert from "node:assert/strict";
 *
 * const captured = importRequest(
 *   'OAuth oauth_consumer_key="ck_1", oauth_token="t", oauth_signature_method="HMAC-SHA1", oauth_signature="s"',
 *   { url: "http://shop.example/wp-json/wc/v3/products" },
 * );
 * assert.deepEqual(lintRequest(captured, "woocommerce").map((f) => f.rule), [
 *   "woocommerce/placement",
 *   "woocommerce/token",
 * ]);
 * ```
 */
export function lintRequest(
  captured: CapturedRequest,
  profile: ProfileName | Profile,
  inputs: ProfileInputs = {},
): ProfileFinding[] {
  const p = findProfile(profile);
  const request = linted(captured, p, inputs);
  const findings: ProfileFinding[] = [];
  for (const rule of rulesOf(p)) {
    const found = rule.check(request);
    if (found === undefined) continue;
    findings.push({
      rule: `${p.name}/${rule.id}`,
      title: found.title,
      severity: found.severity ?? "error",
      message: found.message,
      fix: found.fix,
      section: rule.section,
      source: p.docs,
    });
  }
  return findings;
}
