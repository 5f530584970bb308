// The checks `deno task runtimes` runs in every runtime: Deno, Node, Bun,
// workerd and Chromium. Runtime-neutral on purpose: no Deno.*, no node:*,
// no imports at all. The caller hands in the bundle's exports (the library),
// tests/testdata/published.json (the vectors) and, where node:crypto exists
// (Deno, Node, Bun), the exports of the node-crypto bundle; the answer is one
// { name, ok, detail? } per check.

// OAuth Request Body Hash 1.0 (Draft 4), its example: the body
// "Hello World!" has oauth_body_hash "Lve95gjOVATpfV8EL5X4nxwjKHE=". The
// SHA-256 digest of the same body was computed with Python's hashlib.
const BODY = "Hello World!";
const BODY_SHA1 = "Lve95gjOVATpfV8EL5X4nxwjKHE=";
const BODY_SHA256 = "f4OxZX/x/FO5LcGBSKHWXfwtSx+j1ncoSt3SABJtkGk=";

/**
 * Runs every check and reports each one; never throws.
 *
 * @param {Record<string, any>} lib The exports of dist/oauth1_steps.js.
 * @param {{ requests: any[] }} vectors tests/testdata/published.json.
 * @param {Record<string, any>} [nodeCrypto] The exports of the node-crypto
 * bundle (@oauth1/steps/node-crypto), where the runtime has node:crypto.
 * @returns {Promise<{ name: string, ok: boolean, detail?: string }[]>}
 */
export async function runChecks(lib, vectors, nodeCrypto) {
  const results = [];
  async function check(name, fn) {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({
        name,
        ok: false,
        detail: String(error?.message ?? error),
      });
    }
  }

  for (const v of vectors.requests) {
    await check(`sign reproduces the published vector ${v.id}`, async () => {
      const signed = await lib.signRequest(
        vectorRequest(v),
        vectorCredentials(v),
        vectorOptions(v),
      );
      same(signed.baseString, v.expected.baseString, "base string");
      // Not quoted: a PLAINTEXT signature is the secrets themselves.
      if (signed.signature !== v.expected.signature) {
        throw new Error("signature differs from the published one");
      }
    });
    await check(`verify accepts the published vector ${v.id}`, async () => {
      const result = await verifyVector(lib, v, v.expected.signature);
      accepted(result);
    });
  }

  const client = {
    consumerKey: "runtime-client",
    consumerSecret: "runtime-consumer-secret",
    token: "runtime-token",
    tokenSecret: "runtime-token-secret",
  };
  const lookup = {
    consumer: (key) =>
      Promise.resolve(
        key === client.consumerKey
          ? { secret: client.consumerSecret }
          : undefined,
      ),
    token: (token) =>
      Promise.resolve(
        token === client.token ? { secret: client.tokenSecret } : undefined,
      ),
  };

  await check(
    "sign makes its own nonce and timestamp, and verify accepts them",
    async () => {
      const request = {
        method: "GET",
        url: "https://api.example/items?page=2",
      };
      const first = await lib.signRequest(request, client);
      const second = await lib.signRequest(request, client);
      const nonce = parameter(first, "oauth_nonce");
      if (!/^[0-9A-Za-z]{16,}$/.test(nonce)) {
        throw new Error(`nonce is not 16+ letters and digits: ${nonce}`);
      }
      if (nonce === parameter(second, "oauth_nonce")) {
        throw new Error("two signatures share a nonce");
      }
      const timestamp = Number(parameter(first, "oauth_timestamp"));
      if (Math.abs(timestamp - Date.now() / 1000) > 5) {
        throw new Error(`timestamp ${timestamp} is not the clock's`);
      }
      const result = await lib.verifyRequest(first.toRequest(), lookup, {
        nonceStore: lib.memoryNonceStore(),
      });
      accepted(result);
    },
  );

  for (
    const [hash, digest] of [["SHA-1", BODY_SHA1], ["SHA-256", BODY_SHA256]]
  ) {
    await check(
      `sign hashes a text body with ${hash} (oauth_body_hash), and verify accepts it`,
      async () => {
        const signed = await lib.signRequest(
          {
            method: "POST",
            url: "https://api.example/notes",
            headers: { "content-type": "text/plain" },
            body: BODY,
          },
          client,
          { bodyHash: hash, nonce: "body-hash-nonce", timestamp: 1795898400 },
        );
        same(parameter(signed, "oauth_body_hash"), digest, "oauth_body_hash");
        const result = await lib.verifyRequest(signed.toRequest(), lookup, {
          now: 1795898400,
          nonceStore: lib.memoryNonceStore(),
        });
        accepted(result);
      },
    );
  }

  await check(
    "RSA-SHA256 with a key made here: sign, check with crypto.subtle, verify",
    async () => {
      const { keys, privateKey, publicKey } = await rsaKeyPair();
      const signed = await lib.signRequest(
        { method: "GET", url: "https://api.example/photos?size=original" },
        { consumerKey: "rsa-client", consumerSecret: "", privateKey },
        { signatureMethod: "RSA-SHA256" },
      );
      const bytes = Uint8Array.from(
        atob(signed.signature),
        (c) => c.charCodeAt(0),
      );
      const valid = await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        keys.publicKey,
        bytes,
        new TextEncoder().encode(signed.baseString),
      );
      if (!valid) throw new Error("crypto.subtle.verify refuses the signature");
      const result = await lib.verifyRequest(
        signed.toRequest(),
        {
          consumer: (key) =>
            Promise.resolve(
              key === "rsa-client" ? { secret: "", publicKey } : undefined,
            ),
        },
        { nonceStore: lib.memoryNonceStore() },
      );
      accepted(result);
    },
  );

  await check(
    "verify refuses a signature spelled with other padding bits (signature_invalid)",
    async () => {
      // Flipping a padding bit names the same digest in non-canonical
      // base64, which oauthlib's string comparison refuses.
      const v = vectors.requests.find((r) =>
        r.oauth.oauth_signature_method === "HMAC-SHA1"
      );
      const spelled = otherPaddingBits(v.expected.signature);
      const result = await verifyVector(lib, v, spelled);
      if (result.ok) throw new Error("accepted");
      same(result.problem.code, "signature_invalid", "problem code");
    },
  );

  await check(
    "verify refuses a request changed after signing (signature_invalid)",
    async () => {
      const signed = await lib.signRequest(
        { method: "GET", url: "https://api.example/items?page=2" },
        client,
      );
      const tampered = new Request("https://api.example/items?page=3", {
        headers: { authorization: signed.authorization },
      });
      const result = await lib.verifyRequest(tampered, lookup, {
        nonceStore: lib.memoryNonceStore(),
      });
      if (result.ok) throw new Error("accepted");
      same(result.problem.code, "signature_invalid", "problem code");
    },
  );

  if (nodeCrypto) await nodeCryptoChecks(check, lib, vectors, nodeCrypto);
  return results;
}

/** The node-crypto methods give the Web Crypto methods' answers. */
async function nodeCryptoChecks(check, lib, vectors, nodeCrypto) {
  const methods = nodeCrypto.NODE_CRYPTO_SIGNATURE_METHODS;
  const named = (name) => methods.find((m) => m.name === name);
  for (const v of vectors.requests) {
    await check(
      `node-crypto signs and verifies the published vector ${v.id}`,
      async () => {
        const signed = await lib.signRequest(
          vectorRequest(v),
          vectorCredentials(v),
          {
            ...vectorOptions(v),
            signatureMethod: named(v.oauth.oauth_signature_method),
          },
        );
        if (signed.signature !== v.expected.signature) {
          throw new Error("signature differs from the published one");
        }
        accepted(await verifyVector(lib, v, v.expected.signature, methods));
      },
    );
  }

  await check(
    "node-crypto RSA-SHA256 with a key made here: the Web method's signature, and both verifiers accept it",
    async () => {
      const { privateKey, publicKey } = await rsaKeyPair();
      const request = { method: "GET", url: "https://api.example/photos" };
      const client = {
        consumerKey: "rsa-client",
        consumerSecret: "",
        privateKey,
      };
      const options = { nonce: "rsa-nonce", timestamp: 1795898400 };
      const web = await lib.signRequest(request, client, {
        ...options,
        signatureMethod: "RSA-SHA256",
      });
      const node = await lib.signRequest(request, client, {
        ...options,
        signatureMethod: nodeCrypto.nodeRsaSha256,
      });
      same(node.signature, web.signature, "node-crypto's signature");
      for (const signatureMethods of [undefined, methods]) {
        const result = await lib.verifyRequest(
          node.toRequest(),
          {
            consumer: () => Promise.resolve({ secret: "", publicKey }),
          },
          {
            now: options.timestamp,
            nonceStore: lib.memoryNonceStore(),
            ...(signatureMethods && { signatureMethods }),
          },
        );
        accepted(result);
      }
    },
  );

  await check(
    "node-crypto refuses a signature spelled with other padding bits (signature_invalid)",
    async () => {
      const v = vectors.requests.find((r) =>
        r.oauth.oauth_signature_method === "HMAC-SHA1"
      );
      const result = await verifyVector(
        lib,
        v,
        otherPaddingBits(v.expected.signature),
        methods,
      );
      if (result.ok) throw new Error("accepted");
      same(result.problem.code, "signature_invalid", "problem code");
    },
  );
}

/** The same 20-byte digest in non-canonical base64: a padding bit flipped. */
function otherPaddingBits(signature) {
  // HMAC-SHA1: 28 characters ending in one "="; the last letter carries 2
  // unused bits.
  const alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const last = alphabet.indexOf(signature.at(-2));
  const spelled = `${signature.slice(0, -2)}${alphabet[last ^ 1]}=`;
  if (atob(spelled) !== atob(signature)) {
    throw new Error("the two spellings decode to different digests");
  }
  return spelled;
}

function vectorRequest(v) {
  return {
    method: v.method,
    url: v.url,
    headers: v.contentType ? { "content-type": v.contentType } : {},
    body: v.body ?? null,
  };
}

function vectorCredentials(v) {
  return {
    consumerKey: v.oauth.oauth_consumer_key,
    consumerSecret: v.consumerSecret,
    token: v.oauth.oauth_token,
    tokenSecret: v.tokenSecret,
  };
}

function vectorOptions(v) {
  const oauth = v.oauth;
  return {
    signatureMethod: oauth.oauth_signature_method,
    nonce: oauth.oauth_nonce,
    timestamp: Number(oauth.oauth_timestamp),
    version: oauth.oauth_version === "1.0" ? "1.0" : false,
    ...(oauth.oauth_callback ? { callback: oauth.oauth_callback } : {}),
    ...(oauth.oauth_verifier ? { verifier: oauth.oauth_verifier } : {}),
    ...(v.realm === undefined ? {} : { realm: v.realm }),
  };
}

/**
 * Verifies the vector's request as its client sent it, with `signature`,
 * accepting `signatureMethods` (every built-in Web Crypto one by default).
 */
function verifyVector(lib, v, signature, signatureMethods) {
  const oauth = Object.entries(v.oauth);
  oauth.push(["oauth_signature", signature]);
  const headers = new Headers({
    authorization: lib.authorizationHeader(oauth, v.realm),
  });
  if (v.contentType) headers.set("content-type", v.contentType);
  const request = new Request(v.url, {
    method: v.method,
    headers,
    ...(v.body === undefined ? {} : { body: v.body }),
  });
  return lib.verifyRequest(request, vectorLookup(v), {
    now: Number(v.oauth.oauth_timestamp),
    allowPlaintextOverHttp: true,
    nonceStore: lib.memoryNonceStore(),
    ...(signatureMethods && { signatureMethods }),
  });
}

function vectorLookup(v) {
  return {
    consumer: (key) =>
      Promise.resolve(
        key === v.oauth.oauth_consumer_key
          ? { secret: v.consumerSecret }
          : undefined,
      ),
    token: (token) =>
      Promise.resolve(
        token === v.oauth.oauth_token ? { secret: v.tokenSecret } : undefined,
      ),
  };
}

function accepted(result) {
  if (!result.ok) {
    const { code, detail } = result.problem;
    throw new Error(`refused: ${code}: ${detail}`);
  }
}

function parameter(signed, name) {
  const found = signed.oauthParameters.find(([n]) => n === name);
  if (!found) throw new Error(`${name} is missing`);
  return found[1];
}

function same(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(
      `${what} is ${JSON.stringify(actual)}, expected ${
        JSON.stringify(expected)
      }`,
    );
  }
}

/**
 * A 2048-bit RSA key pair made here for RSA-SHA256, as CryptoKeys and as PEM
 * text, so that the library's own base64 decoding is used too.
 */
async function rsaKeyPair() {
  const keys = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const privateKey = pem(
    "PRIVATE KEY",
    await crypto.subtle.exportKey("pkcs8", keys.privateKey),
  );
  const publicKey = pem(
    "PUBLIC KEY",
    await crypto.subtle.exportKey("spki", keys.publicKey),
  );
  return { keys, privateKey, publicKey };
}

function pem(label, der) {
  const base64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  const lines = base64.match(/.{1,64}/g).join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}
