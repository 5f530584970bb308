// narrateTrace() and FLOW_LEGS: the steps told in words from the request's
// own values, and the protocol parameters of each leg of RFC 5849 §2.
import assert from "node:assert/strict";
import {
  FLOW_LEGS,
  narrateTrace,
  type RequestDescription,
  type SignOptions,
  signRequest,
  type StepNarration,
} from "../../mod.ts";
import { rsaTestKey } from "../support/support.ts";

async function told(
  request: RequestDescription,
  options: SignOptions = {},
  secrets: { tokenSecret?: string; privateKey?: string } = {},
): Promise<Record<StepNarration["step"], string>> {
  const signed = await signRequest(
    request,
    {
      consumerKey: "dpf43f3p2l4k3l03",
      consumerSecret: "kd94hf93k423kf44",
      ...secrets,
    },
    { nonce: "kllo9940pd9333jh", timestamp: 1191242096, ...options },
  );
  const narration = narrateTrace(signed.trace);
  assert.deepEqual(
    narration.map((n) => n.step),
    signed.trace.map((s) => s.step),
  );
  return Object.fromEntries(narration.map((n) => [n.step, n.text])) as Record<
    StepNarration["step"],
    string
  >;
}

Deno.test("narrateTrace() says the query leaves the URI and joins the parameters", async () => {
  const text = await told({
    method: "GET",
    url: "http://example.com/catalog?term=fargo",
  });
  assert.equal(
    text["base-string-uri"],
    "The query `?term=fargo` leaves the URI and joins the parameters.",
  );
  assert.equal(
    text.input,
    "A GET with one query parameter, signed with HMAC-SHA1.",
  );
  assert.match(text.parameters, /^Gather the query's one and the five oauth_/);
});

Deno.test("narrateTrace() names each rule that fired on the URL, and none when none did", async () => {
  const rules = await told({
    method: "GET",
    url: "HTTP://Example.COM:80/r?a=1#part",
  });
  for (
    const said of [
      "The scheme is written in lower case.",
      "The host is written in lower case.",
      "The default port is dropped.",
      "The query `?a=1` leaves the URI",
      "The fragment `#part` goes",
    ]
  ) assert.ok(rules["base-string-uri"].includes(said), said);
  const none = await told({ method: "GET", url: "https://example.com/r" });
  assert.match(none["base-string-uri"], /already in its base string form/);
  assert.equal(
    none.input,
    "A GET with no parameters of its own, signed with HMAC-SHA1.",
  );
});

Deno.test("narrateTrace() shows a value that encoding changes, a repeated name, and %XX encoded again", async () => {
  const text = await told({
    method: "POST",
    url: "http://example.com/r?a=2&a=1",
    body: "status=Hello%20Ladies",
    headers: [["Content-Type", "application/x-www-form-urlencoded"]],
  });
  assert.equal(
    text.input,
    "A POST with two query parameters and a form body of one parameter, signed with HMAC-SHA1.",
  );
  assert.match(
    text.parameters,
    /One parameter changes when encoded: `status=Hello Ladies` becomes `status=Hello%20Ladies`\./,
  );
  assert.match(text.parameters, /`a` comes more than once/);
  assert.match(
    text["signature-base-string"],
    /so `%20` reads `%2520`\.$/,
  );
});

Deno.test("narrateTrace() says a body that is not a form is not signed", async () => {
  const text = await told({
    method: "POST",
    url: "https://example.com/r",
    body: '{"a":1}',
    headers: [["Content-Type", "application/json"]],
  });
  assert.match(text.input, /a application\/json body, which is not signed/);
});

Deno.test("narrateTrace() tells the key as the trace shows it, masked unless revealed", async () => {
  const masked = await told(
    { method: "GET", url: "https://example.com/r" },
    {},
    { tokenSecret: "pfkkdhi9sl3r4s00" },
  );
  assert.equal(
    masked.signature,
    'HMAC-SHA1 over the base string, keyed with the encoded consumer secret (masked here), "&", and the encoded token secret (masked here), then base64.',
  );
  const none = await told({ method: "GET", url: "https://example.com/r" }, {
    signatureMethod: "PLAINTEXT",
    revealSecrets: true,
  });
  assert.match(none.signature, /^PLAINTEXT computes nothing/);
  assert.match(
    none.signature,
    /consumer secret \(shown here\).*token secret \(none here\)/,
  );
  for (const text of [masked, none].flatMap((t) => Object.values(t))) {
    assert.ok(!text.includes("kd94hf93k423kf44"));
    assert.ok(!text.includes("pfkkdhi9sl3r4s00"));
  }
  const rsa = await told(
    { method: "GET", url: "https://example.com/r" },
    { signatureMethod: "RSA-SHA256" },
    { privateKey: (await rsaTestKey()).pem },
  );
  assert.match(
    rsa.signature,
    /^RSA-SHA256 signs the base string with the RSA private key/,
  );
});

Deno.test("narrateTrace() says where the signature goes for each placement", async () => {
  const request = { method: "GET", url: "https://example.com/r" };
  assert.match(
    (await told(request, { placement: "header" })).placement,
    /Authorization header/,
  );
  assert.match(
    (await told(request, { placement: "query" })).placement,
    /^The signed URL/,
  );
});

// RFC 5849 §2.1, §2.3 and §3.1: what each request of the flow carries.
Deno.test("FLOW_LEGS sends what RFC 5849 §2.1, §2.3 and §3.1 say each request carries", () => {
  const always = [
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
  ];
  const sends = FLOW_LEGS.map((leg) => [...leg.sends].sort());
  assert.deepEqual(sends, [
    [...always, "oauth_callback"].sort(),
    [...always, "oauth_token", "oauth_verifier"].sort(),
    [...always, "oauth_token"].sort(),
  ]);
  assert.deepEqual(FLOW_LEGS.map((leg) => leg.section), ["2.1", "2.3", "3.1"]);
  for (const leg of FLOW_LEGS) {
    assert.ok(leg.maySend.includes("oauth_version"));
    assert.ok(!leg.maySend.some((name) => leg.sends.includes(name)));
  }
});
