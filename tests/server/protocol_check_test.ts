// checkProtocolParameters(): each rule of RFC 5849 §3.1–§3.3 and §3.4.4 it
// enforces, with the problem code it answers; its verdicts beside oauthlib's
// own checks (ResourceEndpoint._check_mandatory_parameters, oauthlib 3.2.2,
// recorded in tests/testdata/oracle/); and verifyRequest() refusing a request
// with the first problem it finds, so the two judges never disagree.
import assert from "node:assert/strict";
import {
  checkProtocolParameters,
  type ProtocolCheckOptions,
  type ProtocolParameter,
} from "../../server/protocol_check.ts";
import type { ProblemCode } from "../../server/problems.ts";
import {
  authorizationHeader,
  type SignatureMethod,
  verifyRequest,
} from "../../mod.ts";
import {
  SIGNATURE_METHODS,
  signatureMethod,
  type SignatureMethodName,
} from "../../steps/signature.ts";
import { oracle } from "../support/oracle.ts";

// The signed request of the OAuth Core 1.0 appendix (the printer's client,
// kept by RFC 5849 §1.2), with a ten-digit timestamp as oauthlib requires.
const NOW = 1191242096;
const SENT: readonly (readonly [string, string])[] = [
  ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
  ["oauth_token", "nnch734d00sl2jdk"],
  ["oauth_signature_method", "HMAC-SHA1"],
  ["oauth_signature", "tR3+Ty81lMeYAr/Fid0kMTYa/WM="],
  ["oauth_timestamp", String(NOW)],
  ["oauth_nonce", "kllo9940pd9333jh"],
  ["oauth_version", "1.0"],
];

/** SENT with `name` set to each of `values` (none: removed; two: sent twice). */
function sentWith(
  name: string,
  ...values: string[]
): [string, string][] {
  const at = SENT.findIndex(([n]) => n === name);
  const changed: [string, string][] = SENT.map(([n, v]) => [n, v]);
  const pairs = values.map((v): [string, string] => [name, v]);
  if (at === -1) return [...changed, ...pairs];
  changed.splice(at, 1, ...pairs);
  return changed;
}

interface Rule {
  /** The rule, as the RFC states it, and the case. */
  rule: string;
  parameters: readonly ProtocolParameter[];
  options?: ProtocolCheckOptions;
  /** The problems, as [code, parameter]; none when the request is well formed. */
  problems: [ProblemCode, string][];
}

const HTTPS: ProtocolCheckOptions = { protocol: "https:" };
const PLAINTEXT_ONLY = [
  ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
  ["oauth_signature_method", "PLAINTEXT"],
  ["oauth_signature", "kd94hf93k423kf44&"],
] as const;

const RULES: Rule[] = [
  {
    rule: "§3.1: the example request of §3.1 is well formed",
    parameters: [
      ["oauth_consumer_key", "9djdj82h48djs9d2"],
      ["oauth_token", "kkk9d7dh3k39sjv7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "7d8f3e4a"],
      ["oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="],
    ],
    options: HTTPS,
    problems: [],
  },
  {
    rule: "§3.1: oauth_version is OPTIONAL",
    parameters: sentWith("oauth_version"),
    problems: [],
  },
  {
    rule:
      '§3.2: "If the oauth_version parameter is present, ensuring its value is 1.0"',
    parameters: sentWith("oauth_version", "1.1"),
    problems: [["version_rejected", "oauth_version"]],
  },
  ...[
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
  ].map((name): Rule => ({
    rule: `§3.1: ${name} is REQUIRED`,
    parameters: sentWith(name),
    problems: [["parameter_absent", name]],
  })),
  {
    rule:
      "§3.1: with PLAINTEXT, oauth_timestamp and oauth_nonce MAY be omitted",
    parameters: PLAINTEXT_ONLY,
    options: HTTPS,
    problems: [],
  },
  {
    rule: "§3.1: with PLAINTEXT, oauth_consumer_key is still REQUIRED",
    parameters: PLAINTEXT_ONLY.slice(1),
    options: HTTPS,
    problems: [["parameter_absent", "oauth_consumer_key"]],
  },
  {
    rule:
      "§3.1: oauth_token MAY be omitted, unless the resource requires a token",
    parameters: sentWith("oauth_token"),
    problems: [],
  },
  {
    rule: "§3.1: a protected resource requires a token, and not an empty one",
    parameters: sentWith("oauth_token", ""),
    options: { requireToken: true },
    problems: [["parameter_absent", "oauth_token"]],
  },
  {
    rule:
      "§3.1: each parameter MUST NOT appear more than once per request (in one place)",
    parameters: sentWith("oauth_nonce", "a", "b"),
    problems: [["parameter_rejected", "oauth_nonce"]],
  },
  {
    rule:
      "§3.1: each parameter MUST NOT appear more than once per request (in two places)",
    parameters: [
      ...SENT.map(([n, v]) => [n, v, "oauth"] as const),
      ["oauth_token", "nnch734d00sl2jdk", "query"],
    ],
    problems: [["parameter_rejected", "oauth_token"]],
  },
  {
    rule: "§3.2: a signature method the server does not support is refused",
    parameters: sentWith("oauth_signature_method", "HMAC-MD5"),
    problems: [["signature_method_rejected", "oauth_signature_method"]],
  },
  {
    rule: "§3.4: method names are case sensitive",
    parameters: sentWith("oauth_signature_method", "hmac-sha1"),
    problems: [["signature_method_rejected", "oauth_signature_method"]],
  },
  {
    rule: "§3.2: a built-in method the server does not accept is refused",
    parameters: SENT,
    options: { signatureMethods: [SIGNATURE_METHODS[1]!] },
    problems: [["signature_method_rejected", "oauth_signature_method"]],
  },
  {
    rule: "§3.4.4: PLAINTEXT is refused over plain http",
    parameters: PLAINTEXT_ONLY,
    options: { protocol: "http:" },
    problems: [["signature_method_rejected", "oauth_signature_method"]],
  },
  {
    rule: "§3.4.4: PLAINTEXT over http, when the server allows it",
    parameters: PLAINTEXT_ONLY,
    options: { protocol: "http:", allowPlaintextOverHttp: true },
    problems: [],
  },
  {
    rule: "§3.4.4: the HMAC methods may come over plain http",
    parameters: SENT,
    options: { protocol: "http:" },
    problems: [],
  },
  ...["137131201.5", "-137131201", "0x8296E91", "1e9", "", "1".repeat(16)]
    .map((value): Rule => ({
      rule: `§3.3: the timestamp is a positive integer, not ${
        JSON.stringify(value.length > 12 ? `${value.length} digits` : value)
      }`,
      parameters: sentWith("oauth_timestamp", value),
      problems: [["parameter_rejected", "oauth_timestamp"]],
    })),
  {
    rule: "§3.3: a nonce is a string, here of 1 to 256 characters (empty)",
    parameters: sentWith("oauth_nonce", ""),
    problems: [["parameter_rejected", "oauth_nonce"]],
  },
  {
    rule: "§3.3: a nonce is a string, here of 1 to 256 characters (257)",
    parameters: sentWith("oauth_nonce", "n".repeat(257)),
    problems: [["parameter_rejected", "oauth_nonce"]],
  },
  {
    rule: "§3.3: a nonce is a string, here of 1 to 256 characters (256)",
    parameters: sentWith("oauth_nonce", "n".repeat(256)),
    problems: [],
  },
];

for (const { rule, parameters, options, problems } of RULES) {
  Deno.test(`checkProtocolParameters() follows RFC 5849 ${rule}`, () => {
    const found = checkProtocolParameters(parameters, options);
    assert.deepEqual(found.map((p) => [p.code, p.parameter]), problems);
    for (const problem of found) {
      assert.match(problem.message, /^[^:]+ must [^:]+: current /);
      assert.match(problem.section, /^3\.\d(\.\d)?$/);
    }
  });
}

Deno.test("checkProtocolParameters() answers every problem, in the order a verifier refuses them", () => {
  const found = checkProtocolParameters([
    ["oauth_nonce", ""],
    ["oauth_nonce", ""],
    ["oauth_timestamp", "soon"],
    ["oauth_signature_method", "PLAINTEXT"],
    ["oauth_version", "2.0"],
  ], { protocol: "http:", requireToken: true });
  assert.deepEqual(found.map((p) => [p.code, p.parameter, p.section]), [
    ["parameter_rejected", "oauth_nonce", "3.1"],
    ["version_rejected", "oauth_version", "3.1"],
    ["parameter_absent", "oauth_consumer_key", "3.1"],
    ["parameter_absent", "oauth_signature", "3.1"],
    ["parameter_absent", "oauth_token", "3.1"],
    ["signature_method_rejected", "oauth_signature_method", "3.4.4"],
    ["parameter_rejected", "oauth_timestamp", "3.3"],
    ["parameter_rejected", "oauth_nonce", "3.3"],
  ]);
});

Deno.test("checkProtocolParameters() says where a duplicated parameter was sent, and never quotes a name that is not a protocol name", () => {
  const [inTwo] = checkProtocolParameters([
    ...SENT.map(([n, v]) => [n, v, "oauth"] as const),
    ["oauth_token", "x", "query"],
    ["oauth_token", "y", "body"],
  ]);
  assert.equal(
    inTwo?.message,
    'protocol parameter "oauth_token" must appear once: current request sends it 3 times, in the Authorization header and the query and the body',
  );
  const [runOn] = checkProtocolParameters([
    ...SENT,
    ['oauth_tokenkd94hf93k423kf44"', "x"],
    ['oauth_tokenkd94hf93k423kf44"', "y"],
  ]);
  assert.equal(
    runOn?.message,
    'protocol parameter name "oauth_token"… (28 characters) must appear once: current request sends it 2 times',
  );
  assert.ok(!runOn.message.includes("kd94hf93k423kf44"));
});

Deno.test("checkProtocolParameters() accepts every built-in method by default, read from the one table", () => {
  for (const method of SIGNATURE_METHODS) {
    const parameters = sentWith("oauth_signature_method", method.name);
    assert.deepEqual(
      checkProtocolParameters(parameters, HTTPS),
      [],
      method.name,
    );
  }
  const custom: SignatureMethod = {
    name: "HMAC-MD5",
    keyStructure: "test",
    sign: () => Promise.resolve({ signature: "x", digest: undefined }),
  };
  const parameters = sentWith("oauth_signature_method", "HMAC-MD5");
  assert.deepEqual(
    checkProtocolParameters(parameters, { signatureMethods: [custom] }),
    [],
  );
});

// oauthlib's own checks: the parameters in the query (its header parser keeps
// one of two equal names), its clock set to the timestamp, the built-in
// methods allowed, and its client key and nonce bounds set to this verifier's.
const OAUTHLIB_CHECK = `import json, sys
from urllib.parse import urlencode
from oauthlib.oauth1 import RequestValidator, ResourceEndpoint
from oauthlib.oauth1.rfc5849 import errors
from oauthlib.oauth1.rfc5849.endpoints import base


class Validator(RequestValidator):
    client_key_length = (1, 256)
    nonce_length = (1, 256)

    def __init__(self, methods):
        super().__init__()
        self.methods = tuple(methods)

    @property
    def allowed_signature_methods(self):
        return self.methods


def check(case, methods):
    uri = case["url"] + "?" + urlencode([tuple(pair) for pair in case["oauth"]])
    endpoint = ResourceEndpoint(Validator(methods))
    base.time.time = lambda: case["now"]
    try:
        request = endpoint._create_request(uri, "GET", None, {})
        endpoint._check_mandatory_parameters(request)
    except errors.OAuth1Error as error:
        return {"error": error.error, "description": error.description}
    return {"error": None}


spec = json.load(sys.stdin)
print(json.dumps([check(case, spec["methods"]) for case in spec["cases"]]))
`;

// What oauthlib's refusals are, in Problem Reporting codes.
const OAUTHLIB_CODES: Record<string, ProblemCode> = {
  "Duplicate OAuth1 entries.": "parameter_rejected",
  "Missing mandatory OAuth parameters.": "parameter_absent",
  "Invalid OAuth version.": "version_rejected",
  "Timestamp must be an integer.": "parameter_rejected",
  "Invalid nonce format.": "parameter_rejected",
};

// The methods both judges accept here, named as oauthlib is told them: the
// recording stays the same when the table of signature methods grows.
const ORACLE_METHODS: SignatureMethodName[] = [
  "HMAC-SHA1",
  "HMAC-SHA256",
  "HMAC-SHA512",
  "RSA-SHA1",
  "RSA-SHA256",
  "PLAINTEXT",
];

const ORACLE_CASES: { what: string; oauth: [string, string][] }[] = [
  { what: "the appendix request", oauth: sentWith("oauth_version", "1.0") },
  { what: "no oauth_version", oauth: sentWith("oauth_version") },
  { what: 'oauth_version "1.1"', oauth: sentWith("oauth_version", "1.1") },
  { what: 'oauth_version "1"', oauth: sentWith("oauth_version", "1") },
  ...[
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
  ].map((name) => ({ what: `no ${name}`, oauth: sentWith(name) })),
  { what: "no oauth_token", oauth: sentWith("oauth_token") },
  {
    what: "oauth_nonce twice",
    oauth: sentWith("oauth_nonce", "a", "b"),
  },
  {
    what: "oauth_token twice, the same",
    oauth: sentWith("oauth_token", "nnch734d00sl2jdk", "nnch734d00sl2jdk"),
  },
  ...[
    "HMAC-MD5",
    "hmac-sha1",
    "RSA-SHA512",
    ...ORACLE_METHODS,
  ]
    .map((method) => ({
      what: `oauth_signature_method ${method}`,
      oauth: sentWith("oauth_signature_method", method),
    })),
  {
    what: "a timestamp that is not a number",
    oauth: sentWith("oauth_timestamp", "11912420x6"),
  },
  {
    what: "a nonce of 256 characters",
    oauth: sentWith("oauth_nonce", "n".repeat(256)),
  },
  {
    what: "a nonce of 257 characters",
    oauth: sentWith("oauth_nonce", "n".repeat(257)),
  },
];

Deno.test("checkProtocolParameters() refuses what oauthlib's own checks refuse, with the same Problem Reporting code", async () => {
  const answers = await oracle(
    "protocol_check.oauthlib_check_mandatory_parameters",
    OAUTHLIB_CHECK,
    {
      methods: ORACLE_METHODS,
      cases: ORACLE_CASES.map(({ oauth }) => ({
        url: "https://photos.example.net/photos",
        now: NOW,
        oauth,
      })),
    },
  ) as { error: string | null; description?: string }[];
  assert.equal(answers.length, ORACLE_CASES.length);
  for (const [i, { what, oauth }] of ORACLE_CASES.entries()) {
    const answer = answers[i]!;
    const expected = answer.error === null
      ? []
      : answer.error === "invalid_signature_method"
      ? ["signature_method_rejected"]
      : [OAUTHLIB_CODES[answer.description!] ?? answer.description];
    const found = checkProtocolParameters(oauth, {
      ...HTTPS,
      signatureMethods: ORACLE_METHODS.map((name) => signatureMethod(name)),
    }).map((p) => p.code);
    assert.deepEqual(found, expected, what);
  }
});

Deno.test("checkProtocolParameters() accepts PLAINTEXT without timestamp and nonce, as RFC 5849 §3.1 allows and oauthlib does not", async () => {
  // The one known difference: oauthlib requires both with every method.
  const [answer] = await oracle(
    "protocol_check.oauthlib_plaintext_without_nonce",
    OAUTHLIB_CHECK,
    {
      methods: ["PLAINTEXT"],
      cases: [{
        url: "https://photos.example.net/photos",
        now: NOW,
        oauth: PLAINTEXT_ONLY,
      }],
    },
  ) as { description?: string }[];
  assert.equal(answer?.description, "Missing mandatory OAuth parameters.");
  assert.deepEqual(checkProtocolParameters(PLAINTEXT_ONLY, HTTPS), []);
});

// The verifier's own answer to each rule's parameters, sent in an
// Authorization header (so not the rule of a name sent in two places): the
// first problem, or, past the protocol checks, a signature that the secrets
// the lookup answers never make.
const lookup = {
  consumer: () => Promise.resolve({ secret: "not-the-secret" }),
  token: () => Promise.resolve({ secret: "not-the-token-secret" }),
};
const IN_HEADER = RULES.filter(({ parameters }) =>
  parameters.every(([, , source]) => source === undefined)
);

for (const { rule, parameters, options = {}, problems } of IN_HEADER) {
  Deno.test(`verifyRequest() refuses with checkProtocolParameters()'s first problem: RFC 5849 ${rule}`, async () => {
    const url = `${options.protocol ?? "https:"}//photos.example.net/photos`;
    const request = new Request(url, {
      headers: {
        authorization: authorizationHeader(
          parameters.map(([n, v]) => [n, v]),
        ),
      },
    });
    const result = await verifyRequest(request, lookup, {
      now: NOW,
      timestampWindow: 2 ** 31,
      ...(options.signatureMethods && {
        signatureMethods: options.signatureMethods,
      }),
      ...(options.allowPlaintextOverHttp && { allowPlaintextOverHttp: true }),
      ...(options.requireToken && { requireToken: true }),
    });
    assert.ok(!result.ok);
    const [first] = checkProtocolParameters(
      parameters.map(([n, v]) => [n, v, "oauth"]),
      { ...options, protocol: new URL(url).protocol },
    );
    if (problems.length === 0) {
      assert.equal(first, undefined);
      assert.equal(result.problem.code, "signature_invalid");
      return;
    }
    assert.equal(result.problem.code, first?.code);
    if (first?.code === "parameter_absent") {
      assert.deepEqual(
        result.problem.parametersAbsent,
        problems.map(([, name]) => name),
      );
    } else {
      assert.equal(
        result.problem.detail,
        `Cannot verify request: ${first?.message}`,
      );
    }
  });
}
