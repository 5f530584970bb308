// signRequest(): the four steps composed, every option, the defaults, the
// placements and the errors.
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import {
  type Credentials,
  OAuthError,
  type RequestDescription,
  type SignOptions,
  signRequest,
} from "../../mod.ts";
import {
  deepFreeze,
  expectError,
  rsaTestKey,
  verifyRsa,
} from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import { formatTrace } from "../../client/trace.ts";
import { PROTOCOL_PARAMETERS } from "../../core/protocol.ts";
import { wrongSign } from "../support/wrong_signer.ts";

const FORM = "application/x-www-form-urlencoded";
const PHOTOS: Credentials = {
  // Source: RFC 5849 §1.2.
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
const FIXED = { nonce: "chapoH", timestamp: 137131202 } as const;
const rsaKey = await rsaTestKey();

function parameter(
  signed: { oauthParameters: readonly (readonly [string, string])[] },
  name: string,
): string | undefined {
  return signed.oauthParameters.find(([n]) => n === name)?.[1];
}

Deno.test("signRequest() signs RFC 5849 §1.2's photo request and returns every step's value", async () => {
  const signed = await signRequest(
    {
      method: "GET",
      url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
    },
    PHOTOS,
    { ...FIXED, version: false, realm: "Photos" },
  );
  assert.equal(signed.baseStringUri, "http://photos.example.net/photos");
  assert.equal(
    signed.normalizedParameters,
    "file=vacation.jpg&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_nonce=chapoH" +
      "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131202&oauth_token=nnch734d00sl2jdk&size=original",
  );
  assert.equal(
    signed.baseString,
    "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26" +
      "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26" +
      "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26" +
      "oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
  );
  assert.equal(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
  assert.deepEqual(signed.oauthParameters, [
    ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
    ["oauth_token", "nnch734d00sl2jdk"],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "137131202"],
    ["oauth_nonce", "chapoH"],
    ["oauth_signature", "MdpQcU8iPSUjWoN/UDMsK2sui9I="],
  ]);
  assert.equal(
    signed.authorization,
    'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ' +
      'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", ' +
      'oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
  );
});

Deno.test("signRequest() agrees with oauthlib's Client.sign() for every signature method, option and placement", async () => {
  type Case = {
    request: RequestDescription & { url: string; body?: string };
    credentials: Credentials;
    options: SignOptions;
  };
  const cases: Case[] = [
    {
      request: { method: "GET", url: "http://e.com/p?a=1&a=1&a=0" },
      credentials: PHOTOS,
      options: {},
    },
    {
      request: {
        method: "POST",
        url: "http://e.com/p?a=2",
        headers: { "content-type": FORM },
        body: "a=1&a=3&b=x+y",
      },
      credentials: PHOTOS,
      options: { placement: "body" },
    },
    {
      request: { method: "GET", url: "https://E.com:443/p?q=%C3%A9&r=a+b" },
      credentials: PHOTOS,
      options: { placement: "query" },
    },
    {
      request: { method: "GET", url: "http://e.com/p" },
      credentials: { consumerKey: "ck", consumerSecret: "c&s" },
      options: {
        signatureMethod: "HMAC-SHA256",
        realm: "R",
        callback: "http://cb.example/?x=1",
      },
    },
    {
      request: { method: "POST", url: "http://e.com/token" },
      credentials: PHOTOS,
      options: { signatureMethod: "HMAC-SHA512", verifier: "hfdp7dh39dks9884" },
    },
    {
      request: { method: "GET", url: "http://e.com/p?x=1" },
      credentials: PHOTOS,
      options: { signatureMethod: "PLAINTEXT" },
    },
    {
      request: { method: "GET", url: "http://e.com/p?x=1" },
      credentials: { ...PHOTOS, consumerSecret: "", privateKey: rsaKey.pem },
      options: { signatureMethod: "RSA-SHA1" },
    },
    {
      request: { method: "GET", url: "http://e.com/p?x=1" },
      credentials: { ...PHOTOS, consumerSecret: "", privateKey: rsaKey.pem },
      options: { signatureMethod: "RSA-SHA256" },
    },
  ];
  const ours: string[] = [];
  for (const { request, credentials, options } of cases) {
    ours.push(
      (await signRequest(request, credentials, { ...FIXED, ...options }))
        .signature,
    );
  }
  const expected = await oracle(
    "sign.client_sign",
    `import json, re, sys
from urllib.parse import unquote
from oauthlib.oauth1 import Client
out = []
for c in json.load(sys.stdin):
    r, cr, o = c["request"], c["credentials"], c["options"]
    client = Client(cr["consumerKey"], client_secret=cr["consumerSecret"],
        resource_owner_key=cr.get("token"), resource_owner_secret=cr.get("tokenSecret"),
        signature_method=o.get("signatureMethod", "HMAC-SHA1"), rsa_key=cr.get("privateKey"),
        signature_type={"header": "AUTH_HEADER", "query": "QUERY", "body": "BODY"}[o.get("placement", "header")],
        realm=o.get("realm"), callback_uri=o.get("callback"), verifier=o.get("verifier"),
        nonce="${FIXED.nonce}", timestamp="${FIXED.timestamp}")
    uri, headers, body = client.sign(r["url"], r["method"], body=r.get("body"), headers=r.get("headers"))
    text = " ".join([uri, headers.get("Authorization", ""), body or ""])
    out.append(unquote(re.search(r'oauth_signature="?([^&", ]+)', text).group(1)))
print(json.dumps(out))`,
    cases,
  );
  assert.deepEqual(ours, expected);
});

Deno.test("signRequest() uses HMAC-SHA1 by default, never PLAINTEXT (a peer default)", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    FIXED,
  );
  assert.equal(parameter(signed, "oauth_signature_method"), "HMAC-SHA1");
  assert.equal(
    signed.signature,
    createHmac("sha1", "kd94hf93k423kf44&pfkkdhi9sl3r4s00").update(
      signed.baseString,
    ).digest("base64"),
  );
});

for (
  const [name, hash] of [["HMAC-SHA256", "sha256"], [
    "HMAC-SHA512",
    "sha512",
  ]] as const
) {
  Deno.test(`signRequest() signs with ${name} when asked, naming it in oauth_signature_method`, async () => {
    const signed = await signRequest(
      { method: "GET", url: "http://e.com/" },
      PHOTOS,
      { ...FIXED, signatureMethod: name },
    );
    assert.equal(parameter(signed, "oauth_signature_method"), name);
    assert.match(
      signed.baseString,
      new RegExp(`oauth_signature_method%3D${name}%26`),
    );
    assert.equal(
      signed.signature,
      createHmac(hash, "kd94hf93k423kf44&pfkkdhi9sl3r4s00").update(
        signed.baseString,
      ).digest("base64"),
    );
  });
}

Deno.test("signRequest() signs with PLAINTEXT as the encoded key, keeping the & with no token secret", async () => {
  const signed = await signRequest(
    { method: "POST", url: "https://photos.example.net/initiate" },
    { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94 hf93" },
    { ...FIXED, signatureMethod: "PLAINTEXT" },
  );
  assert.equal(signed.signature, "kd94%20hf93&");
  assert.match(signed.authorization, /oauth_signature="kd94%2520hf93%26"/);
});

for (
  const [name, hash] of [["RSA-SHA1", "SHA-1"], [
    "RSA-SHA256",
    "SHA-256",
  ]] as const
) {
  Deno.test(`signRequest() signs with ${name} and a PKCS#8 PEM; the public key verifies the base string`, async () => {
    const signed = await signRequest(
      { method: "GET", url: "http://e.com/p?x=1" },
      { consumerKey: "ck", consumerSecret: "", privateKey: rsaKey.pem },
      { ...FIXED, signatureMethod: name },
    );
    assert.equal(
      await verifyRsa(rsaKey, hash, signed.baseString, signed.signature),
      true,
    );
  });
}

Deno.test("signRequest() accepts a custom SignatureMethod", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    {
      ...FIXED,
      signatureMethod: {
        name: "X-REVERSE",
        keyStructure: "none",
        sign: (baseString) =>
          Promise.resolve({
            signature: [...baseString].reverse().join(""),
            digest: undefined,
          }),
      },
    },
  );
  assert.equal(parameter(signed, "oauth_signature_method"), "X-REVERSE");
  assert.equal(signed.signature, [...signed.baseString].reverse().join(""));
});

Deno.test("signRequest() uses the nonce and timestamp given", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    { nonce: "abc 123", timestamp: 0 },
  );
  assert.equal(parameter(signed, "oauth_nonce"), "abc 123");
  assert.equal(parameter(signed, "oauth_timestamp"), "0");
  assert.match(signed.normalizedParameters, /oauth_nonce=abc%20123&/);
});

Deno.test('signRequest() sends oauth_version="1.0" by default and leaves it out with version: false', async () => {
  const request = { method: "GET", url: "http://e.com/" };
  const withVersion = await signRequest(request, PHOTOS, FIXED);
  assert.equal(parameter(withVersion, "oauth_version"), "1.0");
  assert.match(withVersion.normalizedParameters, /&oauth_version=1\.0$/);
  const without = await signRequest(request, PHOTOS, {
    ...FIXED,
    version: false,
  });
  assert.equal(parameter(without, "oauth_version"), undefined);
  assert.doesNotMatch(without.normalizedParameters, /oauth_version/);
  assert.doesNotMatch(without.authorization, /oauth_version/);
});

Deno.test("signRequest() sends the realm first in the header, escaped, and never signs it", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    { ...FIXED, realm: 'a "b"' },
  );
  assert.ok(
    signed.authorization.startsWith(
      'OAuth realm="a \\"b\\"", oauth_consumer_key=',
    ),
  );
  assert.doesNotMatch(signed.normalizedParameters, /realm/);
  assert.doesNotMatch(signed.url, /realm/);
  const unrealm = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    FIXED,
  );
  assert.equal(signed.signature, unrealm.signature);
});

Deno.test("signRequest() signs and sends oauth_callback and oauth_verifier when given", async () => {
  const signed = await signRequest(
    { method: "POST", url: "https://photos.example.net/initiate" },
    { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" },
    {
      ...FIXED,
      callback: "http://printer.example.com/ready",
      verifier: "hfdp7dh39dks9884",
    },
  );
  assert.equal(
    parameter(signed, "oauth_callback"),
    "http://printer.example.com/ready",
  );
  assert.equal(parameter(signed, "oauth_verifier"), "hfdp7dh39dks9884");
  assert.match(
    signed.normalizedParameters,
    /oauth_callback=http%3A%2F%2Fprinter\.example\.com%2Fready&/,
  );
  assert.match(signed.normalizedParameters, /&oauth_verifier=hfdp7dh39dks9884/);
  assert.match(
    signed.authorization,
    /oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready"/,
  );
});

Deno.test("signRequest() signs with oauth_token only when a token is given", async () => {
  const signed = await signRequest({ method: "GET", url: "http://e.com/" }, {
    consumerKey: "ck",
    consumerSecret: "cs",
  }, FIXED);
  assert.equal(parameter(signed, "oauth_token"), undefined);
  assert.equal(
    signed.signature,
    createHmac("sha1", "cs&").update(signed.baseString).digest("base64"),
  );
});

Deno.test("signRequest() puts oauth_signature last in the protocol parameters", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    { ...FIXED, callback: "oob", verifier: "v" },
  );
  assert.deepEqual(signed.oauthParameters.at(-1), [
    "oauth_signature",
    signed.signature,
  ]);
});

Deno.test("signRequest() normalizes the URL before signing: scheme, host case, default port, fragment", async () => {
  const a = await signRequest(
    {
      method: "GET",
      url: "HTTP://Photos.Example.NET:80/photos?size=original#top",
    },
    PHOTOS,
    FIXED,
  );
  const b = await signRequest(
    { method: "GET", url: "http://photos.example.net/photos?size=original" },
    PHOTOS,
    FIXED,
  );
  assert.equal(a.baseStringUri, "http://photos.example.net/photos");
  assert.equal(a.signature, b.signature);
});

Deno.test("signRequest() signs the Host header's authority when one is given, and fetch sets Host itself", async () => {
  const signed = await signRequest(
    {
      method: "GET",
      url: "http://10.0.0.7:8080/photos",
      headers: { host: "photos.example.net" },
    },
    PHOTOS,
    FIXED,
  );
  assert.equal(signed.baseStringUri, "http://photos.example.net/photos");
  assert.equal(signed.toRequest().headers.has("host"), false);
});

Deno.test("signRequest() signs every duplicate in query and body (peers with an object map sign one)", async () => {
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/?a=1&a=1",
      body: new URLSearchParams([["a", "2"]]),
    },
    PHOTOS,
    FIXED,
  );
  assert.match(signed.normalizedParameters, /^a=1&a=1&a=2&oauth_/);
});

Deno.test("signRequest() signs a form body given as text only when Content-Type says it is a form", async () => {
  const url = "http://e.com/";
  const form = await signRequest(
    {
      method: "POST",
      url,
      headers: { "content-type": `${FORM}; charset=UTF-8` },
      body: "b=1+2",
    },
    PHOTOS,
    FIXED,
  );
  assert.match(form.normalizedParameters, /^b=1%202&oauth_/);
  const json = await signRequest(
    {
      method: "POST",
      url,
      headers: { "content-type": "application/json" },
      body: '{"b":1}',
    },
    PHOTOS,
    FIXED,
  );
  assert.match(json.normalizedParameters, /^oauth_/);
  assert.equal(json.body, undefined);
  const bare = await signRequest(
    { method: "POST", url, body: "b=1" },
    PHOTOS,
    FIXED,
  );
  assert.match(bare.normalizedParameters, /^oauth_/);
});

Deno.test("signRequest() signs a form body given as bytes", async () => {
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/",
      headers: { "content-type": FORM },
      body: new TextEncoder().encode("q=caf%C3%A9"),
    },
    PHOTOS,
    FIXED,
  );
  assert.match(signed.normalizedParameters, /^oauth_.*&q=caf%C3%A9$/);
});

Deno.test("signRequest() accepts a Web Request and signs it as the same plain description", async () => {
  const init = {
    method: "POST",
    headers: { "content-type": FORM },
    body: "status=Hello+Ladies",
  };
  const request = new Request(
    "https://api.example.com/1.1/update.json?x=1",
    init,
  );
  const fromRequest = await signRequest(request, PHOTOS, FIXED);
  const fromPlain = await signRequest(
    { ...init, url: "https://api.example.com/1.1/update.json?x=1" },
    PHOTOS,
    FIXED,
  );
  assert.equal(fromRequest.baseString, fromPlain.baseString);
  assert.equal(fromRequest.signature, fromPlain.signature);
  assert.equal(request.bodyUsed, false);
  assert.equal(await request.text(), "status=Hello+Ladies");
});

Deno.test("signRequest() accepts a Web Request without a body", async () => {
  const signed = await signRequest(
    new Request(
      "http://photos.example.net/photos?file=vacation.jpg&size=original",
    ),
    PHOTOS,
    {
      ...FIXED,
      version: false,
    },
  );
  assert.equal(signed.signature, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
});

Deno.test("toRequest() with header placement sends the Authorization header, the URL without fragment, and the body", async () => {
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/p?x=1#frag",
      headers: { "content-type": FORM, "x-extra": "1" },
      body: "a=1",
    },
    PHOTOS,
    FIXED,
  );
  const request = signed.toRequest();
  assert.equal(request.method, "POST");
  assert.equal(request.url, "http://e.com/p?x=1");
  assert.equal(request.headers.get("authorization"), signed.authorization);
  assert.equal(request.headers.get("x-extra"), "1");
  assert.equal(await request.text(), "a=1");
});

Deno.test("toRequest() with query placement sends the protocol parameters in the URL and no Authorization header", async () => {
  const signed = await signRequest(
    {
      method: "GET",
      url: "http://api.netflix.com/catalog/titles?term=fargo&max_results=1",
    },
    PHOTOS,
    { ...FIXED, placement: "query" },
  );
  const request = signed.toRequest();
  assert.equal(request.url, signed.url);
  assert.equal(request.headers.has("authorization"), false);
  const query = [...new URL(request.url).searchParams];
  assert.deepEqual(query.slice(0, 2), [["term", "fargo"], [
    "max_results",
    "1",
  ]]);
  assert.deepEqual(query.slice(2), signed.oauthParameters);
});

Deno.test("toRequest() with body placement sends the protocol parameters after the form body", async () => {
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/p",
      body: new URLSearchParams({ status: "a b" }),
    },
    PHOTOS,
    { ...FIXED, placement: "body" },
  );
  const request = signed.toRequest();
  assert.equal(request.url, "http://e.com/p");
  assert.equal(request.headers.has("authorization"), false);
  assert.equal(request.headers.get("content-type"), FORM);
  const body = await request.text();
  assert.equal(body, signed.body);
  assert.deepEqual([...new URLSearchParams(body)], [
    ["status", "a b"],
    ...signed.oauthParameters,
  ]);
});

Deno.test("toRequest() with body placement and no body sends a form of the protocol parameters", async () => {
  const signed = await signRequest(
    { method: "POST", url: "http://e.com/initiate" },
    PHOTOS,
    { ...FIXED, placement: "body" },
  );
  const request = signed.toRequest();
  assert.equal(request.headers.get("content-type"), FORM);
  assert.deepEqual(
    [...new URLSearchParams(await request.text())],
    signed.oauthParameters,
  );
});

Deno.test("signRequest() refuses body placement for a body that is not a form", async () => {
  await expectError(
    () =>
      signRequest(
        {
          method: "POST",
          url: "http://e.com/",
          headers: { "content-type": "application/json" },
          body: "{}",
        },
        PHOTOS,
        { ...FIXED, placement: "body" },
      ),
    TypeError,
    'Cannot sign request: placement "body" needs a form body: current Content-Type is "application/json"',
  );
});

Deno.test("signRequest() refuses body placement for a GET, which has no body", async () => {
  await expectError(
    () =>
      signRequest({ method: "GET", url: "http://e.com/" }, PHOTOS, {
        ...FIXED,
        placement: "body",
      }),
    TypeError,
    'Cannot sign request: placement "body" needs a method that has a body: current method is "GET"',
  );
});

Deno.test("toRequest() sends a bytes body unchanged", async () => {
  const bytes = new Uint8Array([0, 1, 2, 255]);
  const signed = await signRequest(
    {
      method: "PUT",
      url: "http://e.com/",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    },
    PHOTOS,
    FIXED,
  );
  assert.deepEqual(
    new Uint8Array(await signed.toRequest().arrayBuffer()),
    bytes,
  );
});

for (
  const [hash, node] of [["SHA-1", "sha1"], ["SHA-256", "sha256"]] as const
) {
  Deno.test(`signRequest() adds oauth_body_hash as the plain ${hash} of the raw body, never keyed (a peer used an HMAC)`, async () => {
    const body = '{"status":"Hello Ladies + Gentlemen"}';
    const request = {
      method: "POST",
      url: "http://e.com/",
      headers: { "content-type": "application/json" },
      body,
    };
    const signed = await signRequest(request, PHOTOS, {
      ...FIXED,
      bodyHash: hash,
    });
    const expected = createHash(node).update(body).digest("base64");
    assert.equal(parameter(signed, "oauth_body_hash"), expected);
    assert.notEqual(
      expected,
      createHmac(node, "kd94hf93k423kf44&pfkkdhi9sl3r4s00").update(body).digest(
        "base64",
      ),
    );
    assert.ok(
      signed.normalizedParameters.includes(
        `oauth_body_hash=${encodeURIComponent(expected)}`,
      ),
    );
    const other = await signRequest(request, {
      ...PHOTOS,
      consumerSecret: "other",
    }, { ...FIXED, bodyHash: hash });
    assert.equal(parameter(other, "oauth_body_hash"), expected);
  });
}

Deno.test("signRequest() hashes the exact bytes of a bytes body, and an absent body as empty", async () => {
  const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
  const signed = await signRequest(
    { method: "PUT", url: "http://e.com/", body: bytes },
    PHOTOS,
    { ...FIXED, bodyHash: "SHA-256" },
  );
  assert.equal(
    parameter(signed, "oauth_body_hash"),
    createHash("sha256").update(bytes).digest("base64"),
  );
  const empty = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    { ...FIXED, bodyHash: "SHA-1" },
  );
  // Source: the SHA-1 of the empty string, as in the OAuth Request Body Hash draft's GET example.
  assert.equal(
    parameter(empty, "oauth_body_hash"),
    "2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
  );
});

Deno.test("signRequest() refuses bodyHash with a form body, whose parameters are signed instead", async () => {
  await expectError(
    () =>
      signRequest(
        {
          method: "POST",
          url: "http://e.com/",
          body: new URLSearchParams("a=1"),
        },
        PHOTOS,
        { ...FIXED, bodyHash: "SHA-1" },
      ),
    TypeError,
    "Cannot sign request: bodyHash must not be used with a form body: the form's parameters are signed instead",
  );
});

Deno.test("signRequest() refuses an unknown bodyHash", async () => {
  await expectError(
    () =>
      signRequest({ method: "POST", url: "http://e.com/", body: "x" }, PHOTOS, {
        ...FIXED,
        bodyHash: "MD5" as "SHA-1",
      }),
    TypeError,
    'Cannot sign request: bodyHash must be "SHA-1" or "SHA-256": current bodyHash is "MD5"',
  );
});

Deno.test("signRequest() draws a default nonce of at least 128 bits, different on every call", async () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const signed = await signRequest(
      { method: "GET", url: "http://e.com/" },
      PHOTOS,
      { timestamp: 1 },
    );
    const nonce = parameter(signed, "oauth_nonce")!;
    assert.match(nonce, /^[0-9a-f]{32,}$/); // 32 hex digits are 128 bits
    nonces.add(nonce);
  }
  assert.equal(nonces.size, 20);
});

Deno.test("signRequest() draws the default nonce from crypto.getRandomValues, never Math.random (a peer pitfall)", async () => {
  const random = Math.random;
  const getRandomValues = crypto.getRandomValues;
  let draws = 0;
  Math.random = () => {
    throw new Error("Math.random() must not be used for nonces");
  };
  crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
    draws++;
    return getRandomValues.call(crypto, array as Uint8Array) as unknown as T;
  }) as typeof crypto.getRandomValues;
  try {
    await signRequest({ method: "GET", url: "http://e.com/" }, PHOTOS, {
      timestamp: 1,
    });
  } finally {
    Math.random = random;
    crypto.getRandomValues = getRandomValues;
  }
  assert.ok(draws >= 1);
});

Deno.test("signRequest() uses the current time in seconds as the default timestamp", async () => {
  const before = Math.floor(Date.now() / 1000);
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/" },
    PHOTOS,
    { nonce: "n" },
  );
  const after = Math.floor(Date.now() / 1000);
  const timestamp = Number(parameter(signed, "oauth_timestamp"));
  assert.ok(
    timestamp >= before && timestamp <= after,
    `${before} <= ${timestamp} <= ${after}`,
  );
});

Deno.test("signRequest() writes timestamps past 2038 correctly (peers using `| 0` wrap negative)", async () => {
  const now = Date.now;
  Date.now = () => 2 ** 31 * 1000 + 5_500; // 2038-01-19T03:14:13.500Z
  try {
    const signed = await signRequest(
      { method: "GET", url: "http://e.com/" },
      PHOTOS,
      { nonce: "n" },
    );
    assert.equal(parameter(signed, "oauth_timestamp"), "2147483653");
  } finally {
    Date.now = now;
  }
  // The peers' `Date.now() / 1000 | 0` would have written -2147483643 here.
});

Deno.test("signRequest() never mutates the caller's request, credentials or options", async () => {
  const form = new URLSearchParams([["b", "2"], ["a", "1"]]);
  const headers = new Headers({ "x-a": "1" });
  const request = deepFreeze({
    method: "POST",
    url: "http://e.com/p?z=1",
    headers,
    body: form,
  });
  const credentials = deepFreeze({ ...PHOTOS });
  const options = deepFreeze({
    ...FIXED,
    realm: "R",
    placement: "body" as const,
    callback: "oob",
  });
  const before = structuredClone({ credentials, options });
  const signed = await signRequest(request, credentials, options);
  signed.toRequest();
  assert.equal(form.toString(), "b=2&a=1");
  assert.deepEqual([...headers], [["x-a", "1"]]);
  assert.deepEqual({ credentials, options }, before);
  assert.equal(request.url, "http://e.com/p?z=1");
});

Deno.test("signRequest() never mutates a bytes body, and signs the bytes as they were at the call", async () => {
  const bytes = new TextEncoder().encode("q=1");
  const copy = bytes.slice();
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/",
      headers: { "content-type": FORM },
      body: bytes,
    },
    PHOTOS,
    FIXED,
  );
  assert.deepEqual(bytes, copy);
  bytes[2] = 0x32; // the caller changes its array afterwards
  assert.equal(await signed.toRequest().text(), "q=1");
  assert.match(signed.normalizedParameters, /&q=1$/);
});

Deno.test("signRequest() copies an ArrayBuffer body, so later changes by the caller are not sent unsigned (it used to keep a view)", async () => {
  const buffer = new TextEncoder().encode("q=1").buffer;
  const signed = await signRequest(
    {
      method: "POST",
      url: "http://e.com/",
      headers: { "content-type": FORM },
      body: buffer,
    },
    PHOTOS,
    FIXED,
  );
  new Uint8Array(buffer)[2] = 0x32; // the caller reuses its buffer
  assert.match(signed.normalizedParameters, /&q=1$/);
  assert.equal(await signed.toRequest().text(), "q=1");
});

Deno.test("signRequest() refuses a protocol parameter in the query, which the signer adds itself", async () => {
  await expectError(
    () =>
      signRequest(
        { method: "GET", url: "http://e.com/?oauth_nonce=x" },
        PHOTOS,
        FIXED,
      ),
    TypeError,
    'Cannot sign request: parameter "oauth_nonce" must not be in the query: the signer adds the protocol parameters itself',
  );
});

Deno.test("signRequest() refuses a protocol parameter in a form body", async () => {
  await expectError(
    () =>
      signRequest(
        {
          method: "POST",
          url: "http://e.com/",
          body: new URLSearchParams("oauth_signature=x"),
        },
        PHOTOS,
        FIXED,
      ),
    TypeError,
    'Cannot sign request: parameter "oauth_signature" must not be in the body: the signer adds the protocol parameters itself',
  );
});

Deno.test("signRequest() sends the required protocol parameters of the table alone, and with every option all of its rows", async () => {
  const names = (
    signed: { oauthParameters: readonly (readonly [string, string])[] },
  ) => signed.oauthParameters.map(([name]) => name).sort();
  const bare = await signRequest(
    { method: "GET", url: "http://e.com/" },
    { consumerKey: "k", consumerSecret: "s" },
    { ...FIXED, version: false },
  );
  assert.deepEqual(
    names(bare),
    PROTOCOL_PARAMETERS.filter((p) => p.required).map((p) => p.name).sort(),
  );
  const full = await signRequest(
    {
      method: "POST",
      url: "http://e.com/",
      headers: { "content-type": "application/json" },
      body: "{}",
    },
    PHOTOS,
    { ...FIXED, callback: "oob", verifier: "v", bodyHash: "SHA-256" },
  );
  assert.deepEqual(
    names(full),
    PROTOCOL_PARAMETERS.map((p) => p.name).sort(),
  );
});

Deno.test("signRequest() refuses every protocol parameter of the table in the query", async () => {
  for (const { name } of PROTOCOL_PARAMETERS) {
    await expectError(
      () =>
        signRequest(
          { method: "GET", url: `http://e.com/?${name}=x` },
          PHOTOS,
          FIXED,
        ),
      TypeError,
      `Cannot sign request: parameter "${name}" must not be in the query: the signer adds the protocol parameters itself`,
    );
  }
});

Deno.test("signRequest() signs query parameters that merely start with oauth_", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/?oauth_custom=1" },
    PHOTOS,
    FIXED,
  );
  assert.match(signed.normalizedParameters, /oauth_custom=1/);
});

Deno.test("signRequest() refuses a timestamp that is not a non-negative integer with a RangeError", async () => {
  for (const timestamp of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
    await expectError(
      () =>
        signRequest({ method: "GET", url: "http://e.com/" }, PHOTOS, {
          nonce: "n",
          timestamp,
        }),
      RangeError,
      `Cannot sign request: timestamp must be a non-negative integer of seconds: current timestamp is ${timestamp}`,
    );
  }
});

Deno.test("signRequest() refuses an empty nonce with a RangeError", async () => {
  await expectError(
    () =>
      signRequest({ method: "GET", url: "http://e.com/" }, PHOTOS, {
        nonce: "",
        timestamp: 1,
      }),
    RangeError,
    'Cannot sign request: nonce must be a non-empty string: current nonce is ""',
  );
});

Deno.test("signRequest() refuses an unknown placement, version or signature method", async () => {
  const request = { method: "GET", url: "http://e.com/" };
  await expectError(
    () =>
      signRequest(request, PHOTOS, {
        ...FIXED,
        placement: "cookie" as "header",
      }),
    TypeError,
    'Cannot sign request: placement must be "header", "query" or "body": current placement is "cookie"',
  );
  await expectError(
    () => signRequest(request, PHOTOS, { ...FIXED, version: "1.0a" as "1.0" }),
    TypeError,
    'Cannot sign request: version must be "1.0" or false: current version is "1.0a"',
  );
  await expectError(
    () =>
      signRequest(request, PHOTOS, {
        ...FIXED,
        signatureMethod: "HMAC-MD5" as "HMAC-SHA1",
      }),
    TypeError,
    /^Cannot sign: signature method must be one of .*: current method is "HMAC-MD5"$/,
  );
});

Deno.test("signRequest() refuses malformed requests", async () => {
  await expectError(
    () => signRequest(null as unknown as Request, PHOTOS),
    TypeError,
    "Cannot sign request: request must be an object with method and url, or a Request: current type is object",
  );
  await expectError(
    () => signRequest({ url: "http://e.com/" } as RequestDescription, PHOTOS),
    TypeError,
    "Cannot sign request: method must be a string: current type is undefined",
  );
  await expectError(
    () => signRequest({ method: "GET", url: "ftp://e.com/" }, PHOTOS),
    TypeError,
    'Cannot build base string URI: scheme must be "http" or "https": current scheme is "ftp"',
  );
  await expectError(
    () =>
      signRequest({
        method: "POST",
        url: "http://e.com/",
        body: 42 as unknown as string,
      }, PHOTOS),
    TypeError,
    "Cannot sign request: body must be URLSearchParams, a string or bytes: current type is [object Number]",
  );
  await expectError(
    () =>
      signRequest({
        method: "POST",
        url: "http://e.com/",
        headers: { "content-type": "application/json" },
        body: new URLSearchParams("a=1"),
      }, PHOTOS),
    TypeError,
    'Cannot sign request: a URLSearchParams body is a form, but Content-Type is "application/json"',
  );
});

Deno.test("signRequest() refuses malformed credentials", async () => {
  const request = { method: "GET", url: "http://e.com/" };
  await expectError(
    () => signRequest(request, null as unknown as Credentials),
    TypeError,
    "Cannot sign request: credentials must be an object with consumerKey and consumerSecret",
  );
  await expectError(
    () => signRequest(request, { consumerKey: "ck" } as Credentials),
    TypeError,
    "Cannot sign request: credentials.consumerSecret must be a string: current type is undefined",
  );
  await expectError(
    () => signRequest(request, { consumerKey: "", consumerSecret: "cs" }),
    TypeError,
    "Cannot sign request: credentials.consumerKey must not be empty",
  );
  await expectError(
    () =>
      signRequest(request, {
        consumerKey: "ck",
        consumerSecret: "cs",
        tokenSecret: 5 as unknown as string,
      }),
    TypeError,
    "Cannot sign request: credentials.tokenSecret must be a string when given: current type is number",
  );
});

Deno.test("signRequest() names the option whose value holds a lone surrogate", async () => {
  await expectError(
    () =>
      signRequest({ method: "GET", url: "http://e.com/" }, PHOTOS, {
        ...FIXED,
        callback: "http://e.com/\uD800",
      }),
    TypeError,
    'Cannot percent-encode parameter "oauth_callback": value holds a lone UTF-16 surrogate at code point 13, which has no UTF-8 form',
  );
});

Deno.test("signRequest() refuses a PKCS#1 key with an OAuthError invalid_key", async () => {
  const pkcs1 = rsaKey.pkcs1Pem;
  const error = await expectError(
    () =>
      signRequest({ method: "GET", url: "http://e.com/" }, {
        consumerKey: "ck",
        consumerSecret: "",
        privateKey: pkcs1,
      }, {
        ...FIXED,
        signatureMethod: "RSA-SHA256",
      }),
    OAuthError,
    /^Cannot import RSA-SHA256 key: key must be PKCS#8/,
  );
  assert.equal(error.code, "invalid_key");
});

Deno.test("signRequest() rejects when signing fails, leaving no unhandled rejection behind (signing started before the fingerprints once went unawaited)", async () => {
  const unhandled: unknown[] = [];
  const listen = (event: PromiseRejectionEvent): void => {
    event.preventDefault();
    unhandled.push(event.reason);
  };
  // The trace's fingerprints (SHA-256) take a few milliseconds, as on a busy
  // machine; a signature that fails meanwhile must already be handled.
  const digest = crypto.subtle.digest;
  const slowDigest: typeof digest = async (algorithm, data) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return await digest.call(crypto.subtle, algorithm, data);
  };
  Object.defineProperty(crypto.subtle, "digest", {
    value: slowDigest,
    configurable: true,
  });
  globalThis.addEventListener("unhandledrejection", listen);
  try {
    const get = { method: "GET", url: "http://e.com/" };
    // Fresh secrets, so their fingerprints are not cached.
    const fresh = { consumerKey: "ck", consumerSecret: crypto.randomUUID() };
    await expectError(
      () =>
        signRequest(get, {
          ...fresh,
          tokenSecret: `${crypto.randomUUID()}\uDC00`,
        }, FIXED),
      TypeError,
      /^Cannot percent-encode parameter "tokenSecret"/,
    );
    await expectError(
      () =>
        signRequest(get, {
          ...fresh,
          consumerSecret: crypto.randomUUID(),
          privateKey: "not a key",
        }, {
          ...FIXED,
          signatureMethod: "RSA-SHA1",
        }),
      OAuthError,
      'Cannot import RSA-SHA1 key: key must be a PEM block "BEGIN PRIVATE KEY"',
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    globalThis.removeEventListener("unhandledrejection", listen);
    delete (crypto.subtle as { digest?: unknown }).digest;
  }
  assert.equal(crypto.subtle.digest, digest);
  assert.deepEqual(unhandled, []);
});

Deno.test("signRequest() never puts a secret in an error message", async () => {
  const secrets = {
    consumerKey: "ck",
    consumerSecret: "CONSUMER-SECRET-9f8e7d",
    token: "tk",
    tokenSecret: "TOKEN-SECRET-1a2b3c",
  };
  const pkcs1 = rsaKey.pkcs1Pem;
  const pemLine = rsaKey.pem.split("\n")[5]!;
  const get = { method: "GET", url: "http://e.com/" };
  const failures: [string, () => Promise<unknown>][] = [
    ["bad timestamp", () => signRequest(get, secrets, { timestamp: -5 })],
    ["empty nonce", () => signRequest(get, secrets, { nonce: "" })],
    [
      "bad placement",
      () => signRequest(get, secrets, { placement: "x" as "header" }),
    ],
    [
      "bad method",
      () => signRequest(get, secrets, { signatureMethod: "X" as "PLAINTEXT" }),
    ],
    ["bad version", () => signRequest(get, secrets, { version: "2" as "1.0" })],
    [
      "protocol parameter in query",
      () =>
        signRequest({ ...get, url: "http://e.com/?oauth_token=x" }, secrets),
    ],
    ["ftp URL", () => signRequest({ ...get, url: "ftp://e.com/" }, secrets)],
    [
      "lone surrogate in consumer secret",
      () =>
        signRequest(get, {
          ...secrets,
          consumerSecret: `${secrets.consumerSecret}\uD800`,
        }),
    ],
    [
      "lone surrogate in token secret",
      () =>
        signRequest(get, {
          ...secrets,
          tokenSecret: `\uDC00${secrets.tokenSecret}`,
        }),
    ],
    [
      "lone surrogate in consumer secret, PLAINTEXT",
      () =>
        signRequest(get, {
          ...secrets,
          consumerSecret: `${secrets.consumerSecret}\uD800`,
        }, { signatureMethod: "PLAINTEXT" }),
    ],
    [
      "missing RSA key",
      () => signRequest(get, secrets, { signatureMethod: "RSA-SHA1" }),
    ],
    [
      "PKCS#1 key",
      () =>
        signRequest(get, { ...secrets, privateKey: pkcs1 }, {
          signatureMethod: "RSA-SHA1",
        }),
    ],
    [
      "not a PEM",
      () =>
        signRequest(get, { ...secrets, privateKey: secrets.consumerSecret }, {
          signatureMethod: "RSA-SHA1",
        }),
    ],
    [
      "corrupt PEM",
      () =>
        signRequest(get, {
          ...secrets,
          privateKey: rsaKey.pem.replace(pemLine, pemLine.slice(4)),
        }, { signatureMethod: "RSA-SHA256" }),
    ],
    [
      "token not a string",
      () => signRequest(get, { ...secrets, token: 1 as unknown as string }),
    ],
    [
      "bodyHash with a form",
      () =>
        signRequest(
          { ...get, method: "POST", body: new URLSearchParams("a=1") },
          secrets,
          { bodyHash: "SHA-1" },
        ),
    ],
  ];
  for (const [label, fail] of failures) {
    let error: unknown;
    try {
      await fail();
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof Error, `${label}: expected an error`);
    let text = `${error.message}\n${error.stack}`;
    if (error.cause instanceof Error) text += `\n${error.cause.message}`;
    for (
      const secret of [
        secrets.consumerSecret,
        secrets.tokenSecret,
        pemLine,
        pkcs1.split("\n")[5]!,
      ]
    ) {
      assert.ok(
        !text.includes(secret),
        `${label}: the error mentions a secret: ${error.message}`,
      );
    }
  }
});

Deno.test("signRequest() builds its lazy trace and header from the values of the call, not from objects the caller changed later", async () => {
  const credentials = { ...PHOTOS };
  const options = { ...FIXED, realm: "Photos" };
  const signed = await signRequest(
    { method: "GET", url: "http://photos.example.net/photos?size=original" },
    credentials,
    options,
  );
  credentials.consumerKey = "changed-key";
  credentials.token = "changed-token";
  options.realm = "Changed";
  const input = signed.trace.find((step) => step.step === "input");
  assert.equal(
    input?.step === "input" && input.consumerKey,
    PHOTOS.consumerKey,
  );
  assert.equal(input?.step === "input" && input.token, PHOTOS.token);
  assert.match(signed.authorization, /^OAuth realm="Photos", /);
  assert.match(signed.authorization, /oauth_consumer_key="dpf43f3p2l4k3l03"/);
});

Deno.test("JSON.stringify() of a SignedRequest holds every step, the three placements and the trace, and no secret", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://photos.example.net/photos?size=original" },
    PHOTOS,
    FIXED,
  );
  const json = JSON.parse(JSON.stringify(signed));
  assert.deepEqual(Object.keys(json).toSorted(), [
    "authorization",
    "baseString",
    "baseStringUri",
    "body",
    "normalizedParameters",
    "oauthParameters",
    "signature",
    "trace",
    "url",
  ]);
  assert.equal(json.authorization, signed.authorization);
  assert.equal(json.trace.length, signed.trace.length);
  const text = JSON.stringify(signed);
  assert.ok(!text.includes(PHOTOS.consumerSecret));
  assert.ok(!text.includes(PHOTOS.tokenSecret!));
});

Deno.test("signRequest() keeps a text body without a form Content-Type out of the signature, and its trace says so and why", async () => {
  const credentials = {
    consumerKey: "dpf43f3p2l4k3l03",
    consumerSecret: "kd94hf93k423kf44",
  };
  const options = {
    nonce: "n1",
    timestamp: 1318622958,
    version: false as const,
  };
  const url = "https://api.example.com/1/statuses/update";
  for (const contentType of [undefined, "text/plain"]) {
    const signed = await signRequest(
      {
        method: "POST",
        url,
        body: "status=hello",
        ...(contentType === undefined
          ? {}
          : { headers: { "Content-Type": contentType } }),
      },
      credentials,
      options,
    );
    // The independent test signer leaves a body that is not a form unsigned.
    assert.equal(
      signed.signature,
      wrongSign({
        method: "POST",
        url,
        body: "status=hello",
        ...(contentType === undefined ? {} : { contentType }),
        oauth: signed.oauthParameters.filter(([n]) => n !== "oauth_signature")
          .map(([n, v]) => [n, v]),
      }, credentials),
    );
    const step = signed.trace.find((s) => s.step === "parameters")!;
    assert.ok(step.step === "parameters");
    assert.match(
      step.unsignedBody!,
      contentType === undefined
        ? /not signed as parameters: the request has no Content-Type, and only an application\/x-www-form-urlencoded body is \(RFC 5849 §3\.4\.1\.3\.1\); if the server reads it as a form, send Content-Type: application\/x-www-form-urlencoded/
        : /its Content-Type is "text\/plain"/,
    );
    assert.match(formatTrace(signed.trace), /body +The body is not signed/);
  }
  const form = await signRequest(
    { method: "POST", url, body: new URLSearchParams("status=hello") },
    credentials,
    options,
  );
  const step = form.trace.find((s) => s.step === "parameters");
  assert.ok(step?.step === "parameters" && step.unsignedBody === undefined);
});
