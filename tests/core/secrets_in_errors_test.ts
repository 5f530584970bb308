// Issue 11: a PLAINTEXT Authorization header that lost one `="` made the
// parser read the signature into a parameter name and quote it, in the error,
// in verifyRequest()'s problem.detail and in oauth_problem_advice on the wire.
// Here every signature method signs a request, the header (and the signed
// URL's query) is broken in each way a hand or a tool breaks it, and every
// message any reader returns is scanned for the secrets and the signature.
import assert from "node:assert/strict";
import {
  importAuthorizationHeader,
  parseAuthorizationHeader,
  percentEncode,
  problemResponse,
  signRequest,
  type VerifyLookup,
  verifyRequest,
  type VerifyResult,
} from "../../mod.ts";
import {
  hmacSha1,
  hmacSha256,
  hmacSha512,
  plaintext,
  rsaSha1,
  rsaSha256,
} from "../../steps/signature.ts";
import { rsaTestKey } from "../support/support.ts";

// Secrets with characters that percent-encoding changes, so that the raw,
// the encoded and the twice-encoded forms all differ.
const CONSUMER_SECRET = "kd94hf93&k423kf44";
const TOKEN_SECRET = "pfkk dhi9/sl3r4s00";
const URL_ =
  "https://photos.example.net/photos?file=vacation.jpg&size=original";
const NOW = 137131202;
const METHODS = [
  hmacSha1,
  hmacSha256,
  hmacSha512,
  rsaSha1,
  rsaSha256,
  plaintext,
];
// A message may quote a bounded prefix of what it read, never more.
const BOUND = 24;

/** Each text with one character at `at` removed, for each `at` of `char`. */
function without(text: string, char: string): string[] {
  return [...text.matchAll(new RegExp(char, "g"))].map((m) =>
    text.slice(0, m.index) + text.slice(m.index + char.length)
  );
}

/** The malformed-header family: lost `=`, lost quote, doubled commas, names running into values. */
function brokenHeaders(header: string): string[] {
  return [
    ...without(header, "="),
    ...without(header, '"'),
    ...[...header.matchAll(/,/g)].map((m) =>
      header.slice(0, m.index) + ",," + header.slice(m.index + 1)
    ),
    ...without(header, '="'), // a name runs into its value
    ...without(header, '", '), // a value runs into the next name
    ...without(header, ", "),
  ];
}

/** The same family in a signed URL's query: lost `=`, lost `&`, doubled `&`. */
function brokenUrls(url: string): string[] {
  const at = url.indexOf("?");
  const [base, query] = [url.slice(0, at + 1), url.slice(at + 1)];
  return [
    ...without(query, "="),
    ...without(query, "&"),
    ...[...query.matchAll(/&/g)].map((m) =>
      query.slice(0, m.index) + "&&" + query.slice(m.index + 1)
    ),
  ].map((q) => base + q);
}

/**
 * Every message a failed verification shows: its detail (which is also
 * oauth_problem_advice), and both responses whole, whose debug_sbs in
 * development is the base string and so quotes the request at length.
 */
async function failureTexts(
  result: VerifyResult,
): Promise<{ messages: string[]; responses: string[] }> {
  if (result.ok) return { messages: [], responses: [] };
  const responses = [];
  for (const development of [false, true]) {
    const response = problemResponse(result, { development });
    const body = await response.text();
    const advice = new URLSearchParams(body).get("oauth_problem_advice");
    assert.equal(advice, result.problem.detail);
    responses.push(
      body,
      ...new URLSearchParams(body).values(),
      ...response.headers.values(),
    );
  }
  return { messages: [result.problem.detail], responses };
}

function messageOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    return [String(error)];
  }
}

/** The forbidden texts: each secret raw, encoded once and twice, and every 8 characters of the signature as sent. */
function forbidden(signature: string): string[] {
  const texts: string[] = [];
  for (const secret of [CONSUMER_SECRET, TOKEN_SECRET]) {
    texts.push(
      secret,
      percentEncode(secret),
      percentEncode(percentEncode(secret)),
    );
  }
  for (const form of [signature, percentEncode(signature)]) {
    for (let i = 0; i + 8 <= form.length; i++) texts.push(form.slice(i, i + 8));
  }
  return texts;
}

function assertClean(
  texts: { messages: string[]; responses?: string[] },
  signature: string,
  sent: string,
  where: string,
): void {
  for (const text of [...texts.messages, ...texts.responses ?? []]) {
    for (const secret of forbidden(signature)) {
      assert.ok(
        !text.includes(secret),
        `${where}: ${JSON.stringify(secret)} appears in ${text}`,
      );
    }
  }
  for (const text of texts.messages) {
    // No more than BOUND characters of what was read, quoted in one piece.
    for (let i = 0; i + BOUND + 1 <= sent.length; i++) {
      const piece = sent.slice(i, i + BOUND + 1);
      assert.ok(
        !text.includes(piece),
        `${where}: more than ${BOUND} characters of the request (${piece}) appear in ${text}`,
      );
    }
  }
}

for (const method of METHODS) {
  Deno.test(`no message about a broken ${method.name} header or query quotes a secret or any part of the signature`, async () => {
    const rsa = method.name.startsWith("RSA-") ? await rsaTestKey() : undefined;
    const lookup: VerifyLookup = {
      consumer: (key) =>
        Promise.resolve(
          key === "dpf43f3p2l4k3l03"
            ? {
              secret: CONSUMER_SECRET,
              publicKey: rsa?.publicPem,
            }
            : undefined,
        ),
      token: (token) =>
        Promise.resolve(
          token === "nnch734d00sl2jdk" ? { secret: TOKEN_SECRET } : undefined,
        ),
    };
    const credentials = {
      consumerKey: "dpf43f3p2l4k3l03",
      consumerSecret: CONSUMER_SECRET,
      token: "nnch734d00sl2jdk",
      tokenSecret: TOKEN_SECRET,
      privateKey: rsa?.pem,
    };
    const signed = await signRequest(
      { method: "GET", url: URL_ },
      credentials,
      {
        signatureMethod: method,
        timestamp: NOW,
        nonce: `chapoH-${method.name}`, // the verifier's nonce store is shared
        revealSecrets: true,
      },
    );
    // The unbroken request verifies: the family below differs from it only
    // by the breakage.
    assert.ok(
      (await verifyRequest(signed.toRequest(), lookup, { now: NOW })).ok,
    );
    const header = signed.authorization;
    let messages = 0;
    for (const broken of brokenHeaders(header)) {
      const verified = await failureTexts(
        await verifyRequest(
          new Request(URL_, { headers: { authorization: broken } }),
          lookup,
          { now: NOW },
        ),
      );
      const texts = {
        messages: [
          ...messageOf(() => parseAuthorizationHeader(broken)),
          ...messageOf(() =>
            parseAuthorizationHeader(broken, { lenient: true })
          ),
          ...messageOf(() => importAuthorizationHeader(broken, { url: URL_ })),
          ...verified.messages,
        ],
        responses: verified.responses,
      };
      messages += texts.messages.length;
      assertClean(texts, signed.signature, broken, `header ${broken}`);
    }
    for (const broken of brokenUrls(signed.url)) {
      const texts = await failureTexts(
        await verifyRequest(new Request(broken), lookup, { now: NOW }),
      );
      messages += texts.messages.length;
      assertClean(texts, signed.signature, broken, `URL ${broken}`);
    }
    // The family did reach the readers: nearly two hundred messages.
    assert.ok(messages > 150, `only ${messages} messages`);
  });
}

Deno.test('parseAuthorizationHeader() names a signature that lost its =" by its parameter, not its value (issue 11)', () => {
  assert.throws(
    () =>
      parseAuthorizationHeader(
        'OAuth oauth_signature_method="PLAINTEXT", oauth_signaturekd94hf93k423kf44%26pfkkdhi9sl3r4s00"',
      ),
    {
      name: "OAuthSyntaxError",
      message:
        'Cannot parse Authorization header: expected "=" after parameter name "oauth_signature"… (50 characters) at offset 92: current character is "\\""',
    },
  );
});
