// The generic lint rules, one row each in PROTOCOL_RULES: the order of the
// findings, a vendor rule standing in for a generic one or coming after
// them, a profile made on the spot with a rule of its own, and no vendor
// named in the rules' code. The vendors' own rules are tested with their
// profiles, in profiles_test.ts.
import assert from "node:assert/strict";
import { captureRequest } from "../../client/import.ts";
import {
  lintRequest,
  type Profile,
  type ProfileName,
  PROFILES,
} from "../../vendors/profiles.ts";
import { PROTOCOL_RULES } from "../../vendors/lint.ts";
import { header } from "../support/wrong_signer.ts";

const NAMES = Object.keys(PROFILES) as ProfileName[];

Deno.test("a vendor rule with a generic rule's id reports in its place; one with a new id after the generic ones", () => {
  const woo = captureRequest({
    method: "GET",
    url: "https://shop.example/wp-json/wc/v3/products",
    headers: [[
      "Authorization",
      header([
        ["oauth_consumer_key", "ck_1"],
        ["oauth_token", "t"],
        ["oauth_signature_method", "HMAC-SHA1"],
        ["oauth_version", "1.0"],
      ], "s"),
    ]],
  });
  assert.deepEqual(
    lintRequest(woo, "woocommerce").map((f) => [f.rule, f.severity]),
    [
      ["woocommerce/placement", "error"],
      ["woocommerce/version", "warning"],
      ["woocommerce/token", "error"],
      ["woocommerce/scheme", "warning"],
    ],
  );
  const discogs = captureRequest({
    method: "GET",
    url: "http://api.discogs.com/oauth/identity",
    headers: [[
      "Authorization",
      header([["oauth_consumer_key", "ck"], [
        "oauth_signature_method",
        "HMAC-SHA1",
      ]], "s"),
    ]],
  });
  assert.deepEqual(lintRequest(discogs, "discogs").map((f) => f.rule), [
    "discogs/signature-method",
    "discogs/scheme",
    "discogs/user-agent",
  ]);
});

Deno.test("a profile made on the spot brings its own rule, with no change to the lint rules", () => {
  const accept: Profile = {
    ...PROFILES.smugmug,
    rules: [{
      id: "accept",
      section: "3.1",
      check: ({ header }) =>
        header("Accept") === "application/json" ? undefined : {
          title: "Accept not JSON",
          message: "the request does not ask for JSON",
          fix: "Send Accept: application/json",
          severity: "warning",
        },
    }],
  };
  const request = (url: string, headers: [string, string][]) =>
    captureRequest({
      method: "GET",
      url: `${url}?oauth_consumer_key=ck&oauth_token=tk&oauth_signature=s`,
      headers,
    });
  const html = request("http://api.smugmug.com/api/v2!authuser", []);
  assert.deepEqual(
    lintRequest(html, accept).map((f) => [f.rule, f.severity]),
    [["smugmug/scheme", "error"], ["smugmug/accept", "warning"]],
  );
  assert.deepEqual(lintRequest(html, "smugmug").map((f) => f.rule), [
    "smugmug/scheme",
  ]);
  const json = request("https://api.smugmug.com/api/v2!authuser", [
    ["accept", "application/json"],
  ]);
  assert.deepEqual(lintRequest(json, accept), []);
});

Deno.test("the generic rules name no vendor: each reads a profile field", async () => {
  assert.deepEqual(PROTOCOL_RULES.map((r) => r.id), [
    "signature-method",
    "placement",
    "version",
    "token",
    "body-hash",
    "scheme",
    "realm",
    "http-method",
    "content-type",
    "parameters",
  ]);
  const source = await Deno.readTextFile(
    new URL("../../vendors/lint.ts", import.meta.url),
  );
  // The code, without its comments and doc examples.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const name of NAMES) {
    assert.ok(!code.includes(`"${name}"`), name);
    assert.ok(!code.includes(`'${name}'`), name);
  }
});
