/**
 * Vendor profiles: what each well-known OAuth 1.0a API wants beyond RFC
 * 5849 (the signature method, where the parameters go, `oauth_version`, the
 * token, `oauth_body_hash`, the realm), the sign options that follow from it,
 * and lint rules that check a signed or captured request against it. Every
 * rule names the vendor's public documentation it comes from; the rules are
 * written in our own words.
 *
 * @example Sign a NetSuite RESTlet call and lint a captured one
 * ```ts
 * import { signRequest } from "@oauth1/steps";
 * import { importRequest } from "@oauth1/steps/import";
 * import { lintRequest, profileSignOptions } from "@oauth1/steps/profiles";
 * import assert from "node:assert/strict";
 *
 * const url = "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1";
 * const signed = await signRequest(
 *   { method: "GET", url },
 *   { consumerKey: "ck", consumerSecret: "cs", token: "tk", tokenSecret: "ts" },
 *   profileSignOptions("netsuite", { accountId: "1234567_SB1" }),
 * );
 * assert.match(signed.authorization, /^OAuth realm="1234567_SB1", .*oauth_signature_method="HMAC-SHA256"/);
 *
 * const wrong = importRequest(signed.authorization.replace("1234567_SB1", "1234567-sb1"), { url });
 * assert.deepEqual(lintRequest(wrong, "netsuite").map((f) => f.rule), ["netsuite/realm"]);
 * ```
 *
 * @module
 */

import type { CapturedRequest } from "../client/import.ts";
import type { Placement, SignOptions } from "../client/sign.ts";
import { isFormContentType } from "../steps/parameters.ts";
import type { SignatureMethodName } from "../steps/signature.ts";

/** The name of a vendor profile. */
export type ProfileName =
  | "x"
  | "netsuite"
  | "woocommerce"
  | "magento"
  | "mastercard"
  | "lti-launch"
  | "lti-outcomes"
  | "etrade"
  | "schoology"
  | "discogs"
  | "jira"
  | "flickr"
  | "trello"
  | "smugmug"
  | "tumblr"
  | "fatsecret";

/** A value a profile needs from the caller, such as NetSuite's account ID. */
export interface ProfileInput {
  /** The key in the `inputs` object. */
  readonly name: string;
  /** What it is, and where to find it. */
  readonly description: string;
  /** Whether signing needs it (lint may derive it from the request). */
  readonly required: boolean;
}

/** Inputs to a profile, by {@linkcode ProfileInput} name. */
export type ProfileInputs = Readonly<Record<string, string>>;

/** What a vendor's API wants of an OAuth 1.0a request. */
export interface Profile {
  /** The profile's name, for `--profile NAME`. */
  readonly name: ProfileName;
  /** The vendor's short name, as a sentence's subject. */
  readonly brand: string;
  /** The vendor and API, in words. */
  readonly vendor: string;
  /** The vendor's public documentation page the rules come from. */
  readonly docs: string;
  /** The signature methods accepted; the first is the one to sign with. */
  readonly signatureMethods: readonly SignatureMethodName[];
  /** Where the protocol parameters may travel; the first is preferred. */
  readonly placements: readonly Placement[];
  /** `oauth_version`: must be sent, may be sent, or is best left out. */
  readonly version: "required" | "optional" | "omitted";
  /**
   * `oauth_token`: a real token, sent only with a token, sent empty
   * (`oauth_token=""`) when there is no token, or never sent.
   */
  readonly token: "required" | "optional" | "empty" | "none";
  /**
   * `oauth_body_hash`: on every request (an empty body too), on requests
   * whose body is not a form, or never.
   */
  readonly bodyHash: "always" | "non-form" | "never";
  /** The scheme the OAuth signature is checked over. */
  readonly scheme: "https" | "http" | "any";
  /** HTTP methods the endpoint takes, when it is one endpoint. */
  readonly httpMethods?: readonly string[];
  /** The body's media type, when the endpoint wants one. */
  readonly contentType?: "form" | "xml";
  /** Request parameters the endpoint requires. */
  readonly parameters?: readonly string[];
  /** The realm to send, from the request URL and the inputs, if any. */
  readonly realm?: (url: URL, inputs: ProfileInputs) => string | undefined;
  /** In words: the realm rule, for listings. */
  readonly realmRule?: string;
  /** Whether a missing or different realm makes the vendor refuse. */
  readonly realmRequired?: boolean;
  /** What the caller must or may supply. */
  readonly inputs: readonly ProfileInput[];
  /** The quirks real integrations hit, one sentence each. */
  readonly quirks: readonly string[];
}

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

// NetSuite: the account ID as the host writes it ("1234567-sb1") or as the
// realm does ("1234567_SB1").
function netsuiteRealm(url: URL, inputs: ProfileInputs): string | undefined {
  const account = inputs.accountId ??
    /^([0-9a-z_-]+)\.(?:[a-z]+\.)*netsuite\.com$/i.exec(url.hostname)?.[1];
  return account?.toUpperCase().replaceAll("-", "_");
}

const SHA1_ONLY: readonly SignatureMethodName[] = ["HMAC-SHA1"];

/** The vendor profiles, by name. */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  "x": {
    name: "x",
    brand: "X",
    vendor: "X (Twitter) API v1.1 and v2, user context",
    docs:
      "https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature",
    signatureMethods: SHA1_ONLY,
    placements: ["header"],
    version: "required",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "v2 endpoints take JSON bodies, and media upload takes multipart ones: neither is signed, only the query and the oauth_* parameters are",
      "a v1.1 form body (status=…) is signed, its spaces as %20",
    ],
  },
  "netsuite": {
    name: "netsuite",
    brand: "NetSuite",
    vendor:
      "Oracle NetSuite token-based authentication (RESTlets, REST web services)",
    docs:
      "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html",
    signatureMethods: ["HMAC-SHA256"],
    placements: ["header"],
    version: "required",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    realm: netsuiteRealm,
    realmRequired: true,
    realmRule:
      "the account ID in capitals with _ (1234567_SB1), while the host writes 1234567-sb1",
    inputs: [{
      name: "accountId",
      description:
        "the NetSuite account ID, such as 1234567 or 1234567_SB1 for a sandbox (Setup > Company > Company Information); lint reads it from the host when not given",
      required: true,
    }],
    quirks: [
      "a RESTlet's script and deploy query parameters are signed like any other query parameter",
      "HMAC-SHA1 is no longer accepted: sign with HMAC-SHA256",
      "tokens of a production account are not copied to its sandboxes: each needs its own",
    ],
  },
  "woocommerce": {
    name: "woocommerce",
    brand: "WooCommerce",
    vendor: "WooCommerce REST API over plain HTTP",
    docs:
      "https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-http",
    signatureMethods: ["HMAC-SHA1", "HMAC-SHA256"],
    placements: ["query"],
    version: "omitted",
    token: "none",
    bodyHash: "never",
    scheme: "http",
    inputs: [],
    quirks: [
      "the parameters go in the query, not a header, since WordPress cannot always read raw headers",
      'there is no token: the key is the consumer secret and "&"',
      "over HTTPS WooCommerce takes the keys by Basic auth first (older versions only that)",
    ],
  },
  "magento": {
    name: "magento",
    brand: "Magento",
    vendor: "Magento 2 / Adobe Commerce integrations",
    docs:
      "https://developer.adobe.com/commerce/webapi/get-started/authentication/gs-authentication-oauth/",
    signatureMethods: ["HMAC-SHA256", "HMAC-SHA1"],
    placements: ["header"],
    version: "optional",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "since 2.4.4 an integration's access token is no longer accepted alone as a Bearer token: sign each request with all four values",
      "JSON bodies are not signed",
    ],
  },
  "mastercard": {
    name: "mastercard",
    brand: "Mastercard",
    vendor: "Mastercard Developers APIs",
    docs:
      "https://developer.mastercard.com/platform/documentation/security-and-authentication/using-oauth-1a-to-access-mastercard-apis/",
    signatureMethods: ["RSA-SHA256"],
    placements: ["header"],
    version: "required",
    token: "none",
    bodyHash: "always",
    scheme: "https",
    inputs: [],
    quirks: [
      "every request carries oauth_body_hash, the base64 SHA-256 of the body (of the empty string for a GET)",
      "the consumer key is long and holds ! characters, which must be percent-encoded",
      "the private key comes in a PKCS#12 file: export it as PKCS#8 PEM",
    ],
  },
  "lti-launch": {
    name: "lti-launch",
    brand: "LTI 1.1",
    vendor: "IMS LTI 1.1 basic launch (tool consumer to tool provider)",
    docs: "https://www.imsglobal.org/specs/ltiv1p1/implementation-guide",
    signatureMethods: SHA1_ONLY,
    placements: ["body"],
    version: "required",
    token: "none",
    bodyHash: "never",
    scheme: "any",
    httpMethods: ["POST"],
    contentType: "form",
    parameters: ["lti_message_type", "lti_version", "resource_link_id"],
    inputs: [],
    quirks: [
      "the launch is a form POST from the browser: the oauth_* parameters travel in the form body",
      "oauth_callback is about:blank when sent",
      "behind a TLS-terminating proxy the tool must verify against the https URL the consumer posted to",
    ],
  },
  "lti-outcomes": {
    name: "lti-outcomes",
    brand: "LTI 1.1 Basic Outcomes",
    vendor: "IMS LTI 1.1 Basic Outcomes service (POX grade passback)",
    docs: "https://www.imsglobal.org/specs/ltiv1p1/implementation-guide",
    signatureMethods: SHA1_ONLY,
    placements: ["header"],
    version: "required",
    token: "none",
    bodyHash: "non-form",
    scheme: "any",
    httpMethods: ["POST"],
    contentType: "xml",
    inputs: [],
    quirks: [
      "the XML body is covered by oauth_body_hash, the base64 SHA-1 of its exact bytes",
    ],
  },
  "etrade": {
    name: "etrade",
    brand: "E*TRADE",
    vendor: "E*TRADE API",
    docs:
      "https://apisb.etrade.com/docs/api/authorization/renew_access_token.html",
    signatureMethods: SHA1_ONLY,
    placements: ["header"],
    version: "optional",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "access tokens expire at midnight US Eastern time: a request after it fails however well it is signed",
      "after two hours without a request the token is inactive until renewed with /oauth/renew_access_token",
      "the timestamp must be within five minutes of E*TRADE's clock",
    ],
  },
  "schoology": {
    name: "schoology",
    brand: "Schoology",
    vendor: "Schoology API",
    docs: "https://developers.schoology.com/api-documentation/authentication",
    signatureMethods: ["HMAC-SHA1", "PLAINTEXT"],
    placements: ["header"],
    version: "optional",
    token: "empty",
    bodyHash: "never",
    scheme: "https",
    realm: () => "Schoology API",
    realmRule: '"Schoology API"',
    inputs: [],
    quirks: [
      'two-legged requests still send oauth_token, empty (oauth_token=""), and sign it',
      "timestamps must not go backwards between requests",
    ],
  },
  "discogs": {
    name: "discogs",
    brand: "Discogs",
    vendor: "Discogs API",
    docs: "https://www.discogs.com/developers#page:authentication",
    signatureMethods: ["PLAINTEXT"],
    placements: ["header"],
    version: "optional",
    token: "optional",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "PLAINTEXT: the signature is the key itself (consumer_secret&token_secret), so only ever over HTTPS",
      "every request needs its own User-Agent",
    ],
  },
  "jira": {
    name: "jira",
    brand: "Jira",
    vendor: "Jira and Confluence Data Center application links",
    docs: "https://developer.atlassian.com/server/jira/platform/oauth/",
    signatureMethods: ["RSA-SHA1"],
    placements: ["header"],
    version: "optional",
    token: "optional",
    bodyHash: "never",
    scheme: "any",
    inputs: [],
    quirks: [
      "the consumer is an application link holding your public key: sign with RSA-SHA1 and the private key; the consumer secret is unused",
      'some set-ups want oauth_token="" on the request-token call',
    ],
  },
  "flickr": {
    name: "flickr",
    brand: "Flickr",
    vendor: "Flickr API",
    docs: "https://www.flickr.com/services/api/auth.oauth.html",
    signatureMethods: SHA1_ONLY,
    placements: ["query", "header"],
    version: "optional",
    token: "optional",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "a refused signature comes back with debug_sbs, Flickr's base string: pass the response to explain",
    ],
  },
  "trello": {
    name: "trello",
    brand: "Trello",
    vendor: "Trello REST API (OAuth 1.0a apps)",
    docs:
      "https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/",
    signatureMethods: SHA1_ONLY,
    placements: ["header", "query"],
    version: "optional",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "the token's scope and expiration are chosen on the authorize page, not in the signature",
    ],
  },
  "smugmug": {
    name: "smugmug",
    brand: "SmugMug",
    vendor: "SmugMug API v2",
    docs: "https://api.smugmug.com/api/v2/doc/tutorial/authorization.html",
    signatureMethods: SHA1_ONLY,
    placements: ["header", "query"],
    version: "optional",
    token: "optional",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "JSON bodies of PATCH and POST are not signed",
      "ask for JSON with Accept: application/json, or the answer is HTML",
    ],
  },
  "tumblr": {
    name: "tumblr",
    brand: "Tumblr",
    vendor: "Tumblr API v2",
    docs: "https://www.tumblr.com/docs/en/api/v2#authentication",
    signatureMethods: SHA1_ONLY,
    placements: ["header"],
    version: "optional",
    token: "required",
    bodyHash: "never",
    scheme: "https",
    inputs: [],
    quirks: [
      "a legacy form post is signed; an NPF JSON post or a multipart upload is not",
    ],
  },
  "fatsecret": {
    name: "fatsecret",
    brand: "fatsecret",
    vendor: "fatsecret Platform API (OAuth 1.0)",
    docs: "https://platform.fatsecret.com/docs/guides/authentication/oauth1",
    signatureMethods: SHA1_ONLY,
    placements: ["query", "body"],
    version: "required",
    token: "optional",
    bodyHash: "never",
    scheme: "any",
    parameters: ["method"],
    inputs: [],
    quirks: [
      "the parameters travel in the query of a GET or the form body of a POST, never in a header",
      "a timestamp must not be earlier than the one of the previous request",
    ],
  },
};

/**
 * Finds a profile by name.
 *
 * @param name The profile's name, such as `"netsuite"`, or the profile.
 * @returns The profile.
 * @throws {TypeError} If no profile has that name; the message lists them.
 *
 * @example
 * ```ts
 * import { findProfile } from "@oauth1/steps/profiles";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(findProfile("mastercard").signatureMethods, ["RSA-SHA256"]);
 * ```
 */
export function findProfile(name: string | Profile): Profile {
  if (typeof name === "object" && name !== null) return name;
  const profile = Object.hasOwn(PROFILES, String(name))
    ? PROFILES[name as ProfileName]
    : undefined;
  if (profile === undefined) {
    throw new TypeError(
      `Cannot use profile: name must be one of ${
        Object.keys(PROFILES).join(", ")
      }: current name is "${name}"`,
    );
  }
  return profile;
}

/**
 * The sign options a profile implies: the signature method, the placement,
 * `oauth_version`, the realm and `oauth_body_hash`. Spread them into the
 * options of `signRequest()`, beside your own.
 *
 * @param profile The profile or its name.
 * @param inputs What the profile needs, such as NetSuite's `accountId`.
 * @returns Options for `signRequest()`.
 * @throws {TypeError} If the profile is unknown or a required input is
 * missing.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.4}
 *
 * @example Mastercard: RSA-SHA256 and a body hash on every request
 * ```ts
 * import { profileSignOptions } from "@oauth1/steps/profiles";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(profileSignOptions("mastercard"), {
 *   signatureMethod: "RSA-SHA256",
 *   placement: "header",
 *   version: "1.0",
 *   bodyHash: "SHA-256",
 * });
 * ```
 */
export function profileSignOptions(
  profile: ProfileName | Profile,
  inputs: ProfileInputs = {},
): SignOptions {
  const p = findProfile(profile);
  for (const input of p.inputs) {
    if (input.required && inputs[input.name] === undefined) {
      throw new TypeError(
        `Cannot use profile "${p.name}": inputs.${input.name} must be given: ${input.description}`,
      );
    }
  }
  const method = p.signatureMethods[0]!;
  const options: SignOptions = {
    signatureMethod: method,
    placement: p.placements[0]!,
    version: p.version === "omitted" ? false : "1.0",
  };
  const realm = p.realm?.(new URL("https://invalid."), inputs);
  if (realm !== undefined) options.realm = realm;
  if (p.bodyHash !== "never") {
    options.bodyHash = method.endsWith("SHA256") ? "SHA-256" : "SHA-1";
  }
  return options;
}

/**
 * Checks a request, signed or captured, against a vendor's rules: the
 * signature method, the placement, `oauth_version`, the token, the body
 * hash, the scheme, the realm, the HTTP method, the body's type and the
 * parameters the endpoint requires. It does not check the signature; pass
 * the profile to `explain()` for both.
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
  const findings: ProfileFinding[] = [];
  const add = (
    rule: string,
    title: string,
    section: string,
    message: string,
    fix: string,
    severity: "error" | "warning" = "error",
  ): void => {
    findings.push({
      rule: `${p.name}/${rule}`,
      title,
      severity,
      message,
      fix,
      section,
      source: p.docs,
    });
  };
  const oauth = (name: string): string | undefined =>
    captured.oauth.find(([n]) => n === name)?.[1];
  const url = new URL(captured.url);
  const who = p.brand;

  const method = oauth("oauth_signature_method");
  if (
    method !== undefined &&
    !(p.signatureMethods as readonly string[]).includes(method)
  ) {
    add(
      "signature-method",
      `signature method not one ${who} takes`,
      "3.4",
      `oauth_signature_method is "${method}": ${who} takes ${
        p.signatureMethods.join(" or ")
      }`,
      `Sign with ${p.signatureMethods[0]}`,
    );
  }
  if (
    captured.placement !== undefined &&
    !p.placements.includes(captured.placement)
  ) {
    add(
      "placement",
      `parameters not where ${who} reads them`,
      "3.5",
      `the oauth_* parameters are in the ${captured.placement}: ${who} reads them from the ${
        p.placements.join(" or the ")
      }`,
      `Send them in the ${p.placements[0]} (placement "${p.placements[0]}")`,
    );
  }
  const version = oauth("oauth_version");
  if (p.version === "required" && version === undefined) {
    add(
      "version",
      "oauth_version missing",
      "3.1",
      `oauth_version is not sent: ${who} requires oauth_version=1.0`,
      "Send and sign oauth_version=1.0",
    );
  } else if (p.version === "omitted" && version !== undefined) {
    add(
      "version",
      "oauth_version sent",
      "3.1",
      `oauth_version is sent: ${who} expects it left out`,
      "Leave oauth_version out (version: false)",
      "warning",
    );
  }
  const token = oauth("oauth_token");
  if (p.token === "required" && (token === undefined || token === "")) {
    add(
      "token",
      "token missing",
      "3.1",
      `oauth_token is ${
        token === undefined ? "not sent" : "empty"
      }: ${who} acts for a user and needs the access token`,
      "Sign with the token and token secret the vendor issued",
    );
  } else if (p.token === "empty" && token === undefined) {
    add(
      "token",
      'oauth_token="" expected',
      "3.1",
      `oauth_token is not sent: ${who} expects oauth_token="" on a request without a token`,
      'Send oauth_token="" and sign it (token: "" in the credentials)',
    );
  } else if (p.token === "none" && token !== undefined) {
    add(
      "token",
      "oauth_token not expected",
      "3.1",
      `oauth_token is sent ("${token}"): ${who} uses no token`,
      "Leave oauth_token out, and sign with the key consumer_secret&",
    );
  }
  const form = isFormContentType(
    captured.headers.find(([n]) => n.toLowerCase() === "content-type")?.[1],
  );
  const hash = oauth("oauth_body_hash");
  const needsHash = p.bodyHash === "always" ||
    (p.bodyHash === "non-form" && captured.body !== undefined && !form);
  if (needsHash && hash === undefined) {
    add(
      "body-hash",
      "oauth_body_hash missing",
      "3.4.1.3.1",
      `oauth_body_hash is not sent: ${who} wants it on ${
        p.bodyHash === "always" ? "every request, a GET too" : "this body"
      }`,
      `Send oauth_body_hash, the base64 ${
        method?.endsWith("SHA256") ? "SHA-256" : "SHA-1"
      } digest of the exact body bytes${
        p.bodyHash === "always"
          ? " (of the empty string when there is none)"
          : ""
      }`,
    );
  }
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme !== "any" && scheme !== p.scheme) {
    add(
      "scheme",
      `not over ${p.scheme.toUpperCase()}`,
      "3.4.1.2",
      `the request goes over ${scheme}: ${who} ${
        p.scheme === "http" ? "documents" : "checks"
      } OAuth signatures over ${p.scheme} only`,
      p.scheme === "http"
        ? "Over HTTPS, send the keys with Basic auth, which is tried first"
        : "Send the request over https",
      // Over HTTPS, WooCommerce tries Basic auth, then the signature.
      p.scheme === "http" ? "warning" : "error",
    );
  }
  const realm = p.realm?.(url, inputs);
  if (realm !== undefined && captured.realm !== realm) {
    add(
      "realm",
      `realm not in ${who}'s form`,
      "3.5.1",
      captured.realm === undefined
        ? `the Authorization header has no realm: ${who} wants realm="${realm}"${
          p.realmRule === undefined ? "" : `, ${p.realmRule}`
        }`
        : `realm is "${captured.realm}": ${who} wants "${realm}"${
          p.realmRule === undefined ? "" : `, ${p.realmRule}`
        }`,
      `Send realm="${realm}" (it is not signed)`,
      p.realmRequired ? "error" : "warning",
    );
  }
  if (
    p.httpMethods !== undefined &&
    !p.httpMethods.includes(captured.method.toUpperCase())
  ) {
    add(
      "http-method",
      `HTTP method not ${p.httpMethods.join(" or ")}`,
      "3.4.1.1",
      `the method is ${captured.method}: ${who} takes ${
        p.httpMethods.join(" or ")
      }`,
      `Send a ${p.httpMethods[0]}`,
    );
  }
  const type = captured.headers.find(([n]) =>
    n.toLowerCase() === "content-type"
  )?.[1];
  if (
    (p.contentType === "form" && !form) ||
    (p.contentType === "xml" && !/\bxml\b/i.test(type ?? ""))
  ) {
    const wanted = p.contentType === "form"
      ? "application/x-www-form-urlencoded"
      : "application/xml";
    add(
      "content-type",
      `body not ${wanted}`,
      "3.4.1.3.1",
      `Content-Type is ${
        type === undefined ? "not sent" : `"${type}"`
      }: ${who} wants ${wanted}`,
      `Send Content-Type: ${wanted}`,
    );
  }
  const sent = new Set([
    ...new URLSearchParams(url.search).keys(),
    ...(form && captured.body !== undefined
      ? new URLSearchParams(captured.body).keys()
      : []),
  ]);
  const missing = (p.parameters ?? []).filter((name) => !sent.has(name));
  if (missing.length > 0) {
    add(
      "parameters",
      "required parameters missing",
      "3.4.1.3",
      `${missing.join(", ")} ${
        missing.length === 1 ? "is" : "are"
      } not sent: ${who} requires ${
        missing.length === 1 ? "it" : "them"
      } on every request`,
      `Send ${missing.map((name) => `${name}=…`).join(" and ")}, signed`,
    );
  }
  if (
    p.name === "discogs" &&
    !captured.headers.some(([n]) => n.toLowerCase() === "user-agent")
  ) {
    add(
      "user-agent",
      "User-Agent missing",
      "3.1",
      "the request has no User-Agent: Discogs refuses requests without one",
      "Send a User-Agent naming your application",
    );
  }
  return findings;
}

// The types this entry point's API names, re-exported so that it is
// documented on its own (`deno doc --lint` of this file alone).
export type { CapturedRequest } from "../client/import.ts";
export type { Placement, SignOptions } from "../client/sign.ts";
export type {
  SignatureMethod,
  SignatureMethodName,
  SignatureResult,
  SigningSecrets,
  VerifyingSecrets,
} from "../steps/signature.ts";
