// steps/node_crypto.ts: the signature methods on node:crypto give the Web
// Crypto methods' answers (published vectors, oauthlib's recordings), refuse
// what they refuse, and plug into signRequest(), verifyRequest(),
// createOAuthFetch() and the Hono middleware.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { Hono } from "hono";
import { OAuthError } from "../../core/errors.ts";
import {
  createOAuthFetch,
  memoryNonceStore,
  type SignOptions,
  signRequest,
  verifyRequest,
} from "../../mod.ts";
import { oauth1 } from "../../server/hono.ts";
import {
  NODE_CRYPTO_SIGNATURE_METHODS,
  nodeHmacSha1,
  nodeHmacSha256,
  nodeHmacSha512,
  nodeRsaSha1,
  nodeRsaSha256,
} from "../../steps/node_crypto.ts";
import {
  type BuiltInSignatureMethod,
  builtInSignatureMethod,
  SIGNATURE_METHODS,
  type SignatureMethodName,
} from "../../steps/signature.ts";
import { recordings } from "../support/oracle.ts";
import {
  expectError,
  lookupOf,
  newRsaTestKey,
  rsaTestKey,
} from "../support/support.ts";
import vectors from "../testdata/published.json" with { type: "json" };

const rsaKey = await rsaTestKey();
const BOTH = [
  ["Web Crypto", SIGNATURE_METHODS],
  ["node:crypto", NODE_CRYPTO_SIGNATURE_METHODS],
] as const;

function nodeMethod(name: string): BuiltInSignatureMethod {
  return NODE_CRYPTO_SIGNATURE_METHODS.find((m) => m.name === name)!;
}

/** What both method sets sign for the base string, Web Crypto's first. */
async function signBoth(
  name: string,
  baseString: string,
  secrets: {
    consumerSecret: string;
    tokenSecret?: string;
    privateKey?: string;
  },
): Promise<[string, string]> {
  const web = await builtInSignatureMethod(name)!.sign(baseString, secrets);
  const node = await nodeMethod(name).sign(baseString, secrets);
  assert.deepEqual(node.digest, web.digest);
  return [web.signature, node.signature];
}

Deno.test("NODE_CRYPTO_SIGNATURE_METHODS has the rows of SIGNATURE_METHODS, in order, with the same facts", () => {
  const facts = (m: BuiltInSignatureMethod) => [
    m.name,
    m.section,
    m.family,
    m.hash,
    m.digestBytes,
    m.keyStructure,
  ];
  assert.deepEqual(
    NODE_CRYPTO_SIGNATURE_METHODS.map(facts),
    SIGNATURE_METHODS.map(facts),
  );
  assert.deepEqual(
    [nodeHmacSha1, nodeHmacSha256, nodeHmacSha512, nodeRsaSha1, nodeRsaSha256]
      .map((m) => m.name),
    ["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256"],
  );
  // Only PLAINTEXT, which computes nothing, is the Web method itself.
  const shared = NODE_CRYPTO_SIGNATURE_METHODS.filter((m, i) =>
    m === SIGNATURE_METHODS[i]
  );
  assert.deepEqual(shared.map((m) => m.name), ["PLAINTEXT"]);
});

Deno.test("the node:crypto methods sign and verify without Web Crypto", async () => {
  const subtle = crypto.subtle;
  const calls: string[] = [];
  // Stubs on the instance hide SubtleCrypto.prototype's methods, and record a call.
  for (const name of ["sign", "verify", "importKey"] as const) {
    Object.defineProperty(subtle, name, {
      configurable: true,
      value: () => calls.push(name),
    });
  }
  try {
    const secrets = { consumerSecret: "cs", tokenSecret: "ts" };
    for (const method of [nodeHmacSha1, nodeHmacSha256, nodeHmacSha512]) {
      const { signature } = await method.sign("bs", secrets);
      assert.ok(await method.verify!("bs", signature, secrets));
    }
    for (const method of [nodeRsaSha1, nodeRsaSha256]) {
      const { signature } = await method.sign("bs", {
        consumerSecret: "",
        privateKey: rsaKey.pem,
      });
      assert.ok(
        await method.verify!("bs", signature, {
          consumerSecret: "",
          publicKey: rsaKey.publicPem,
        }),
      );
    }
  } finally {
    for (const name of ["sign", "verify", "importKey"] as const) {
      delete (subtle as unknown as Record<string, unknown>)[name];
    }
  }
  assert.deepEqual(calls, []);
  assert.equal(typeof crypto.subtle.sign, "function"); // the prototype's again
});

for (const [i, v] of vectors.hmacSha1.entries()) {
  // Source: tests/testdata/published.json "hmacSha1" (the OAuth wiki TestCases).
  Deno.test(`nodeHmacSha1 reproduces published HMAC-SHA1 vector ${i + 1}, as hmacSha1 does`, async () => {
    const secrets = {
      consumerSecret: v.consumerSecret,
      tokenSecret: v.tokenSecret,
    };
    assert.deepEqual(
      await signBoth("HMAC-SHA1", v.baseString, secrets),
      [v.signature, v.signature],
    );
    assert.ok(await nodeHmacSha1.verify!(v.baseString, v.signature, secrets));
  });
}

function vectorLookup(v: (typeof vectors.requests)[number]) {
  return lookupOf({
    consumerKey: v.oauth.oauth_consumer_key,
    consumerSecret: v.consumerSecret,
    token: (v.oauth as Record<string, string>).oauth_token,
    tokenSecret: v.tokenSecret,
  });
}

for (const v of vectors.requests) {
  // Source: tests/testdata/published.json "requests", each naming its source.
  const oauth = v.oauth as Record<string, string>;
  const name = oauth.oauth_signature_method as SignatureMethodName;
  Deno.test(`both method sets sign and verify the published request "${v.id}" alike`, async () => {
    const signatures = [];
    for (const [, methods] of BOTH) {
      const signed = await signRequest(
        {
          method: v.method,
          url: v.url,
          headers: "contentType" in v ? { "content-type": v.contentType } : {},
          body: "body" in v ? v.body : null,
        },
        {
          consumerKey: oauth.oauth_consumer_key!,
          consumerSecret: v.consumerSecret,
          token: oauth.oauth_token,
          tokenSecret: v.tokenSecret,
        },
        {
          signatureMethod: methods.find((m) => m.name === name)!,
          nonce: oauth.oauth_nonce!,
          timestamp: Number(oauth.oauth_timestamp),
          version: oauth.oauth_version === "1.0" ? "1.0" : false,
          ...(oauth.oauth_callback ? { callback: oauth.oauth_callback } : {}),
          ...(oauth.oauth_verifier ? { verifier: oauth.oauth_verifier } : {}),
        },
      );
      signatures.push(signed.signature);
      const verdicts = [];
      for (const [, accepted] of BOTH) {
        const result = await verifyRequest(
          signed.toRequest(),
          vectorLookup(v),
          {
            signatureMethods: accepted,
            now: Number(oauth.oauth_timestamp),
            allowPlaintextOverHttp: true,
            nonceStore: memoryNonceStore(),
          },
        );
        verdicts.push(result.ok);
      }
      assert.deepEqual(verdicts, [true, true]);
    }
    assert.deepEqual(signatures, [v.expected.signature, v.expected.signature]);
  });
}

Deno.test("both method sets give oauthlib's recorded HMAC and RSA signatures", async () => {
  const all = await recordings();
  const hmac = all.find((r) => r.name === "signature.sign_hmac")!;
  const cases = hmac.input as [string, string, string, string][];
  const expected = hmac.output as string[];
  assert.equal(cases.length, expected.length);
  for (
    const [i, [hash, baseString, consumerSecret, tokenSecret]] of cases
      .entries()
  ) {
    const name = `HMAC-${hash.replace("-", "")}`;
    assert.deepEqual(
      await signBoth(name, baseString, { consumerSecret, tokenSecret }),
      [expected[i], expected[i]],
    );
  }
  const rsa = all.find((r) => r.name === "signature.sign_rsa")!;
  const { pem, baseStrings } = rsa.input as {
    pem: string;
    baseStrings: string[];
  };
  const ours = [];
  for (const name of ["RSA-SHA1", "RSA-SHA256"]) {
    for (const baseString of baseStrings) {
      const [web, node] = await signBoth(name, baseString, {
        consumerSecret: "",
        privateKey: pem,
      });
      assert.equal(node, web);
      ours.push(node);
    }
  }
  assert.deepEqual(ours, rsa.output);
});

Deno.test("both method sets accept every request oauthlib's Client signed, and refuse it changed", async () => {
  const recording = (await recordings()).find((r) =>
    r.name === "verify.oauthlib_client_sign"
  )!;
  const inputs = recording.input as Record<string, string | null>[];
  const outputs = recording.output as {
    uri: string;
    headers: Record<string, string>;
    body: string;
  }[];
  assert.equal(inputs.length, outputs.length);
  for (const [i, input] of inputs.entries()) {
    const signed = outputs[i]!;
    const lookup = {
      consumer: () =>
        Promise.resolve({
          secret: input.client_secret ?? "",
          publicKey: rsaKey.publicPem,
        }),
      token: () => Promise.resolve({ secret: input.resource_owner_secret! }),
    };
    assert.equal(input.rsa_key ?? rsaKey.pem, rsaKey.pem);
    for (
      const [uri, expected] of [[signed.uri, true], [
        `${signed.uri}&x=1`,
        false,
      ]] as const
    ) {
      const verdicts = [];
      for (const [, methods] of BOTH) {
        const result = await verifyRequest(
          new Request(uri, {
            method: "POST",
            headers: signed.headers,
            body: signed.body,
          }),
          lookup,
          {
            signatureMethods: methods,
            now: Number(input.timestamp),
            allowPlaintextOverHttp: true,
            nonceStore: memoryNonceStore(),
          },
        );
        verdicts.push(result.ok || result.problem.code);
      }
      const want = expected || "signature_invalid";
      // PLAINTEXT signs no request part: a changed query still verifies.
      const plaintext = input.signature_method === "PLAINTEXT";
      assert.deepEqual(
        verdicts,
        plaintext ? [true, true] : [want, want],
        `${i}`,
      );
    }
  }
});

Deno.test("the node:crypto methods refuse a signature that is not canonical base64, as the Web methods do", async () => {
  const secrets = { consumerSecret: "kd94hf93k423kf44", tokenSecret: "ts" };
  const rsaSecrets = { consumerSecret: "", publicKey: rsaKey.publicPem };
  for (
    const [web, node] of [["HMAC-SHA1"], ["HMAC-SHA256"], ["HMAC-SHA512"], [
      "RSA-SHA1",
    ], ["RSA-SHA256"]].map((
      [n],
    ) => [builtInSignatureMethod(n!)!, nodeMethod(n!)])
  ) {
    const rsa = web!.family === "RSA";
    const { signature } = await node!.sign(
      "bs",
      rsa ? { consumerSecret: "", privateKey: rsaKey.pem } : secrets,
    );
    const verifying = rsa ? rsaSecrets : secrets;
    const alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const padded = signature.replace(/=+$/, "");
    const last = alphabet.indexOf(padded.at(-1)!);
    const spellings = [
      signature.replace(/=+$/, ""), // no padding
      signature.replaceAll("+", "-").replaceAll("/", "_"), // base64url
      `${signature.slice(0, 8)}\n${signature.slice(8)}`, // white space
      `${padded.slice(0, -1)}${alphabet[last ^ 1]}${
        signature.slice(padded.length)
      }`, // padding bits
      signature.slice(0, -4), // a digest too short
      `${signature}AAAA`, // too long
      "",
    ];
    for (const spelled of spellings) {
      if (spelled === signature) continue;
      const verdicts = [
        await web!.verify!("bs", spelled, verifying),
        await node!.verify!("bs", spelled, verifying),
      ];
      assert.deepEqual(
        verdicts,
        [false, false],
        `${web!.name} ${JSON.stringify(spelled)}`,
      );
    }
    assert.deepEqual(
      [
        await web!.verify!("bs", signature, verifying),
        await node!.verify!("bs", signature, verifying),
      ],
      [true, true],
    );
  }
});

Deno.test("the node:crypto RSA methods refuse the keys the Web methods refuse, with the same OAuthError", async () => {
  const ec = await crypto.subtle.generateKey(
    { name: "ECDSA", namedCurve: "P-256" },
    true,
    ["sign", "verify"],
  );
  const pem = (label: string, der: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${
      new Uint8Array(der).toBase64()
    }\n-----END ${label}-----\n`;
  const keys = [
    rsaKey.pkcs1Pem,
    "my-secret-not-a-key",
    "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ\n-----END PRIVATE KEY-----",
    pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", ec.privateKey)),
  ];
  for (const name of ["RSA-SHA1", "RSA-SHA256"]) {
    for (const privateKey of keys) {
      const errors = [];
      for (const method of [builtInSignatureMethod(name)!, nodeMethod(name)]) {
        errors.push(
          await expectError(
            () => method.sign("bs", { consumerSecret: "", privateKey }),
            OAuthError,
            /^Cannot import RSA-SHA/,
          ),
        );
      }
      const [web, node] = errors;
      assert.equal(node!.code, "invalid_key");
      assert.equal(web!.code, "invalid_key");
      // The engine is named where it refused the bytes; nothing else differs.
      assert.equal(
        node!.message,
        web!.message.replace("Web Crypto refused", "node:crypto refused"),
      );
      assert.equal(node!.cause instanceof Error, web!.cause instanceof Error);
    }
    const publicKeys = [
      rsaKey.pem,
      pem("PUBLIC KEY", await crypto.subtle.exportKey("spki", ec.publicKey)),
    ];
    for (const publicKey of publicKeys) {
      const messages = [];
      for (const method of [builtInSignatureMethod(name)!, nodeMethod(name)]) {
        const error = await expectError(
          () => method.verify!("bs", "AAAA", { consumerSecret: "", publicKey }),
          OAuthError,
          /^Cannot import RSA-SHA\S+ public key: /,
        );
        messages.push(error.message.replace("Web Crypto", "node:crypto"));
      }
      assert.equal(messages[0], messages[1]);
    }
  }
});

Deno.test("the node:crypto RSA methods ask for a key as the Web methods do", async () => {
  for (const name of ["RSA-SHA1", "RSA-SHA256"]) {
    await expectError(
      () => nodeMethod(name).sign("bs", { consumerSecret: "cs" }),
      TypeError,
      `Cannot sign with ${name}: credentials must include a privateKey (PKCS#8 PEM or CryptoKey)`,
    );
    await expectError(
      () => nodeMethod(name).verify!("bs", "AAAA", { consumerSecret: "cs" }),
      TypeError,
      `Cannot verify ${name}: secrets must include a publicKey (SPKI PEM or CryptoKey)`,
    );
  }
});

Deno.test("the node:crypto HMAC methods refuse secrets that are not strings, as a rejected promise", async () => {
  const promise = nodeHmacSha1.sign("bs", {
    consumerSecret: 7 as unknown as string,
  });
  assert.ok(promise instanceof Promise);
  await assert.rejects(
    promise,
    new TypeError(
      "Cannot build signing key: consumer secret and token secret must be strings",
    ),
  );
});

Deno.test("nodeRsaSha1 takes a CryptoKey, through Web Crypto, and a PEM, each giving the same signature", async () => {
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
  const fromKey = await nodeRsaSha1.sign("bs", {
    consumerSecret: "",
    privateKey: key,
  });
  const [, fromPem] = await signBoth("RSA-SHA1", "bs", {
    consumerSecret: "",
    privateKey: rsaKey.pem,
  });
  assert.equal(fromKey.signature, fromPem);
});

Deno.test("the node:crypto methods sign with each of several secret pairs and keys in turn (their caches are keyed by them)", async () => {
  for (
    const [consumerSecret, tokenSecret] of [["a", "b"], ["a", ""], ["b", "a"], [
      "a&",
      "",
    ], ["a", "b"]]
  ) {
    const [web, node] = await signBoth("HMAC-SHA256", "bs", {
      consumerSecret: consumerSecret!,
      tokenSecret: tokenSecret!,
    });
    assert.equal(node, web, `${consumerSecret}/${tokenSecret}`);
  }
  const other = await newRsaTestKey();
  for (const key of [rsaKey, other, rsaKey]) {
    const [web, node] = await signBoth("RSA-SHA256", "bs", {
      consumerSecret: "",
      privateKey: key.pem,
    });
    assert.equal(node, web);
    assert.ok(
      await nodeRsaSha256.verify!("bs", node, {
        consumerSecret: "",
        publicKey: key.publicPem,
      }),
    );
  }
});

Deno.test("the node:crypto HMAC methods equal createHmac for keys shorter than, as long as and longer than the hash's block", async () => {
  // RFC 2104 §2: a key longer than the block (64 bytes for SHA-1 and
  // SHA-256, 128 for SHA-512) is hashed first; a shorter one is padded.
  for (
    const [method, hash] of [
      [nodeHmacSha1, "sha1"],
      [nodeHmacSha256, "sha256"],
      [nodeHmacSha512, "sha512"],
    ] as const
  ) {
    for (const length of [1, 63, 64, 65, 127, 128, 129, 300]) {
      const consumerSecret = "k".repeat(length - 1);
      const key = `${consumerSecret}&`; // signingKey(): "&" and no token secret
      const baseString = `GET&x&n%3D${length}`;
      const expected = createHmac(hash, key).update(baseString).digest(
        "base64",
      );
      const { signature } = await method.sign(baseString, { consumerSecret });
      assert.equal(signature, expected, `${hash}, a key of ${length} bytes`);
      assert.equal(
        (await signBoth(method.name, baseString, { consumerSecret }))[1],
        signature,
      );
    }
  }
});

const CLIENT = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
};

Deno.test("createOAuthFetch() signs with a node:crypto method it is given", async () => {
  // The verifier's store begins before the request is signed.
  const nonceStore = memoryNonceStore();
  const sent: Request[] = [];
  const oauthFetch = createOAuthFetch(CLIENT, {
    signatureMethod: nodeHmacSha512,
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(new Response("ok"));
    },
  });
  await oauthFetch("https://photos.example.net/photos?size=original");
  assert.match(
    sent[0]!.headers.get("authorization")!,
    /oauth_signature_method="HMAC-SHA512"/,
  );
  const result = await verifyRequest(sent[0]!, lookupOf(CLIENT), {
    signatureMethods: [nodeHmacSha512],
    nonceStore,
  });
  assert.ok(result.ok);
});

Deno.test("the Hono middleware verifies with the node:crypto methods it is given, and only those", async () => {
  const app = new Hono();
  app.use(
    "/photos",
    oauth1(lookupOf(CLIENT), {
      signatureMethods: [nodeHmacSha256],
      nonceStore: memoryNonceStore(),
    }),
  );
  app.get("/photos", (c) => c.text("ok"));
  const sign = async (signatureMethod: SignOptions["signatureMethod"]) =>
    (await signRequest(
      { method: "GET", url: "http://photos.example.net/photos" },
      CLIENT,
      { ...(signatureMethod && { signatureMethod }) },
    )).toRequest();
  const accepted = await app.request(await sign(nodeHmacSha256));
  assert.equal(accepted.status, 200);
  const refused = await app.request(await sign("HMAC-SHA1"));
  assert.equal(refused.status, 400);
  assert.match(
    refused.headers.get("www-authenticate")!,
    /oauth_problem="signature_method_rejected"/,
  );
});
