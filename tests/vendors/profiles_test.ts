// The vendor profiles: known answers where the vendor published a worked
// example (X, LTI), a round trip through oauthlib's verifier with each
// vendor's settings otherwise, and the lint rules and explain() causes on
// requests signed wrong by the independent test signer. A vendor is one
// entry in PROFILES and its rows here: a typical request (TYPICAL), the
// rules the generic defaults break, and a request breaking each rule of its
// own (BREAKS); the README's table gets its row.
import assert from "node:assert/strict";
import { explain } from "../../explain/explain.ts";
import { type CapturedRequest, captureRequest } from "../../client/import.ts";
import { type Credentials, signRequest } from "../../mod.ts";
import {
  findProfile,
  lintRequest,
  type Profile,
  type ProfileFinding,
  type ProfileName,
  PROFILES,
  profileSignOptions,
} from "../../vendors/profiles.ts";
import { runPython } from "../support/oracle.ts";
import { rsaTestKey } from "../support/support.ts";
import { OAUTHLIB, testWith } from "../support/tools.ts";
import { header, wrongSign } from "../support/wrong_signer.ts";
import vectors from "../testdata/published.json" with { type: "json" };

const RSA = await rsaTestKey();

interface Typical {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** The token; `""` for a two-legged request that sends it empty. */
  token?: string;
  inputs?: Record<string, string>;
}

// One everyday request per vendor, as its documentation shows them.
const TYPICAL: Record<ProfileName, Typical> = {
  "x": {
    method: "POST",
    url: "https://api.x.com/2/tweets",
    headers: { "Content-Type": "application/json" },
    body: '{"text":"hello"}',
    token: "370773112-GmHx",
  },
  "netsuite": {
    method: "POST",
    url:
      "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1",
    headers: { "Content-Type": "application/json" },
    body: '{"id":7}',
    token: "tk",
    inputs: { accountId: "1234567_SB1" },
  },
  "woocommerce": {
    method: "GET",
    url: "http://shop.example/wp-json/wc/v3/products?per_page=5",
  },
  "magento": {
    method: "GET",
    url:
      "https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=10",
    token: "tk",
  },
  "mastercard": {
    method: "POST",
    url:
      "https://sandbox.api.mastercard.com/fraud/merchant/v3/termination-inquiry?Format=JSON",
    headers: { "Content-Type": "application/json" },
    body: '{"TerminationInquiryRequest":{"AcquirerId":"1996"}}',
  },
  "lti-launch": {
    method: "POST",
    url: "https://tool.example/launch",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body:
      "lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=r1&user_id=u1&roles=Learner",
  },
  "lti-outcomes": {
    method: "POST",
    url: "https://lms.example/outcomes",
    headers: { "Content-Type": "application/xml" },
    body: '<?xml version="1.0"?><imsx_POXEnvelopeRequest/>',
  },
  "etrade": {
    method: "GET",
    url: "https://api.etrade.com/v1/accounts/list",
    token: "tk",
  },
  "schoology": {
    method: "GET",
    url: "https://api.schoology.com/v1/users/me",
    token: "",
  },
  "discogs": {
    method: "GET",
    url: "https://api.discogs.com/oauth/identity",
    headers: { "User-Agent": "oauth1-steps-test/0.1" },
    token: "tk",
  },
  "jira": {
    method: "GET",
    url: "https://jira.example/rest/api/2/myself",
    token: "tk",
  },
  "flickr": {
    method: "GET",
    url:
      "https://www.flickr.com/services/rest?method=flickr.test.login&format=json",
    token: "tk",
  },
  "trello": {
    method: "GET",
    url: "https://api.trello.com/1/members/me",
    token: "tk",
  },
  "smugmug": {
    method: "GET",
    url: "https://api.smugmug.com/api/v2!authuser",
    token: "tk",
  },
  "tumblr": {
    method: "POST",
    url: "https://api.tumblr.com/v2/blog/x.tumblr.com/posts",
    headers: { "Content-Type": "application/json" },
    body: '{"content":[{"type":"text","text":"hi"}]}',
    token: "tk",
  },
  "fatsecret": {
    method: "GET",
    url:
      "https://platform.fatsecret.com/rest/server.api?method=foods.search&search_expression=toast&format=json",
  },
};

const NAMES = Object.keys(PROFILES) as ProfileName[];

type Parts = Parameters<typeof captureRequest>[0];

// One request per vendor rule (a profile's `rules`), breaking that rule and
// no other rule of its vendor.
const BREAKS: Record<string, Parts> = {
  // Signed in the query as WooCommerce wants, but over HTTPS.
  "woocommerce/scheme": {
    method: "GET",
    url:
      "https://shop.example/wp-json/wc/v3/products?oauth_consumer_key=ck_1&oauth_signature_method=HMAC-SHA1&oauth_signature=s",
  },
  // Discogs's PLAINTEXT in the header, without a User-Agent.
  "discogs/user-agent": {
    method: "GET",
    url: "https://api.discogs.com/oauth/identity",
    headers: [[
      "Authorization",
      header([
        ["oauth_consumer_key", "ck"],
        ["oauth_token", "tk"],
        ["oauth_signature_method", "PLAINTEXT"],
      ], "cs&ts"),
    ]],
  },
};

// Every rule a profile entry carries, as `profile/id`.
function vendorRules(): Map<string, ProfileName> {
  return new Map(
    NAMES.flatMap((name) =>
      (PROFILES[name].rules ?? []).map((r) =>
        [`${name}/${r.id}`, name] as const
      )
    ),
  );
}

// The profile without the rules of its own.
function withoutRules(p: Profile): Profile {
  const { rules: _, ...bare } = p;
  return bare;
}

function same(a: ProfileFinding, b: ProfileFinding): boolean {
  return a.message === b.message && a.fix === b.fix;
}

function credentials(t: Typical): Credentials {
  return {
    consumerKey: "ck!1",
    consumerSecret: "cs&1",
    ...(t.token === undefined ? {} : { token: t.token, tokenSecret: "ts 1" }),
    privateKey: RSA.pem,
  };
}

// The request a signer sends, captured back as a server sees it.
async function signTypical(
  name: ProfileName,
  options = profileSignOptions(name, TYPICAL[name].inputs),
): Promise<CapturedRequest> {
  const t = TYPICAL[name];
  const signed = await signRequest(
    {
      method: t.method,
      url: t.url,
      ...(t.headers === undefined ? {} : { headers: t.headers }),
      ...(t.body === undefined ? {} : { body: t.body }),
    },
    credentials(t),
    options,
  );
  const request = signed.toRequest();
  const body = await request.text();
  return captureRequest({
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: body === "" ? undefined : body,
  });
}

Deno.test("every profile names the vendor's documentation page, its sign options and its quirks, and has a typical request here", () => {
  assert.equal(NAMES.length, 16);
  assert.deepEqual(Object.keys(TYPICAL), NAMES);
  for (const name of NAMES) {
    const p = findProfile(name);
    assert.equal(p.name, name);
    assert.match(p.docs, /^https:\/\/[a-z0-9.-]+\.[a-z]+\//, name);
    assert.ok(p.signatureMethods.length > 0 && p.placements.length > 0, name);
    assert.ok(p.quirks.length > 0, name);
  }
  assert.throws(
    () => findProfile("netsuit"),
    /Cannot use profile: name must be one of x, netsuite, .*: current name is "netsuit"/,
  );
  assert.throws(
    () => profileSignOptions("netsuite"),
    /Cannot use profile "netsuite": inputs\.accountId must be given/,
  );
});

Deno.test("a request signed with a profile's options follows that profile's rules", async () => {
  for (const name of NAMES) {
    assert.deepEqual(lintRequest(await signTypical(name), name), [], name);
  }
});

Deno.test("a request signed with the generic defaults breaks exactly the vendor rules that differ from them", async () => {
  const broken: Record<string, string[]> = {};
  for (const name of NAMES) {
    const captured = await signTypical(name, { nonce: "n", timestamp: 1 });
    broken[name] = lintRequest(captured, name).map((f) => f.rule);
  }
  assert.deepEqual(broken, {
    "x": [],
    "netsuite": ["netsuite/signature-method", "netsuite/realm"],
    "woocommerce": ["woocommerce/placement", "woocommerce/version"],
    "magento": [],
    "mastercard": ["mastercard/signature-method", "mastercard/body-hash"],
    "lti-launch": ["lti-launch/placement"],
    "lti-outcomes": ["lti-outcomes/body-hash"],
    "etrade": [],
    "schoology": ["schoology/realm"],
    "discogs": ["discogs/signature-method"],
    "jira": ["jira/signature-method"],
    "flickr": [],
    "trello": [],
    "smugmug": [],
    "tumblr": [],
    "fatsecret": ["fatsecret/placement"],
  });
});

Deno.test("every vendor rule in PROFILES has a request here that breaks it and no other rule of its vendor", () => {
  const rules = vendorRules();
  assert.deepEqual([...rules.keys()].sort(), Object.keys(BREAKS).sort());
  for (const [rule, name] of rules) {
    const findings = lintRequest(captureRequest(BREAKS[rule]!), name);
    assert.deepEqual(findings.map((f) => f.rule), [rule]);
    assert.equal(findings[0]!.source, PROFILES[name].docs, rule);
  }
});

Deno.test("a vendor rule fires for its own profile only", () => {
  for (const [rule, owner] of vendorRules()) {
    const captured = captureRequest(BREAKS[rule]!);
    const [finding] = lintRequest(captured, owner);
    for (const name of NAMES.filter((n) => n !== owner)) {
      assert.ok(
        !lintRequest(captured, name).some((f) => same(f, finding!)),
        `${rule} under ${name}`,
      );
    }
  }
});

Deno.test("a vendor rule lives in its profile entry: the entry without its rules no longer reports it", () => {
  for (const [rule, owner] of vendorRules()) {
    const captured = captureRequest(BREAKS[rule]!);
    const [finding] = lintRequest(captured, owner);
    const bare = lintRequest(captured, withoutRules(PROFILES[owner]));
    assert.ok(!bare.some((f) => same(f, finding!)), rule);
  }
  // WooCommerce's scheme rule stands in for the generic one, which is back.
  const https = captureRequest(BREAKS["woocommerce/scheme"]!);
  assert.deepEqual(lintRequest(https, withoutRules(PROFILES.woocommerce)), [{
    rule: "woocommerce/scheme",
    title: "not over HTTP",
    severity: "error",
    message:
      "the request goes over https: WooCommerce checks OAuth signatures over http only",
    fix: "Send the request over http",
    section: "3.4.1.2",
    source: PROFILES.woocommerce.docs,
  }]);
});

Deno.test("lintRequest() gives each finding a fix in the request's terms and the vendor's page", async () => {
  const captured = await signTypical("netsuite", {
    ...profileSignOptions("netsuite", { accountId: "1234567_SB1" }),
    realm: "1234567-sb1",
    signatureMethod: "HMAC-SHA1",
  });
  const [method, realm] = lintRequest(captured, "netsuite");
  assert.equal(
    method?.message,
    'oauth_signature_method is "HMAC-SHA1": NetSuite takes HMAC-SHA256',
  );
  assert.equal(
    realm?.message,
    'realm is "1234567-sb1": NetSuite wants "1234567_SB1", the account ID in capitals with _ (1234567_SB1), while the host writes 1234567-sb1',
  );
  assert.equal(realm?.fix, 'Send realm="1234567_SB1" (it is not signed)');
  assert.equal(realm?.source, PROFILES.netsuite.docs);
  // The account ID given, in either form, wins over the one the host shows.
  for (const accountId of ["7654321-sb2", "7654321_SB2"]) {
    assert.match(
      lintRequest(captured, "netsuite", { accountId })[1]!.message,
      /NetSuite wants "7654321_SB2"/,
    );
  }
});

// X's "Creating a signature" page and an LTI 1.1 launch fixture, both in the
// published vectors, signed again through the profiles.
for (
  const [id, profile] of [["x-docs-api.twitter.com-1.1", "x"], [
    "lti-1.1-launch",
    "lti-launch",
  ]] as const
) {
  Deno.test(`the ${profile} profile reproduces the published example "${id}"`, async () => {
    const v = vectors.requests.find((r) => r.id === id)!;
    const signed = await signRequest(
      {
        method: v.method,
        url: v.url,
        headers: { "Content-Type": v.contentType! },
        body: v.body!,
      },
      {
        consumerKey: v.oauth.oauth_consumer_key,
        consumerSecret: v.consumerSecret,
        ...("oauth_token" in v.oauth
          ? { token: v.oauth.oauth_token, tokenSecret: v.tokenSecret }
          : {}),
      },
      {
        ...profileSignOptions(profile),
        nonce: v.oauth.oauth_nonce,
        timestamp: Number(v.oauth.oauth_timestamp),
      },
    );
    assert.equal(signed.signature, v.expected.signature);
    const request = signed.toRequest();
    const captured = captureRequest({
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: await request.text(),
    });
    assert.deepEqual(lintRequest(captured, profile), []);
    assert.equal(
      (await explain(captured, v, { profile })).verdict,
      "valid",
    );
  });
}

const ORACLE = `
import base64, hashlib, json, sys
from urllib.parse import urlparse
from cryptography.hazmat.primitives import serialization
from oauthlib.common import Request
from oauthlib.oauth1.rfc5849 import signature as s

out = []
for c in json.load(sys.stdin):
    headers = c["headers"]
    body = c["body"]
    form = "application/x-www-form-urlencoded" in headers.get("content-type", "")
    query = urlparse(c["url"]).query
    params = s.collect_parameters(uri_query=query, body=body if form else None,
                                  headers=headers, exclude_oauth_signature=False)
    r = Request(c["url"], http_method=c["method"], body=body, headers=headers)
    r.signature = dict(params)["oauth_signature"]
    r.params = [p for p in params if p[0] != "oauth_signature"]
    method = dict(params)["oauth_signature_method"]
    if method.startswith("RSA-"):
        key = serialization.load_pem_private_key(c["pem"].encode(), None)
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        verify = s.verify_rsa_sha256 if method == "RSA-SHA256" else s.verify_rsa_sha1
        ok = verify(r, public)
    else:
        verify = {"HMAC-SHA1": s.verify_hmac_sha1, "HMAC-SHA256": s.verify_hmac_sha256,
                  "PLAINTEXT": s.verify_plaintext}[method]
        ok = verify(r, c["secret"], c["tokenSecret"])
    sent = dict(params).get("oauth_body_hash")
    algorithm = hashlib.sha256 if method.endswith("SHA256") else hashlib.sha1
    hashed = base64.b64encode(algorithm((body or "").encode()).digest()).decode()
    out.append({"valid": ok, "bodyHash": None if sent is None else sent == hashed})
json.dump(out, sys.stdout)
`;

testWith(
  OAUTHLIB,
  "oauthlib's verifier accepts a request signed with each vendor's settings, body hashes included",
  async () => {
    const cases = [];
    for (const name of NAMES) {
      const captured = await signTypical(name);
      cases.push({
        method: captured.method,
        url: captured.url,
        headers: Object.fromEntries(
          captured.headers.map(([n, v]) => [n.toLowerCase(), v]),
        ),
        body: captured.body ?? null,
        secret: "cs&1",
        tokenSecret: TYPICAL[name].token === undefined ? "" : "ts 1",
        pem: RSA.pem,
      });
    }
    const answers = await runPython(ORACLE, cases) as {
      valid: boolean;
      bodyHash: boolean | null;
    }[];
    assert.deepEqual(
      Object.fromEntries(NAMES.map((name, i) => [name, answers[i]])),
      Object.fromEntries(NAMES.map((name) => [name, {
        valid: true,
        bodyHash: PROFILES[name].bodyHash === "never" ? null : true,
      }])),
    );
  },
);

// NetSuite's most common TBA mistakes, made by the independent test signer:
// the RESTlet's query left out of the signature, the realm in the host's form.
const NETSUITE_OAUTH: [string, string][] = [
  ["oauth_consumer_key", "ck"],
  ["oauth_token", "tk"],
  ["oauth_signature_method", "HMAC-SHA256"],
  ["oauth_timestamp", "1700000000"],
  ["oauth_nonce", "n0nce"],
  ["oauth_version", "1.0"],
];
const NETSUITE_SECRETS = { consumerSecret: "cs", tokenSecret: "ts" };

Deno.test("explain() with the netsuite profile names the query left out and the realm in the host's form", async () => {
  const url = TYPICAL.netsuite.url;
  const request = {
    method: "POST",
    url,
    body: '{"id":7}',
    contentType: "application/json",
    oauth: NETSUITE_OAUTH,
  };
  const signature = wrongSign(request, NETSUITE_SECRETS, { omitQuery: true });
  const captured = captureRequest({
    method: "POST",
    url,
    headers: [
      ["Authorization", header(NETSUITE_OAUTH, signature, "1234567-sb1")],
      ["Content-Type", "application/json"],
    ],
    body: request.body,
  });
  const report = await explain(captured, NETSUITE_SECRETS, {
    profile: "netsuite",
  });
  assert.equal(report.explained, true);
  assert.deepEqual(report.causes.map((c) => c.ids.join("+")), [
    "query-omitted",
    "netsuite/realm",
  ]);
  assert.match(
    report.causes[0]!.fix,
    /: here, sign "script=123", "deploy=1" with the oauth_\* parameters \(RFC 5849 §3\.4\.1\.3\.1\)$/,
  );
  assert.match(report.causes[1]!.fix, /Send realm="1234567_SB1"/);
  // Without the profile, the realm is no one's business.
  const generic = await explain(captured, NETSUITE_SECRETS);
  assert.deepEqual(generic.causes.map((c) => c.ids.join("+")), [
    "query-omitted",
  ]);
});

Deno.test("explain() with the schoology profile names a two-legged request that leaves out the empty oauth_token", async () => {
  const url = TYPICAL.schoology.url;
  const oauth = NETSUITE_OAUTH.filter(([n]) => n !== "oauth_token")
    .map(([n, v]): [string, string] => [
      n,
      n === "oauth_signature_method" ? "HMAC-SHA1" : v,
    ]);
  const secrets = { consumerSecret: "cs" };
  const signature = wrongSign({ method: "GET", url, oauth }, secrets);
  const report = await explain(
    captureRequest({
      method: "GET",
      url,
      headers: [["Authorization", header(oauth, signature, "Schoology API")]],
    }),
    secrets,
    { profile: "schoology" },
  );
  assert.equal(report.signatureMatches, true);
  assert.equal(report.verdict, "invalid");
  assert.deepEqual(report.causes.map((c) => c.ids.join("+")), [
    "schoology/token",
  ]);
  assert.match(report.causes[0]!.evidence, /expects oauth_token=""/);
});

Deno.test("the README's table of APIs has one row per profile, with its method, placement and name", async () => {
  const readme = await Deno.readTextFile(
    new URL("../../README.md", import.meta.url),
  );
  const section = readme.slice(readme.indexOf("## Which API are you calling?"));
  const rows = section.split("\n").filter((line) => line.startsWith("| ["))
    .map((line) => {
      const [api, methods, placements, , name] = line.slice(1, -1).split(
        /(?<!\\)\|/,
      ).map((cell) => cell.trim());
      const [, vendor, docs] = /^\[(.+)\]\((\S+)\)$/.exec(api!)!;
      return { vendor, docs, methods, placements, name: name!.slice(1, -1) };
    });
  assert.deepEqual(
    rows,
    NAMES.map((name) => ({
      vendor: PROFILES[name].vendor,
      docs: PROFILES[name].docs,
      methods: PROFILES[name].signatureMethods.join(", "),
      placements: PROFILES[name].placements.join(", "),
      name,
    })),
  );
});
