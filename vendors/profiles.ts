/**
 * Vendor profiles: what each well-known OAuth 1.0a API wants beyond RFC
 * 5849 (the signature method, where the parameters go, `oauth_version`, the
 * token, `oauth_body_hash`, the realm), the sign options that follow from it,
 * and lint rules that check a signed or captured request against it. Every
 * rule names the vendor's public documentation it comes from; the rules are
 * written in our own words.
 *
 * A profile is one entry of {@linkcode PROFILES}: its fields drive the
 * generic lint rules and the sign options, and a quirk no field covers
 * (Discogs refuses a request without a User-Agent) is a rule in the entry's
 * `rules`. A profile made on the spot works the same as a listed one.
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
 * @example A rule of your own, on a profile made on the spot
 * ```ts
 * import { captureRequest } from "@oauth1/steps/import";
 * import { lintRequest, type Profile, PROFILES } from "@oauth1/steps/profiles";
 * import assert from "node:assert/strict";
 *
 * const smugmug: Profile = {
 *   ...PROFILES.smugmug,
 *   rules: [{
 *     id: "accept",
 *     section: "3.1",
 *     check: ({ header }) =>
 *       header("Accept") === "application/json" ? undefined : {
 *         title: "Accept not JSON",
 *         message: "the request does not ask for JSON: SmugMug answers in HTML",
 *         fix: "Send Accept: application/json",
 *         severity: "warning",
 *       },
 *   }],
 * };
 * const captured = captureRequest({
 *   method: "GET",
 *   url: "https://api.smugmug.com/api/v2!authuser?oauth_consumer_key=ck&oauth_token=tk&oauth_signature=s",
 * });
 * assert.deepEqual(lintRequest(captured, smugmug).map((f) => f.rule), ["smugmug/accept"]);
 * ```
 *
 * @module
 */

import type { SignOptions } from "../client/sign.ts";
import {
  findProfile,
  type Profile,
  type ProfileInputs,
  type ProfileName,
} from "./_table.ts";

export type {
  LintedRequest,
  Profile,
  ProfileInput,
  ProfileInputs,
  ProfileName,
  ProfileRule,
  ProfileViolation,
} from "./_table.ts";
export { findProfile, PROFILES } from "./_table.ts";
export type { ProfileFinding } from "./lint.ts";
export { lintRequest } from "./lint.ts";

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
