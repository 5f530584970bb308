/**
 * The table of vendor profiles: one entry per vendor's API, holding what it
 * wants beyond RFC 5849 and the lint rules of its own quirks, with the
 * shapes the entries are made of. Adding a vendor is a name in
 * {@linkcode ProfileName} and its entry in {@linkcode PROFILES}; `lint.ts`
 * reads the entries and `profiles.ts` re-exports them.
 *
 * @module
 */

import type { CapturedRequest } from "../client/import.ts";
import type { Placement } from "../client/sign.ts";
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
  /**
   * Reads the input from the request's URL when it is not given, the way
   * lint does (NetSuite's account ID from the host), or `undefined`.
   */
  readonly fromUrl?: (url: URL) => string | undefined;
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
  /**
   * The vendor's own lint rules, beyond what the fields above say. They run
   * after the generic rules; one with a generic rule's `id` takes its place.
   */
  readonly rules?: readonly ProfileRule[];
  /** What the caller must or may supply. */
  readonly inputs: readonly ProfileInput[];
  /** The quirks real integrations hit, one sentence each. */
  readonly quirks: readonly string[];
}

/** The request a lint rule checks, read once for all the rules. */
export interface LintedRequest {
  /** The request, as imported. */
  readonly captured: CapturedRequest;
  /** The profile it is checked against. */
  readonly profile: Profile;
  /** The profile's inputs, as given. */
  readonly inputs: ProfileInputs;
  /** The request's URL, parsed. */
  readonly url: URL;
  /** Whether the body is a form (`application/x-www-form-urlencoded`). */
  readonly form: boolean;
  /** The value of a protocol parameter sent, such as `oauth_token`. */
  readonly oauth: (name: string) => string | undefined;
  /** The value of the first header of that name, in any case. */
  readonly header: (name: string) => string | undefined;
}

/** What a rule reports when a request breaks it. */
export interface ProfileViolation {
  /** The rule in a few words. */
  readonly title: string;
  /** What was found, with the request's own values. */
  readonly message: string;
  /** What to do. */
  readonly fix: string;
  /** `error` (the default): the vendor refuses; `warning`: it may. */
  readonly severity?: "error" | "warning";
}

/** One lint rule: a row of the generic table, or a vendor's own. */
export interface ProfileRule {
  /** The rule's name; a finding's `rule` is `profile/id`. */
  readonly id: string;
  /** The RFC 5849 section the rule concerns. */
  readonly section: string;
  /** What the request breaks, or `undefined` when it follows the rule. */
  readonly check: (request: LintedRequest) => ProfileViolation | undefined;
}

// NetSuite: the account ID as the host writes it ("1234567-sb1") or as the
// realm does ("1234567_SB1").
function netsuiteRealm(url: URL, inputs: ProfileInputs): string | undefined {
  const account = inputs.accountId ?? netsuiteAccount(url);
  return account?.toUpperCase().replaceAll("-", "_");
}

// The account ID in a NetSuite host: 1234567-sb1.restlets.api.netsuite.com.
function netsuiteAccount(url: URL): string | undefined {
  return /^([0-9a-z_-]+)\.(?:[a-z]+\.)*netsuite\.com$/i.exec(url.hostname)
    ?.[1];
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
      fromUrl: netsuiteAccount,
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
    rules: [{
      // Over HTTPS, WooCommerce tries Basic auth, then the signature.
      id: "scheme",
      section: "3.4.1.2",
      check: ({ url }) =>
        url.protocol === "http:" ? undefined : {
          title: "not over HTTP",
          message: `the request goes over ${
            url.protocol.slice(0, -1)
          }: WooCommerce documents OAuth signatures over http only`,
          fix:
            "Over HTTPS, send the keys with Basic auth, which is tried first",
          severity: "warning",
        },
    }],
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
    rules: [{
      id: "user-agent",
      section: "3.1",
      check: ({ header }) =>
        header("user-agent") !== undefined ? undefined : {
          title: "User-Agent missing",
          message:
            "the request has no User-Agent: Discogs refuses requests without one",
          fix: "Send a User-Agent naming your application",
        },
    }],
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
