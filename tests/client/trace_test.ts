// The trace of signRequest() and formatTrace(): one entry per step, built
// from the values the steps returned, secrets masked unless revealed.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import {
  type Credentials,
  formatTrace,
  type Placement,
  type SignatureMethodName,
  type SignOptions,
  signRequest,
  type Trace,
  type TraceStep,
} from "../../mod.ts";
import { rsaTestKey } from "../support/support.ts";

const SECRETS: Credentials = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "consumer-SECRET-kd94hf93",
  token: "nnch734d00sl2jdk",
  tokenSecret: "token-SECRET-pfkkdhi9",
};
const FIXED = { nonce: "chapoH", timestamp: 137131202 } as const;
const rsaKey = await rsaTestKey();

function step<S extends TraceStep["step"]>(
  trace: Trace,
  name: S,
): Extract<TraceStep, { step: S }> {
  const found = trace.find((s) => s.step === name);
  assert.ok(found, `no "${name}" step`);
  return found as Extract<TraceStep, { step: S }>;
}

function fingerprint(secret: string): string {
  return `sha256:${
    createHash("sha256").update(secret).digest("hex").slice(0, 8)
  }`;
}

/** Every way a secret could show: as given, percent-encoded, as the key. */
function secretForms(credentials: Credentials): string[] {
  const forms = [credentials.consumerSecret, credentials.tokenSecret ?? ""]
    .filter((s) => s !== "")
    .flatMap((s) => [s, encodeURIComponent(s)]);
  const key = `${credentials.consumerSecret}&${credentials.tokenSecret ?? ""}`;
  forms.push(key, encodeURIComponent(key));
  for (const line of rsaKey.pem.split("\n").slice(1, -2)) forms.push(line);
  return forms;
}

async function signPhotos(options: SignOptions = {}, credentials = SECRETS) {
  return await signRequest(
    {
      method: "POST",
      url:
        "HTTP://Photos.Example.NET:80/photos?size=original&file=vacation.jpg#top",
      body: new URLSearchParams([["a b", "x+y"]]),
    },
    credentials,
    { ...FIXED, ...options },
  );
}

Deno.test("the trace has one entry per step, in the order of RFC 5849", async () => {
  const { trace } = await signPhotos();
  assert.deepEqual(trace.map((s) => s.step), [
    "input",
    "base-string-uri",
    "parameters",
    "signature-base-string",
    "signature",
    "placement",
  ]);
  assert.deepEqual(trace.map((s) => "section" in s ? s.section : null), [
    null,
    "3.4.1.2",
    "3.4.1.3",
    "3.4.1.1",
    "3.4.2",
    "3.5.1",
  ]);
});

Deno.test("the trace's input step holds the request as given", async () => {
  const { trace } = await signPhotos({
    signatureMethod: "HMAC-SHA256",
    placement: "query",
  });
  assert.deepEqual(step(trace, "input"), {
    step: "input",
    method: "POST",
    url:
      "HTTP://Photos.Example.NET:80/photos?size=original&file=vacation.jpg#top",
    contentType: "application/x-www-form-urlencoded",
    body: "a+b=x%2By",
    consumerKey: "dpf43f3p2l4k3l03",
    token: "nnch734d00sl2jdk",
    signatureMethod: "HMAC-SHA256",
    placement: "query",
  });
});

Deno.test("the trace shows a bytes body by its length", async () => {
  const signed = await signRequest(
    { method: "PUT", url: "http://e.com/", body: new Uint8Array(5) },
    SECRETS,
    FIXED,
  );
  assert.equal(step(signed.trace, "input").body, "(5 bytes)");
});

Deno.test("the trace's base string URI step lists each normalization rule that fired", async () => {
  const signed = await signPhotos();
  assert.deepEqual(step(signed.trace, "base-string-uri"), {
    step: "base-string-uri",
    section: "3.4.1.2",
    url:
      "HTTP://Photos.Example.NET:80/photos?size=original&file=vacation.jpg#top",
    host: undefined,
    uri: signed.baseStringUri,
    rules: [
      "scheme lower-cased",
      "host lower-cased",
      "default port dropped",
      "query dropped",
      "fragment dropped",
    ],
  });
  assert.equal(signed.baseStringUri, "http://photos.example.net/photos");
});

Deno.test("the trace's base string URI step shows the Host header that overrode the authority", async () => {
  const signed = await signRequest(
    {
      method: "GET",
      url: "http://10.0.0.7:8080/photos",
      headers: { host: "photos.example.net" },
    },
    SECRETS,
    FIXED,
  );
  const uriStep = step(signed.trace, "base-string-uri");
  assert.equal(uriStep.host, "photos.example.net");
  assert.deepEqual(uriStep.rules, ["authority taken from the Host header"]);
});

Deno.test("the trace's parameters step gives each parameter's source, decoded and encoded forms, and sorted position", async () => {
  const signed = await signPhotos({ version: false });
  const parameters = step(signed.trace, "parameters");
  assert.deepEqual(parameters.parameters, [
    {
      name: "size",
      value: "original",
      source: "query",
      encodedName: "size",
      encodedValue: "original",
      position: 8,
    },
    {
      name: "file",
      value: "vacation.jpg",
      source: "query",
      encodedName: "file",
      encodedValue: "vacation.jpg",
      position: 2,
    },
    {
      name: "a b",
      value: "x+y",
      source: "body",
      encodedName: "a%20b",
      encodedValue: "x%2By",
      position: 1,
    },
    {
      name: "oauth_consumer_key",
      value: "dpf43f3p2l4k3l03",
      source: "oauth",
      encodedName: "oauth_consumer_key",
      encodedValue: "dpf43f3p2l4k3l03",
      position: 3,
    },
    {
      name: "oauth_token",
      value: "nnch734d00sl2jdk",
      source: "oauth",
      encodedName: "oauth_token",
      encodedValue: "nnch734d00sl2jdk",
      position: 7,
    },
    {
      name: "oauth_signature_method",
      value: "HMAC-SHA1",
      source: "oauth",
      encodedName: "oauth_signature_method",
      encodedValue: "HMAC-SHA1",
      position: 5,
    },
    {
      name: "oauth_timestamp",
      value: "137131202",
      source: "oauth",
      encodedName: "oauth_timestamp",
      encodedValue: "137131202",
      position: 6,
    },
    {
      name: "oauth_nonce",
      value: "chapoH",
      source: "oauth",
      encodedName: "oauth_nonce",
      encodedValue: "chapoH",
      position: 4,
    },
  ]);
  assert.equal(parameters.normalized, signed.normalizedParameters);
});

Deno.test("the trace's parameter positions, read in order, rebuild the normalized string", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/?a=1&a=1&b=%C3%A9&a!=2&B=3" },
    SECRETS,
    FIXED,
  );
  const { parameters, normalized } = step(signed.trace, "parameters");
  const byPosition = [...parameters].sort((x, y) => x.position - y.position);
  assert.deepEqual(
    byPosition.map((p) => p.position),
    parameters.map((_, i) => i + 1),
  );
  assert.equal(
    byPosition.map((p) => `${p.encodedName}=${p.encodedValue}`).join("&"),
    normalized,
  );
});

Deno.test("the trace's base string step holds the values signRequest() returned", async () => {
  const signed = await signPhotos();
  assert.deepEqual(step(signed.trace, "signature-base-string"), {
    step: "signature-base-string",
    section: "3.4.1.1",
    method: "POST",
    uri: signed.baseStringUri,
    normalizedParameters: signed.normalizedParameters,
    baseString: signed.baseString,
  });
});

for (
  const name of [
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    "RSA-SHA1",
    "RSA-SHA256",
  ] as const
) {
  Deno.test(`the trace's ${name} digest in hex and base64 is the signature`, async () => {
    const signed = await signPhotos({ signatureMethod: name }, {
      ...SECRETS,
      privateKey: rsaKey.pem,
    });
    const signature = step(signed.trace, "signature");
    assert.equal(signature.method, name);
    assert.equal(signature.section, name.startsWith("RSA") ? "3.4.3" : "3.4.2");
    assert.equal(signature.signature, signed.signature);
    assert.equal(signature.digestBase64, signed.signature);
    assert.equal(
      signature.digestHex,
      Buffer.from(signed.signature, "base64").toString("hex"),
    );
  });
}

Deno.test("the trace describes the key's structure, never the key", async () => {
  const hmac = step((await signPhotos()).trace, "signature");
  assert.equal(
    hmac.key.structure,
    "percent-encoded consumer secret & percent-encoded token secret",
  );
  const rsa = step(
    (await signPhotos({ signatureMethod: "RSA-SHA1" }, {
      ...SECRETS,
      privateKey: rsaKey.pem,
    })).trace,
    "signature",
  );
  assert.equal(rsa.key.structure, "RSA private key (PKCS#8)");
});

Deno.test("the trace masks each secret as its length and SHA-256 fingerprint by default", async () => {
  const { key } = step((await signPhotos()).trace, "signature");
  assert.deepEqual(key.consumerSecret, {
    length: SECRETS.consumerSecret.length,
    fingerprint: fingerprint(SECRETS.consumerSecret),
  });
  assert.deepEqual(key.tokenSecret, {
    length: SECRETS.tokenSecret!.length,
    fingerprint: fingerprint(SECRETS.tokenSecret!),
  });
  assert.equal("value" in key.consumerSecret, false);
});

Deno.test("the trace shows an absent token secret as empty, with the empty string's fingerprint", async () => {
  const { key } = step(
    (await signPhotos({}, { consumerKey: "ck", consumerSecret: "cs" })).trace,
    "signature",
  );
  assert.deepEqual(key.tokenSecret, {
    length: 0,
    fingerprint: "sha256:e3b0c442",
  });
  assert.equal(fingerprint(""), "sha256:e3b0c442");
});

Deno.test("the trace shows the secrets with revealSecrets: true", async () => {
  const { key } = step(
    (await signPhotos({ revealSecrets: true })).trace,
    "signature",
  );
  assert.deepEqual(key.consumerSecret, {
    length: SECRETS.consumerSecret.length,
    fingerprint: fingerprint(SECRETS.consumerSecret),
    value: SECRETS.consumerSecret,
  });
  assert.equal(key.tokenSecret.value, SECRETS.tokenSecret);
});

for (const placement of ["header", "query", "body"] as const) {
  Deno.test(`the trace masks the PLAINTEXT signature, which is the key, in the signature and ${placement} placement steps`, async () => {
    const signed = await signPhotos({
      signatureMethod: "PLAINTEXT",
      placement,
    });
    assert.equal(
      signed.signature,
      "consumer-SECRET-kd94hf93&token-SECRET-pfkkdhi9",
    );
    const signature = step(signed.trace, "signature");
    assert.equal(
      signature.signature,
      "(the signing key, 46 characters, masked)",
    );
    assert.equal(signature.digestHex, undefined);
    const placed = step(signed.trace, "placement").value!;
    assert.match(placed, /oauth_signature="?\(masked\)/);
    const json = JSON.stringify(signed.trace);
    for (const form of secretForms(SECRETS)) {
      assert.ok(!json.includes(form), form);
    }
  });
}

Deno.test("the trace shows the PLAINTEXT signature with revealSecrets: true", async () => {
  const signed = await signPhotos({
    signatureMethod: "PLAINTEXT",
    revealSecrets: true,
  });
  assert.equal(step(signed.trace, "signature").signature, signed.signature);
  assert.equal(step(signed.trace, "placement").value, signed.authorization);
});

for (
  const [placement, section] of [["header", "3.5.1"], ["body", "3.5.2"], [
    "query",
    "3.5.3",
  ]] as const
) {
  Deno.test(`the trace's placement step holds what ${placement} placement sends`, async () => {
    const signed = await signPhotos({ placement });
    const expected = {
      header: signed.authorization,
      query: signed.url,
      body: signed.body,
    }[placement];
    assert.deepEqual(step(signed.trace, "placement"), {
      step: "placement",
      section,
      placement,
      value: expected,
    });
  });
}

Deno.test('the trace of a custom signature method has the section "custom"', async () => {
  const signed = await signPhotos({
    signatureMethod: {
      name: "X-NONE",
      keyStructure: "no key",
      sign: () => Promise.resolve({ signature: "sig", digest: undefined }),
    },
  });
  const signature = step(signed.trace, "signature");
  assert.equal(signature.section, "custom");
  assert.equal(signature.key.structure, "no key");
  assert.match(
    formatTrace(signed.trace),
    /^Step 4: the signature \(X-NONE\)$/m,
  );
});

Deno.test("JSON.stringify(trace) holds no secret for any signature method or placement", async () => {
  const credentials = { ...SECRETS, privateKey: rsaKey.pem };
  const methods: SignatureMethodName[] = [
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    "PLAINTEXT",
    "RSA-SHA1",
    "RSA-SHA256",
  ];
  const placements: Placement[] = ["header", "query", "body"];
  for (const signatureMethod of methods) {
    for (const placement of placements) {
      const { trace } = await signPhotos(
        { signatureMethod, placement },
        credentials,
      );
      const outputs = [
        JSON.stringify(trace),
        formatTrace(trace),
        formatTrace(trace, { color: true }),
        formatTrace(trace, { format: "markdown" }),
      ];
      for (const output of outputs) {
        for (const form of secretForms(credentials)) {
          assert.ok(
            !output.includes(form),
            `${signatureMethod}/${placement}: ${form}`,
          );
        }
      }
    }
  }
});

Deno.test("the trace is plain data that survives structuredClone", async () => {
  const { trace } = await signPhotos();
  assert.deepEqual(structuredClone(trace), trace);
});

Deno.test("formatTrace() renders each step with its RFC 5849 section for a terminal, without colour by default", async () => {
  const signed = await signPhotos();
  const text = formatTrace(signed.trace);
  assert.equal(text.includes("\x1b["), false);
  const headings = text.split("\n").filter((line) => /^\S/.test(line));
  assert.deepEqual(headings, [
    "The request",
    "Step 1: the base string URI (RFC 5849 §3.4.1.2)",
    "Step 2: the parameters (RFC 5849 §3.4.1.3)",
    "Step 3: the signature base string (RFC 5849 §3.4.1.1)",
    "Step 4: the signature (RFC 5849 §3.4.2, HMAC-SHA1)",
    "Sending it (RFC 5849 §3.5.1, header)",
  ]);
  assert.ok(text.includes(signed.baseString));
  assert.ok(text.includes(`oauth_signature ${signed.signature}`));
  assert.ok(
    text.includes(
      `${SECRETS.consumerSecret.length} characters, ${
        fingerprint(SECRETS.consumerSecret)
      }`,
    ),
  );
  assert.match(
    text,
    /^ {2}rules applied {3}scheme lower-cased; host lower-cased; default port dropped; query dropped; fragment dropped$/m,
  );
  // The value as given; below it, the encoded pair, as the name encodes too.
  assert.match(text, /^ {3}1 body {4}a b +x\+y\n +→ a%20b=x%2By$/m);
  assert.ok(text.endsWith("\n") && !text.endsWith("\n\n"));
});

Deno.test("formatTrace() colours the terminal output only with color: true", async () => {
  const { trace } = await signPhotos();
  const coloured = formatTrace(trace, { color: true });
  assert.ok(coloured.includes("\x1b[1mStep 1: the base string URI"));
  // deno-lint-ignore no-control-regex
  assert.equal(coloured.replace(/\x1b\[\d+m/g, ""), formatTrace(trace));
});

Deno.test("formatTrace() renders Markdown: headings, a parameter table and fenced base string, never colour", async () => {
  const signed = await signRequest(
    { method: "GET", url: "http://e.com/p?pipe=a|b&tick=`x`" },
    SECRETS,
    { ...FIXED, version: false },
  );
  const markdown = formatTrace(signed.trace, {
    format: "markdown",
    color: true,
  });
  assert.equal(markdown.includes("\x1b["), false);
  assert.deepEqual(
    markdown.split("\n").filter((line) => line.startsWith("### ")),
    [
      "### The request",
      "### Step 1: the base string URI (RFC 5849 §3.4.1.2)",
      "### Step 2: the parameters (RFC 5849 §3.4.1.3)",
      "### Step 3: the signature base string (RFC 5849 §3.4.1.1)",
      "### Step 4: the signature (RFC 5849 §3.4.2, HMAC-SHA1)",
      "### Sending it (RFC 5849 §3.5.1, header)",
    ],
  );
  assert.ok(
    markdown.includes(
      "| # | source | name | value | encoded |\n|---|---|---|---|---|\n",
    ),
  );
  assert.ok(
    markdown.includes("| 6 | query | `pipe` | `a\\|b` | `pipe=a%7Cb` |"),
  );
  assert.ok(
    markdown.includes("| 7 | query | `tick` | `ˋxˋ` | `tick=%60x%60` |"),
  );
  assert.ok(markdown.includes("```\n" + signed.baseString + "\n```"));
  assert.ok(
    markdown.includes(`- base string URI: \`${signed.baseStringUri}\``),
  );
});

Deno.test("formatTrace() shows revealed secrets and an empty token secret as (empty)", async () => {
  const revealed = formatTrace(
    (await signPhotos({ revealSecrets: true })).trace,
  );
  assert.ok(
    revealed.includes(
      `"${SECRETS.consumerSecret}", ${SECRETS.consumerSecret.length} characters`,
    ),
  );
  const noToken = formatTrace(
    (await signPhotos({}, { consumerKey: "ck", consumerSecret: "cs" })).trace,
  );
  assert.match(noToken, /^ {2}token secret {4}\(empty\)$/m);
});
