// A property of explain(): random requests (methods, placements, unicode,
// empty values, duplicates, a token or none) signed by the independent wrong
// signer (tests/support/wrong_signer.ts) with a random combination of one to
// three knobs set wrong. explain() must name that combination or one that
// signs the same (checked by signing with it through whatIf()), never a
// deeper one; and with no knob set wrong it must call the request valid and
// name nothing.
import assert from "node:assert/strict";
import fc from "fast-check";
import { type CauseId, explain, whatIf } from "../../explain/explain.ts";
import {
  importAuthorizationHeader,
  importSignedUrl,
} from "../../client/import.ts";
import {
  header,
  type Mistakes,
  type TestRequest,
  wrongSign,
} from "../support/wrong_signer.ts";

// Each knob the property draws from: its wrong settings, each with the
// mistakes that make it in the wrong signer.
const KNOBS: Record<string, [CauseId, Mistakes][]> = {
  "encoder-set": [
    ["encode-uri-component", { encoder: "encodeURIComponent" }],
    ["form-encoded", { encoder: "form" }],
    ["plus-for-space", { encoder: "plus-for-space" }],
    ["tilde-encoded", { encoder: "tilde-encoded" }],
    ["slash-raw", { encoder: "slash-raw" }],
  ],
  "hex-case": [["lower-hex", { lowerHex: true }]],
  "port": [["port-dropped", { dropPort: true }]],
  "uri-query": [["query-in-uri", { queryInUri: true }]],
  "query-source": [["query-omitted", { omitQuery: true }]],
  "query-decoding": [
    ["query-double-encoded", { query: "literal" }],
    ["query-plus-not-decoded", { query: "keep-plus" }],
  ],
  "body-source": [["form-body-omitted", { omitFormBody: true }]],
  "body-decoding": [["form-plus-not-decoded", { formBody: "keep-plus" }]],
  "empty-values": [["empty-values-dropped", { dropEmpty: true }]],
  "duplicates": [
    ["duplicates-last-kept", { collapse: "last" }],
    ["duplicates-first-kept", { collapse: "first" }],
  ],
  "version": [["version-missing", { leaveOut: ["oauth_version"] }]],
  "order": [
    ["sorted-raw", { order: "raw" }],
    ["unsorted", { order: "none" }],
    ["sorted-by-name", { order: "name" }],
  ],
  "joining": [["parameters-not-encoded", { joinRaw: true }]],
  "key-encoding": [["key-not-encoded", { keyNotEncoded: true }]],
  "key-ampersand": [["key-ampersand-missing", { keyWithoutAmpersand: true }]],
  "key-secrets": [
    ["token-secret-missing", { tokenSecretMissing: true }],
    ["secrets-swapped", { secretsSwapped: true }],
    ["consumer-key-as-secret", { consumerKeyAsSecret: true }],
  ],
  "hash": [["hash-swapped", { hash: "sha256" }]],
  "digest-text": [
    ["hex-digest", { hex: true }],
    ["base64url-digest", { base64url: true }],
    ["base64-of-hex", { base64OfHex: true }],
  ],
};

// Text with the characters signers trip on: reserved, unicode, space, +.
const text = fc.string({
  unit: fc.constantFrom(..."aZ09-._~ +*!'()/,=&é€😀"),
  maxLength: 6,
});
const name = fc.constantFrom("a", "b", "tag", "q", "Z", "x_y");
const pairs = fc.array(fc.tuple(name, fc.oneof(text, fc.constant(""))), {
  maxLength: 3,
});

const requests = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
  scheme: fc.constantFrom("http", "https"),
  port: fc.constantFrom("", ":8080"),
  path: fc.constantFrom("/r", "/1.1/items.json", "/a%20b/", "/caf%C3%A9"),
  query: pairs,
  body: pairs,
  token: fc.boolean(),
  placement: fc.constantFrom("header", "query"),
  secret: fc.constantFrom("kd94hf93k423kf44", "s&cret +~"),
});

type Drawn = typeof requests extends fc.Arbitrary<infer T> ? T : never;

const combination = fc.uniqueArray(fc.constantFrom(...Object.keys(KNOBS)), {
  minLength: 1,
  maxLength: 3,
}).chain((knobs) =>
  fc.tuple(...knobs.map((k) => fc.constantFrom(...KNOBS[k]!)))
);

const form = (list: [string, string][]): string =>
  new URLSearchParams(list).toString();

// The request drawn, signed with the mistakes, as explain() reads it.
function build(r: Drawn, m: Mistakes) {
  const query = form(r.query);
  const url = `${r.scheme}://api.example.com${r.port}${r.path}${
    query === "" ? "" : `?${query}`
  }`;
  const withBody = r.method !== "GET" && r.body.length > 0;
  const oauth: [string, string][] = [
    ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
    ...(r.token
      ? [["oauth_token", "nnch734d00sl2jdk"] as [string, string]]
      : []),
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "1318622958"],
    ["oauth_nonce", "kllo9940pd9333jh"],
    ["oauth_version", "1.0"],
  ];
  const request: TestRequest = {
    method: r.method,
    url,
    oauth,
    ...(withBody
      ? {
        body: form(r.body),
        contentType: "application/x-www-form-urlencoded",
      }
      : {}),
  };
  const secrets = {
    consumerSecret: r.secret,
    ...(r.token ? { tokenSecret: "pfkkdhi9sl3r4s00" } : {}),
  };
  const signature = wrongSign(request, secrets, m);
  const options = {
    method: r.method,
    ...(withBody
      ? { body: request.body!, contentType: request.contentType! }
      : {}),
  };
  const captured = r.placement === "query"
    ? importSignedUrl(
      `${url}${query === "" ? "?" : "&"}${
        form([...oauth, ["oauth_signature", signature]])
      }`,
      options,
    )
    : importAuthorizationHeader(header(oauth, signature), { url, ...options });
  return { captured, secrets, signature, correct: wrongSign(request, secrets) };
}

Deno.test("explain() names the combination of 1 to 3 knobs a random request was signed with, or one that signs the same", async () => {
  await fc.assert(
    fc.asyncProperty(requests, combination, async (r, combo) => {
      const mistakes = Object.assign({}, ...combo.map(([, m]) => m));
      const { captured, secrets, signature, correct } = build(r, mistakes);
      const report = await explain(captured, secrets);
      if (signature === correct) {
        assert.equal(report.verdict, "valid");
        return;
      }
      const named = report.causes.filter((c) =>
        c.targets.includes("client-signature")
      );
      const drawn = combo.map(([id]) => id).sort();
      assert.ok(named.length > 0, `nothing named for ${drawn}`);
      for (const cause of named) {
        assert.ok(cause.ids.length <= drawn.length, `${cause.ids} deeper`);
        const again = await whatIf(captured, secrets, cause.ids as CauseId[]);
        assert.equal(again.signature, signature, `${cause.ids} for ${drawn}`);
      }
      if (named[0]!.ids.length === drawn.length) {
        assert.ok(
          named.some((c) => [...c.ids].sort().join() === drawn.join()),
          `${drawn} not among ${named.map((c) => c.ids)}`,
        );
      }
    }),
    { numRuns: 150 },
  );
});

Deno.test("explain() calls a random correctly signed request valid and names nothing", async () => {
  await fc.assert(
    fc.asyncProperty(requests, async (r) => {
      const { captured, secrets } = build(r, {});
      const report = await explain(captured, secrets);
      assert.equal(report.verdict, "valid");
      assert.deepEqual(report.causes, []);
    }),
    { numRuns: 60 },
  );
});
