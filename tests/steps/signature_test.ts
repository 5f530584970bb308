// RFC 5849 §3.4.2–3.4.4: the signing key and the signature methods.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { OAuthError } from "../../core/errors.ts";
import {
  hmacSha1,
  hmacSha256,
  hmacSha512,
  plaintext,
  rsaSha1,
  rsaSha256,
  SIGNATURE_METHODS,
  type SignatureMethod,
  signatureMethod,
  type SignatureMethodName,
  signingKey,
} from "../../steps/signature.ts";
import {
  expectError,
  newRsaTestKey,
  rsaTestKey,
  verifyRsa,
} from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import vectors from "../testdata/published.json" with { type: "json" };

// The names every "must be one of" message lists: the table's, in order.
const METHOD_NAMES = SIGNATURE_METHODS.map((m) => m.name).join(", ");

const PHOTOS_BASE_STRING =
  // Source: RFC 5849 §1.2, the protected resource request's base string.
  "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26" +
  "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26" +
  "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26" +
  "oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal";

const rsaKey = await rsaTestKey();

Deno.test("signingKey() is the encoded consumer secret, &, and the encoded token secret", () => {
  assert.equal(
    signingKey("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
    "kd94hf93k423kf44&pfkkdhi9sl3r4s00",
  );
});

Deno.test("signingKey() keeps the & when the token secret is empty or absent", () => {
  assert.equal(signingKey("kd94hf93k423kf44", ""), "kd94hf93k423kf44&");
  assert.equal(signingKey("kd94hf93k423kf44"), "kd94hf93k423kf44&");
  assert.equal(signingKey("", ""), "&");
});

Deno.test("signingKey() percent-encodes each secret before joining them", () => {
  assert.equal(signingKey("a&b c", "d+é"), "a%26b%20c&d%2B%C3%A9");
});

Deno.test("signingKey() refuses secrets that are not strings", async () => {
  await expectError(
    () => signingKey(undefined as unknown as string, ""),
    TypeError,
    "Cannot build signing key: consumer secret and token secret must be strings",
  );
  await expectError(
    () => signingKey("cs", 7 as unknown as string),
    TypeError,
    "Cannot build signing key: consumer secret and token secret must be strings",
  );
});

Deno.test("signingKey() names the secret, never its value, when it holds a lone surrogate", async () => {
  const error = await expectError(
    () => signingKey("s3cret-\uD800-consumer", "ts"),
    TypeError,
    'Cannot percent-encode parameter "consumerSecret": value holds a lone UTF-16 surrogate at code point 7, which has no UTF-8 form',
  );
  assert.ok(!error.message.includes("s3cret"));
  await expectError(
    () => signingKey("cs", "tok\uDFFFen-secret"),
    TypeError,
    /^Cannot percent-encode parameter "tokenSecret": /,
  );
});

for (const [i, v] of vectors.hmacSha1.entries()) {
  // Source: tests/testdata/published.json "hmacSha1" (the OAuth wiki TestCases).
  Deno.test(`hmacSha1 reproduces published HMAC-SHA1 vector ${i + 1} (token secret ${JSON.stringify(v.tokenSecret)})`, async () => {
    const { signature } = await hmacSha1.sign(v.baseString, {
      consumerSecret: v.consumerSecret,
      tokenSecret: v.tokenSecret,
    });
    assert.equal(signature, v.signature);
  });
}

for (const v of vectors.requests) {
  // Source: tests/testdata/published.json "requests", each naming its source.
  const name = v.oauth.oauth_signature_method;
  Deno.test(`signatureMethod("${name}") signs the base string of the published request "${v.id}"`, async () => {
    const { signature } = await signatureMethod(name as SignatureMethodName)
      .sign(v.expected.baseString, {
        consumerSecret: v.consumerSecret,
        tokenSecret: v.tokenSecret,
      });
    assert.equal(signature, v.expected.signature);
  });
}

Deno.test("hmacSha1 signs RFC 5849 §1.2's photo request as published", async () => {
  // Source: RFC 5849 §1.2, oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D".
  const { signature } = await hmacSha1.sign(PHOTOS_BASE_STRING, {
    consumerSecret: "kd94hf93k423kf44",
    tokenSecret: "pfkkdhi9sl3r4s00",
  });
  assert.equal(signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
});

for (
  const [method, hash] of [[hmacSha1, "sha1"], [hmacSha256, "sha256"], [
    hmacSha512,
    "sha512",
  ]] as const
) {
  Deno.test(`${method.name} equals node:crypto's HMAC-${hash.toUpperCase()} keyed with "encode(cs)&encode(ts)"`, async () => {
    const baseString = "POST&https%3A%2F%2Fapi.example.com%2F&a%3D%25C3%25A9";
    const secrets = { consumerSecret: "c s&x", tokenSecret: "t~é" };
    const key = "c%20s%26x&t~%C3%A9"; // written out by hand from §3.6
    const expected = createHmac(hash, key).update(baseString).digest();
    const result = await method.sign(baseString, secrets);
    assert.equal(result.signature, expected.toString("base64"));
    assert.deepEqual(result.digest, new Uint8Array(expected));
  });
}

Deno.test("the HMAC methods agree with oauthlib on unicode base strings and secrets", async () => {
  const cases = [
    ["SHA-1", "GET&http%3A%2F%2Fe.com%2F&", "cs", ""],
    ["SHA-1", "bs", "c&s", "t s"],
    ["SHA-256", "POST&x&y", "日本", "🔑"],
    ["SHA-256", "é", "", ""],
    [
      "SHA-512",
      "GET&http%3A%2F%2Fe.com%2F&a%3D1",
      "kd94hf93k423kf44",
      "pfkkdhi9sl3r4s00",
    ],
    ["SHA-512", "bs", "~-._", "%41"],
  ] as const;
  const expected = await oracle(
    "signature.sign_hmac",
    `import json, sys
from oauthlib.oauth1.rfc5849.signature import _sign_hmac
print(json.dumps([_sign_hmac(*c) for c in json.load(sys.stdin)]))`,
    cases,
  );
  const methods = {
    "SHA-1": hmacSha1,
    "SHA-256": hmacSha256,
    "SHA-512": hmacSha512,
  };
  const ours = [];
  for (const [hash, baseString, consumerSecret, tokenSecret] of cases) {
    ours.push(
      (await methods[hash].sign(baseString, { consumerSecret, tokenSecret }))
        .signature,
    );
  }
  assert.deepEqual(ours, expected);
});

Deno.test("hmacSha1 signs correctly with each of several secret pairs in turn (its key cache is keyed by the secrets)", async () => {
  const pairs = [["a", "b"], ["a", ""], ["b", "a"], ["a&", ""], ["a", "b"]];
  for (const [consumerSecret, tokenSecret] of pairs) {
    const expected = createHmac(
      "sha1",
      signingKey(consumerSecret!, tokenSecret),
    ).update("bs").digest("base64");
    const { signature } = await hmacSha1.sign("bs", {
      consumerSecret: consumerSecret!,
      tokenSecret,
    });
    assert.equal(signature, expected, `${consumerSecret}/${tokenSecret}`);
  }
});

Deno.test("hmacSha1 treats an absent token secret as empty, keeping the &", async () => {
  const expected = createHmac("sha1", "cs&").update("bs").digest("base64");
  assert.equal(
    (await hmacSha1.sign("bs", { consumerSecret: "cs" })).signature,
    expected,
  );
  // Source: tests/testdata/published.json "hmacSha1" vector 1 (cs, empty ts).
  assert.equal(expected, "egQqG5AJep5sJ7anhXju1unge2I=");
});

Deno.test("plaintext signs with the signing key itself and ignores the base string", async () => {
  // Source: RFC 5849 §3.4.4: "djr9rjt0jd78jf88&jjd999tj88uiths3".
  const secrets = {
    consumerSecret: "djr9rjt0jd78jf88",
    tokenSecret: "jjd999tj88uiths3",
  };
  assert.deepEqual(await plaintext.sign("anything", secrets), {
    signature: "djr9rjt0jd78jf88&jjd999tj88uiths3",
    digest: undefined,
  });
  assert.equal(
    (await plaintext.sign("other", secrets)).signature,
    "djr9rjt0jd78jf88&jjd999tj88uiths3",
  );
  assert.equal(
    (await plaintext.sign("", { consumerSecret: "a b" })).signature,
    "a%20b&",
  );
});

for (
  const [method, hash] of [[rsaSha1, "SHA-1"], [rsaSha256, "SHA-256"]] as const
) {
  Deno.test(`${method.name} signs with a PKCS#8 PEM key, and the signature verifies with Web Crypto's ${hash}`, async () => {
    const { signature, digest } = await method.sign(PHOTOS_BASE_STRING, {
      consumerSecret: "",
      privateKey: rsaKey.pem,
    });
    assert.equal(digest!.byteLength, 256);
    assert.equal(digest!.toBase64(), signature);
    assert.equal(
      await verifyRsa(rsaKey, hash, PHOTOS_BASE_STRING, signature),
      true,
    );
    assert.equal(
      await verifyRsa(rsaKey, hash, PHOTOS_BASE_STRING + "x", signature),
      false,
    );
  });
}

Deno.test("rsaSha1 and rsaSha256 give the same signatures as oauthlib with the same PKCS#8 key", async () => {
  const baseStrings = [
    PHOTOS_BASE_STRING,
    "POST&https%3A%2F%2Fe.com%2F&q%3D%25C3%25A9",
  ];
  const expected = await oracle(
    "signature.sign_rsa",
    `import json, sys
from oauthlib.oauth1.rfc5849.signature import _sign_rsa
d = json.load(sys.stdin)
print(json.dumps([_sign_rsa(h, b, d["pem"]) for h in ("SHA-1", "SHA-256") for b in d["baseStrings"]]))`,
    { pem: rsaKey.pem, baseStrings },
  );
  const ours = [];
  for (const method of [rsaSha1, rsaSha256]) {
    for (const baseString of baseStrings) {
      ours.push(
        (await method.sign(baseString, {
          consumerSecret: "",
          privateKey: rsaKey.pem,
        })).signature,
      );
    }
  }
  assert.deepEqual(ours, expected);
});

Deno.test("rsaSha1 accepts an imported CryptoKey as well as a PEM", async () => {
  const der = Uint8Array.fromBase64(
    rsaKey.pem.replace(/-----[A-Z ]+-----|\s/g, ""),
  );
  const key = await crypto.subtle.importKey(
    "pkcs8",
    der,
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const fromKey = await rsaSha1.sign("bs", {
    consumerSecret: "",
    privateKey: key,
  });
  const fromPem = await rsaSha1.sign("bs", {
    consumerSecret: "",
    privateKey: rsaKey.pem,
  });
  assert.equal(fromKey.signature, fromPem.signature);
});

Deno.test("rsaSha1 signs with each of two keys in turn (its key cache is keyed by the PEM)", async () => {
  const other = await newRsaTestKey();
  for (const key of [rsaKey, other, rsaKey]) {
    const { signature } = await rsaSha1.sign("bs", {
      consumerSecret: "",
      privateKey: key.pem,
    });
    assert.equal(await verifyRsa(key, "SHA-1", "bs", signature), true);
  }
});

Deno.test("rsaSha1 refuses a PKCS#1 PEM with an OAuthError invalid_key that says how to convert it", async () => {
  const pkcs1 = rsaKey.pkcs1Pem;
  assert.match(pkcs1, /^-----BEGIN RSA PRIVATE KEY-----/);
  const error = await expectError(
    () => rsaSha1.sign("bs", { consumerSecret: "", privateKey: pkcs1 }),
    OAuthError,
    'Cannot import RSA-SHA1 key: key must be PKCS#8 ("BEGIN PRIVATE KEY"): current key is PKCS#1 ("BEGIN RSA PRIVATE KEY"); convert it with "openssl pkcs8 -topk8 -nocrypt"',
  );
  assert.equal(error.code, "invalid_key");
  assert.ok(!error.message.includes(pkcs1.split("\n")[1]!));
});

Deno.test("rsaSha256 refuses text that is not a PEM block with an OAuthError invalid_key", async () => {
  const error = await expectError(
    () =>
      rsaSha256.sign("bs", {
        consumerSecret: "",
        privateKey: "my-secret-not-a-key",
      }),
    OAuthError,
    'Cannot import RSA-SHA256 key: key must be a PEM block "BEGIN PRIVATE KEY"',
  );
  assert.equal(error.code, "invalid_key");
});

Deno.test("rsaSha1 refuses a PEM block whose bytes are not an RSA key, keeping Web Crypto's error as the cause", async () => {
  const pem =
    "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----";
  const error = await expectError(
    () => rsaSha1.sign("bs", { consumerSecret: "", privateKey: pem }),
    OAuthError,
    "Cannot import RSA-SHA1 key: Web Crypto refused the PKCS#8 RSA key",
  );
  assert.equal(error.code, "invalid_key");
  assert.ok(error.cause instanceof Error);
});

Deno.test("rsaSha1 refuses to sign without a private key", async () => {
  await expectError(
    () => rsaSha1.sign("bs", { consumerSecret: "cs" }),
    TypeError,
    "Cannot sign with RSA-SHA1: credentials must include a privateKey (PKCS#8 PEM or CryptoKey)",
  );
});

Deno.test("each built-in method names itself and describes its key structure", () => {
  const hmacKey =
    "percent-encoded consumer secret & percent-encoded token secret";
  assert.deepEqual(
    [hmacSha1, hmacSha256, hmacSha512, plaintext, rsaSha1, rsaSha256].map((
      m,
    ) => [m.name, m.keyStructure]),
    [
      ["HMAC-SHA1", hmacKey],
      ["HMAC-SHA256", hmacKey],
      ["HMAC-SHA512", hmacKey],
      ["PLAINTEXT", hmacKey],
      ["RSA-SHA1", "RSA private key (PKCS#8)"],
      ["RSA-SHA256", "RSA private key (PKCS#8)"],
    ],
  );
});

Deno.test("signatureMethod() finds each built-in method by name and passes a custom one through", () => {
  assert.equal(signatureMethod("HMAC-SHA1"), hmacSha1);
  assert.equal(signatureMethod("HMAC-SHA256"), hmacSha256);
  assert.equal(signatureMethod("HMAC-SHA512"), hmacSha512);
  assert.equal(signatureMethod("PLAINTEXT"), plaintext);
  assert.equal(signatureMethod("RSA-SHA1"), rsaSha1);
  assert.equal(signatureMethod("RSA-SHA256"), rsaSha256);
  const custom: SignatureMethod = {
    name: "X-CUSTOM",
    keyStructure: "none",
    sign: () => Promise.resolve({ signature: "s", digest: undefined }),
  };
  assert.equal(signatureMethod(custom), custom);
});

Deno.test("signatureMethod() refuses an unknown name, and names inherited from Object", async () => {
  for (const name of ["hmac-sha1", "HMAC-MD5", "toString", "__proto__"]) {
    await expectError(
      () => signatureMethod(name as SignatureMethodName),
      TypeError,
      `Cannot sign: signature method must be one of ${METHOD_NAMES}: current method is "${name}"`,
    );
  }
});
