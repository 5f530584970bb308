// verifyRequest() over real HTTP: a Deno.serve() verifier on 127.0.0.1, port
// 0, receives requests signed by signRequest() and by oauthlib's Client
// (/usr/bin/python3, oauthlib 3.2.2, recorded in tests/testdata/oracle/),
// untouched and tampered with.
// Credentials are RFC 5849 §1.2's.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import {
  authorizationHeader,
  type Credentials,
  memoryNonceStore,
  type NonceStore,
  parseAuthorizationHeader,
  problemResponse,
  SIGNATURE_METHODS,
  type SignatureMethod,
  type SignOptions,
  signRequest,
  type VerifyLookup,
  type VerifyOptions,
  verifyRequest,
} from "../../mod.ts";
import {
  type Loopback,
  rsaTestKey,
  serveLoopback,
} from "../support/support.ts";
import { oracle } from "../support/oracle.ts";

// The names every "must be one of" message lists: the table's, in order.
const METHOD_NAMES = SIGNATURE_METHODS.map((m) => m.name).join(", ");

const CLIENT: Credentials = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
const OTHER: Credentials = {
  consumerKey: "other-client",
  consumerSecret: "other-secret",
  token: "other-token",
  tokenSecret: "other-token-secret",
};
const SECRETS = [
  CLIENT.consumerSecret,
  CLIENT.tokenSecret!,
  "kd94hf93k423kf44&pfkkdhi9sl3r4s00",
];

const rsaKey = await rsaTestKey();
const PRIVATE_PEM = rsaKey.pem;
const PUBLIC_PEM = rsaKey.publicPem;
const RSA_CLIENT: Credentials = {
  consumerKey: "rsa-client",
  consumerSecret: "",
  privateKey: PRIVATE_PEM,
};

const lookup: VerifyLookup = {
  consumer(key) {
    const found = [CLIENT, OTHER].find((c) => c.consumerKey === key);
    if (found) return Promise.resolve({ secret: found.consumerSecret });
    return Promise.resolve(
      key === RSA_CLIENT.consumerKey
        ? { secret: "", publicKey: PUBLIC_PEM }
        : undefined,
    );
  },
  token(token, consumerKey) {
    const found = [CLIENT, OTHER].find((c) =>
      c.token === token && c.consumerKey === consumerKey
    );
    return Promise.resolve(found && { secret: found.tokenSecret! });
  },
};

/** A verifier on loopback that answers 200 with the result, or the problem. */
/**
 * A verifier on a loopback server. With `origin`, the URL verified is that
 * origin with the path and query received, as behind a proxy.
 */
function verifier(
  options: VerifyOptions = {},
  origin?: string,
): Loopback & { store: NonceStore } {
  const store = options.nonceStore ?? memoryNonceStore();
  const server = serveLoopback(async (request) => {
    const { pathname, search } = new URL(request.url);
    const result = await verifyRequest(request, lookup, {
      nonceStore: store,
      ...(origin === undefined ? {} : { url: origin + pathname + search }),
      ...options,
    });
    if (!result.ok) return problemResponse(result, { development: true });
    // The handler can still read the body after verification.
    return Response.json({ ...result, body: await request.text() });
  });
  return { ...server, store };
}

async function problemOf(response: Response): Promise<URLSearchParams> {
  return new URLSearchParams(await response.text());
}

async function send(
  server: Loopback,
  request: { method?: string; path: string; body?: URLSearchParams | string },
  credentials: Credentials = CLIENT,
  options: SignOptions = {},
): Promise<Response> {
  const signed = await signRequest(
    {
      method: request.method ?? "GET",
      url: server.url + request.path,
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    credentials,
    options,
  );
  return fetch(signed.toRequest());
}

for (const placement of ["header", "query", "body"] as const) {
  Deno.test(`verifyRequest() accepts a request signed in the ${placement} over HTTP`, async () => {
    const server = verifier();
    try {
      const response = await send(
        server,
        {
          method: "POST",
          path: "/photos?file=vacation.jpg&size=original",
          body: new URLSearchParams({ status: "a b+c", empty: "" }),
        },
        CLIENT,
        { placement, realm: "Photos" },
      );
      assert.equal(response.status, 200);
      const result = await response.json();
      assert.equal(result.consumerKey, CLIENT.consumerKey);
      assert.equal(result.token, CLIENT.token);
      assert.equal(result.body.includes("status=a"), true);
      assert.equal(result.realm, placement === "header" ? "Photos" : undefined);
      assert.match(
        result.baseString,
        /^POST&http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fphotos&empty%3D%26file%3Dvacation\.jpg/,
      );
    } finally {
      await server.close();
    }
  });
}

for (
  const [method, credentials] of [
    ["HMAC-SHA1", CLIENT],
    ["HMAC-SHA256", CLIENT],
    ["HMAC-SHA512", CLIENT],
    ["RSA-SHA1", RSA_CLIENT],
    ["RSA-SHA256", RSA_CLIENT],
  ] as const
) {
  Deno.test(`verifyRequest() accepts ${method} and refuses it with one bit changed`, async () => {
    const server = verifier();
    try {
      const signed = await signRequest(
        { method: "GET", url: `${server.url}/photos?size=original` },
        credentials,
        { signatureMethod: method },
      );
      assert.equal((await fetch(signed.toRequest())).status, 200);
      const bytes = Uint8Array.fromBase64(signed.signature);
      bytes[0]! ^= 1;
      const forged = tamperHeader(
        signed.authorization,
        "oauth_signature",
        bytes.toBase64(),
      );
      const response = await fetch(`${server.url}/photos?size=original`, {
        headers: { authorization: forged },
      });
      assert.equal(response.status, 401);
      assert.equal(
        (await problemOf(response)).get("oauth_problem"),
        "signature_invalid",
      );
    } finally {
      await server.close();
    }
  });
}

for (
  const [method, credentials] of [
    ["HMAC-SHA1", CLIENT],
    ["RSA-SHA1", RSA_CLIENT],
  ] as const
) {
  Deno.test(`verifyRequest() refuses a ${method} signature that is not canonical base64 as signature_invalid, though a lenient decoder reads the same bytes`, async () => {
    const server = verifier();
    try {
      const signed = await signRequest(
        { method: "GET", url: `${server.url}/photos?size=original` },
        credentials,
        { signatureMethod: method },
      );
      const sig = signed.signature;
      const ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      const pad = sig.indexOf("=");
      // The last character before "=" carries unused bits; set one of them.
      const last = pad - 1;
      const changedBits = sig.slice(0, last) +
        ALPHABET[ALPHABET.indexOf(sig[last]!) ^ 1] + sig.slice(pad);
      const variants = {
        "changed padding bits": changedBits,
        "missing padding": sig.slice(0, pad),
        "base64url": sig.replaceAll("+", "-").replaceAll("/", "_"),
        "a line break": `${sig.slice(0, 8)}\n${sig.slice(8)}`,
      };
      for (const [what, value] of Object.entries(variants)) {
        // node:buffer is the lenient decoder that a careless verifier uses.
        assert.deepEqual(
          Buffer.from(value, "base64"),
          Buffer.from(sig, "base64"),
          what,
        );
        if (what === "base64url" && value === sig) continue;
        const response = await fetch(`${server.url}/photos?size=original`, {
          headers: {
            authorization: tamperHeader(
              signed.authorization,
              "oauth_signature",
              value,
            ),
          },
        });
        assert.equal(response.status, 401, what);
        assert.equal(
          (await problemOf(response)).get("oauth_problem"),
          "signature_invalid",
          what,
        );
      }
    } finally {
      await server.close();
    }
  });
}

function tamperHeader(
  header: string,
  name: string,
  value: string | undefined,
  duplicate = false,
): string {
  const { realm, parameters } = parseAuthorizationHeader(header);
  const changed = parameters.flatMap(([n, v]): [string, string][] =>
    n !== name
      ? [[n, v]]
      : value === undefined
      ? []
      : duplicate
      ? [[n, v], [n, value]]
      : [[n, value]]
  );
  return authorizationHeader(changed, realm);
}

interface Tampering {
  what: string;
  problem: string;
  status: number;
  /** The base URL the client signed for, when not the server's own. */
  signedFor?: (base: string) => string;
  /** Changes the signed `POST /photos?file=vacation.jpg&size=original`. */
  change(signed: { url: string; authorization: string }): {
    url: string;
    method?: string;
    authorization: string;
    body?: string;
  };
}

const TAMPERINGS: Tampering[] = [
  {
    what: "the method",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, method: "PUT" }),
  },
  {
    what: "the path",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, url: s.url.replace("/photos", "/photo") }),
  },
  {
    what: "the host (signed for localhost, sent to 127.0.0.1)",
    problem: "signature_invalid",
    status: 401,
    signedFor: (base) => base.replace("127.0.0.1", "localhost"),
    change: (s) => s,
  },
  {
    what: "a query parameter's value",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, url: s.url.replace("size=original", "size=big") }),
  },
  {
    what: "an added query parameter",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, url: `${s.url}&extra=1` }),
  },
  {
    what: "a removed query parameter",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, url: s.url.replace("&size=original", "") }),
  },
  {
    what: "the form body",
    problem: "signature_invalid",
    status: 401,
    change: (s) => ({ ...s, body: "status=tampered" }),
  },
  ...(
    [
      ["oauth_consumer_key", OTHER.consumerKey, "token_rejected", 401],
      ["oauth_consumer_key", "nobody", "consumer_key_unknown", 401],
      ["oauth_token", "other-token", "token_rejected", 401],
      ["oauth_token", "no-such-token", "token_rejected", 401],
      ["oauth_nonce", "another-nonce", "signature_invalid", 401],
      ["oauth_timestamp", "+1", "signature_invalid", 401],
      ["oauth_timestamp", "not-a-number", "parameter_rejected", 400],
      ["oauth_signature_method", "HMAC-SHA256", "signature_invalid", 401],
      ["oauth_signature_method", "HMAC-MD5", "signature_method_rejected", 400],
      ["oauth_version", "1.1", "version_rejected", 400],
      [
        "oauth_signature",
        "wOJIO9A2W5mFwDgiDvZbTSMK/PY=",
        "signature_invalid",
        401,
      ],
      ["oauth_signature", "not base64!", "signature_invalid", 401],
    ] as const
  ).map(([name, value, problem, status]): Tampering => ({
    what: `${name} set to ${JSON.stringify(value)}`,
    problem,
    status,
    change: (s) => {
      const old = parseAuthorizationHeader(s.authorization).parameters.find((
        [n],
      ) => n === name)![1];
      const next = value === "+1" ? String(Number(old) + 1) : value;
      return { ...s, authorization: tamperHeader(s.authorization, name, next) };
    },
  })),
  ...[
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
  ].map((name): Tampering => ({
    what: `${name} removed`,
    problem: "parameter_absent",
    status: 400,
    change: (s) => ({
      ...s,
      authorization: tamperHeader(s.authorization, name, undefined),
    }),
  })),
  {
    what: "oauth_nonce sent twice",
    problem: "parameter_rejected",
    status: 400,
    change: (s) => ({
      ...s,
      authorization: tamperHeader(s.authorization, "oauth_nonce", "x", true),
    }),
  },
  {
    what: "oauth_token also sent in the query",
    problem: "parameter_rejected",
    status: 400,
    change: (s) => ({ ...s, url: `${s.url}&oauth_token=${CLIENT.token}` }),
  },
  {
    what: "a malformed Authorization header",
    problem: "parameter_rejected",
    status: 400,
    change: (s) => ({ ...s, authorization: s.authorization.replace(",", "") }),
  },
];

for (const tampering of TAMPERINGS) {
  Deno.test(`verifyRequest() refuses ${tampering.what} with ${tampering.problem}`, async () => {
    const server = verifier();
    try {
      const path = "/photos?file=vacation.jpg&size=original";
      const body = "status=hello";
      const signed = await signRequest(
        {
          method: "POST",
          url: (tampering.signedFor?.(server.url) ?? server.url) + path,
          body: new URLSearchParams(body),
        },
        CLIENT,
      );
      const sent = tampering.change({
        url: server.url + path,
        authorization: signed.authorization,
      });
      const response = await fetch(sent.url, {
        method: sent.method ?? "POST",
        headers: {
          authorization: sent.authorization,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: sent.body ?? body,
      });
      const problem = await problemOf(response);
      assert.equal(problem.get("oauth_problem"), tampering.problem);
      assert.equal(response.status, tampering.status);
      assert.equal(
        response.headers.get("www-authenticate"),
        `OAuth oauth_problem="${tampering.problem}"`,
      );
      const text = [...problem.values()].join(" ");
      for (const secret of SECRETS) assert.ok(!text.includes(secret));
    } finally {
      await server.close();
    }
  });
}

Deno.test("verifyRequest() refuses a replayed request with nonce_used", async () => {
  const server = verifier();
  try {
    const signed = await signRequest(
      { method: "GET", url: `${server.url}/photos?size=original` },
      CLIENT,
    );
    assert.equal((await fetch(signed.toRequest())).status, 200);
    const replay = await fetch(signed.toRequest());
    assert.equal(replay.status, 401);
    assert.equal((await problemOf(replay)).get("oauth_problem"), "nonce_used");
  } finally {
    await server.close();
  }
});

Deno.test("verifyRequest() says the nonce store is full rather than that a new nonce was used (regression: a full store reported every request as a replay)", async () => {
  const nonceStore = memoryNonceStore({ maxSize: 1 });
  const sign = (nonce: string) =>
    signRequest(
      { method: "GET", url: "https://photos.example.net/photos" },
      CLIENT,
      { nonce },
    );
  const first = await sign("first");
  const second = await sign("second");
  assert.ok(
    (await verifyRequest(first.toRequest(), lookup, { nonceStore })).ok,
  );
  const full = await verifyRequest(second.toRequest(), lookup, { nonceStore });
  assert.ok(!full.ok);
  assert.equal(full.problem.code, "nonce_used");
  assert.equal(
    full.problem.detail,
    "Cannot verify request: oauth_nonce must be recorded to refuse replays: the server's nonce store is full of nonces still in the timestamp window, try again later",
  );
  // A true replay still reads as one, full store or not.
  const replay = await verifyRequest(first.toRequest(), lookup, { nonceStore });
  assert.match(replay.ok ? "" : replay.problem.detail, /was used before$/);
});

Deno.test("verifyRequest() refuses a replay in the last second of the timestamp window (regression: the memory store forgot a nonce one second early)", async () => {
  const nonceStore = memoryNonceStore();
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
    { timestamp: 137131200 },
  );
  const at = (now: number) =>
    verifyRequest(signed.toRequest(), lookup, {
      nonceStore,
      timestampWindow: 300,
      now,
    });
  assert.ok((await at(137131200)).ok);
  const last = await at(137131500); // |timestamp - now| = window: accepted
  assert.equal(last.ok ? "accepted" : last.problem.code, "nonce_used");
  const after = await at(137131501);
  assert.equal(after.ok ? "accepted" : after.problem.code, "timestamp_refused");
});

Deno.test("verifyRequest() refuses a request when the nonce store is unavailable, and says so", async () => {
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
  );
  const result = await verifyRequest(signed.toRequest(), lookup, {
    nonceStore: { use: () => Promise.resolve("unavailable") },
  });
  assert.ok(!result.ok);
  assert.equal(result.problem.code, "nonce_used");
  assert.equal(
    result.problem.detail,
    "Cannot verify request: oauth_nonce must be recorded to refuse replays: the server's nonce store is unavailable, try again later",
  );
});

Deno.test("verifyRequest() refuses a stale timestamp and names the window", async () => {
  const server = verifier({ timestampWindow: 300 });
  try {
    const now = Math.floor(Date.now() / 1000);
    const response = await send(server, { path: "/photos" }, CLIENT, {
      timestamp: now - 301 - 5, // 5 s of slack for a slow machine
    });
    assert.equal(response.status, 401);
    const problem = await problemOf(response);
    assert.equal(problem.get("oauth_problem"), "timestamp_refused");
    const [from, to] = problem.get("oauth_acceptable_timestamps")!.split("-")
      .map(Number);
    assert.equal(to! - from!, 600);
    assert.ok(Math.abs(from! - (now - 300)) <= 5);
  } finally {
    await server.close();
  }
});

Deno.test("verifyRequest() refuses PLAINTEXT over plain http unless allowed", async () => {
  const strict = verifier();
  const lenient = verifier({ allowPlaintextOverHttp: true });
  try {
    const refused = await send(strict, { path: "/photos" }, CLIENT, {
      signatureMethod: "PLAINTEXT",
    });
    assert.equal(refused.status, 400);
    assert.equal(
      (await problemOf(refused)).get("oauth_problem"),
      "signature_method_rejected",
    );
    const accepted = await send(lenient, { path: "/photos" }, CLIENT, {
      signatureMethod: "PLAINTEXT",
    });
    assert.equal(accepted.status, 200);
  } finally {
    await strict.close();
    await lenient.close();
  }
});

Deno.test("verifyRequest() accepts PLAINTEXT without timestamp and nonce over https", async () => {
  // RFC 5849 §3.1: timestamp and nonce MAY be omitted with PLAINTEXT.
  const header = authorizationHeader([
    ["oauth_consumer_key", CLIENT.consumerKey],
    ["oauth_token", CLIENT.token!],
    ["oauth_signature_method", "PLAINTEXT"],
    ["oauth_signature", `${CLIENT.consumerSecret}&${CLIENT.tokenSecret}`],
  ]);
  const request = new Request("https://photos.example.net/photos", {
    headers: { authorization: header },
  });
  const result = await verifyRequest(request, lookup);
  assert.ok(result.ok);
  assert.equal(result.nonce, undefined);
  const wrong = await verifyRequest(
    new Request(request.url, {
      headers: { authorization: header.replace("pfkk", "pfkl") },
    }),
    lookup,
  );
  assert.equal(wrong.ok ? "" : wrong.problem.code, "signature_invalid");
});

Deno.test("verifyRequest() refuses a signature method outside the accepted list", async () => {
  const md5: SignatureMethod = {
    name: "HMAC-MD5",
    keyStructure: "test",
    sign: () => Promise.resolve({ signature: "x", digest: undefined }),
  };
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
    { signatureMethod: md5 },
  );
  const result = await verifyRequest(signed.toRequest(), lookup);
  assert.equal(
    result.ok ? "" : result.problem.code,
    "signature_method_rejected",
  );
  const sha1Only = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
    { signatureMethod: "HMAC-SHA256" },
  );
  const refused = await verifyRequest(sha1Only.toRequest(), lookup, {
    signatureMethods: ["HMAC-SHA1"],
  });
  assert.equal(
    refused.ok ? "" : refused.problem.detail,
    'Cannot verify request: signature method must be one of HMAC-SHA1: current method is "HMAC-SHA256"',
  );
});

Deno.test("verifyRequest() checks a custom method without verify() by signing again", async () => {
  const reversed: SignatureMethod = {
    name: "REVERSED",
    keyStructure: "consumer secret reversed",
    sign: (base, secrets) =>
      Promise.resolve({
        signature: [...secrets.consumerSecret].reverse().join("") + base.length,
        digest: undefined,
      }),
  };
  // The store begins before the request is signed, as a server runs before
  // its clients sign: a store refuses requests signed before it began.
  const options = {
    signatureMethods: [reversed],
    nonceStore: memoryNonceStore(),
  };
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
    { signatureMethod: reversed },
  );
  assert.ok((await verifyRequest(signed.toRequest(), lookup, options)).ok);
  const other = await signRequest(
    { method: "GET", url: "https://photos.example.net/photo" },
    CLIENT,
    { signatureMethod: reversed },
  );
  const forged = new Request(signed.toRequest().url, {
    headers: { authorization: other.authorization },
  });
  const result = await verifyRequest(forged, lookup, options);
  assert.equal(result.ok ? "" : result.problem.code, "signature_invalid");
});

Deno.test("verifyRequest() requires a token when requireToken is set", async () => {
  const { token: _t, tokenSecret: _s, ...consumerOnly } = CLIENT;
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    consumerOnly,
  );
  assert.ok((await verifyRequest(signed.toRequest(), lookup)).ok);
  const result = await verifyRequest(signed.toRequest(), lookup, {
    requireToken: true,
  });
  assert.deepEqual(result.ok ? [] : result.problem.parametersAbsent, [
    "oauth_token",
  ]);
});

Deno.test("verifyRequest() ignores an Authorization header of another scheme", async () => {
  const result = await verifyRequest(
    new Request("https://photos.example.net/photos", {
      headers: { authorization: "Bearer abc" },
    }),
    lookup,
  );
  assert.equal(result.ok ? "" : result.problem.code, "parameter_absent");
});

Deno.test("verifyRequest() checks oauth_body_hash against the raw body", async () => {
  const server = verifier();
  try {
    const request = {
      method: "PUT",
      url: `${server.url}/photos/1`,
      headers: { "content-type": "application/json" },
      body: '{"title":"Vacation"}',
    };
    for (const hash of ["SHA-1", "SHA-256"] as const) {
      const signed = await signRequest(request, CLIENT, { bodyHash: hash });
      assert.equal((await fetch(signed.toRequest())).status, 200);
      const again = await signRequest(request, CLIENT, { bodyHash: hash });
      const tampered = new Request(again.toRequest(), {
        body: '{"title":"Other"}',
      });
      const response = await fetch(tampered);
      assert.equal(response.status, 400);
      const problem = await problemOf(response);
      assert.equal(problem.get("oauth_problem"), "parameter_rejected");
      assert.equal(problem.get("oauth_parameters_rejected"), null);
      assert.match(problem.get("oauth_problem_advice")!, new RegExp(hash));
    }
  } finally {
    await server.close();
  }
});

Deno.test("verifyRequest() reads a body only when it is a form or oauth_body_hash is sent", async () => {
  // A body whose reading fails: a verifier that reads it throws.
  const unreadable = () =>
    new ReadableStream({
      pull(controller) {
        controller.error(new Error("the body was read"));
      },
    });
  const request = {
    method: "PUT",
    url: "https://photos.example.net/photos/1",
    headers: { "content-type": "application/json" },
    body: '{"title":"Vacation"}',
  };
  const plain = await signRequest(request, CLIENT);
  const result = await verifyRequest(
    new Request(plain.toRequest(), { body: unreadable() }),
    lookup,
  );
  assert.equal(result.ok, true);
  const hashed = await signRequest(request, CLIENT, { bodyHash: "SHA-256" });
  await assert.rejects(
    verifyRequest(
      new Request(hashed.toRequest(), { body: unreadable() }),
      lookup,
    ),
    /the body was read/,
  );
  const form = await signRequest(
    {
      ...request,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=b",
    },
    CLIENT,
  );
  await assert.rejects(
    verifyRequest(
      new Request(form.toRequest(), { body: unreadable() }),
      lookup,
    ),
    /the body was read/,
  );
});

Deno.test("problemResponse() returns the server's base string only in development mode", async () => {
  const wrong = { ...CLIENT, consumerSecret: "wrong-secret" };
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos?size=original" },
    wrong,
  );
  const result = await verifyRequest(signed.toRequest(), lookup);
  assert.equal(result.ok, false);
  if (result.ok) return;
  const development = await problemOf(
    problemResponse(result, { development: true }),
  );
  // The client signed the same base string: only the secret was wrong.
  assert.equal(development.get("debug_sbs"), signed.baseString);
  const production = await problemOf(problemResponse(result));
  assert.equal(production.get("debug_sbs"), null);
  assert.equal(production.get("oauth_problem"), "signature_invalid");
  const all = [...development.values()].join(" ");
  for (const secret of [...SECRETS, "wrong-secret"]) {
    assert.ok(!all.includes(secret));
  }
});

Deno.test("problemResponse() encodes the absent parameters as the Problem Reporting list", async () => {
  const result = await verifyRequest(
    new Request("https://photos.example.net/photos?oauth_consumer_key=k"),
    lookup,
  );
  assert.equal(result.ok, false);
  if (result.ok) return;
  const response = problemResponse(result);
  assert.equal(response.status, 400);
  const text = await response.text();
  assert.match(
    text,
    /oauth_parameters_absent=oauth_signature_method%26oauth_signature%26oauth_timestamp%26oauth_nonce/,
  );
});

// oauthlib signs for the public origin, with a fixed nonce and timestamp, so
// that its answers can be recorded; the verifier behind the loopback server
// is told that origin (its url option, as behind a proxy) and that time.
const OAUTHLIB_ORIGIN = "http://photos.example.net";
const OAUTHLIB_NOW = 1191242096;
const OAUTHLIB_CASES = ["AUTH_HEADER", "QUERY", "BODY"].flatMap((type) =>
  ["HMAC-SHA1", "HMAC-SHA256", "RSA-SHA1", "PLAINTEXT"].map((method) => ({
    signatureType: type,
    method,
    rsa: method.startsWith("RSA"),
  }))
);
type Signed = { uri: string; headers: Record<string, string>; body: string };
let oauthlibSigned: Promise<Signed[]> | undefined;

/** oauthlib's signed requests, one per case, asked for once. */
function signedByOauthlib(): Promise<Signed[]> {
  return oauthlibSigned ??= oracle(
    "verify.oauthlib_client_sign",
    new URL("../fixtures/oauthlib_sign.py", import.meta.url),
    OAUTHLIB_CASES.map(({ signatureType, method, rsa }) => ({
      url:
        `${OAUTHLIB_ORIGIN}/photos?file=vacation.jpg&size=original&q=a+b%2Bc`,
      method: "POST",
      body: "status=Hello%20Ladies%20%2B%20Gentlemen&empty=",
      content_type: "application/x-www-form-urlencoded",
      signature_type: signatureType,
      signature_method: method,
      client_key: rsa ? RSA_CLIENT.consumerKey : CLIENT.consumerKey,
      client_secret: rsa ? "" : CLIENT.consumerSecret,
      resource_owner_key: rsa ? null : CLIENT.token,
      resource_owner_secret: rsa ? null : CLIENT.tokenSecret,
      rsa_key: rsa ? PRIVATE_PEM : null,
      realm: "Photos",
      nonce: `oauthlib-${signatureType}-${method}`,
      timestamp: String(OAUTHLIB_NOW),
    })),
  ) as Promise<Signed[]>;
}

for (const [i, { signatureType, method }] of OAUTHLIB_CASES.entries()) {
  Deno.test(`verifyRequest() accepts oauthlib's Client signing ${method} in ${signatureType}`, async () => {
    const signed = (await signedByOauthlib())[i]!;
    const server = verifier(
      { allowPlaintextOverHttp: true, now: OAUTHLIB_NOW },
      OAUTHLIB_ORIGIN,
    );
    try {
      const { pathname, search } = new URL(signed.uri);
      assert.equal(signed.uri, OAUTHLIB_ORIGIN + pathname + search);
      const response = await fetch(server.url + pathname + search, {
        method: "POST",
        headers: signed.headers,
        body: signed.body,
      });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      const result = JSON.parse(text);
      assert.equal(result.signatureMethod, method);
      assert.equal(result.body, signed.body);
    } finally {
      await server.close();
    }
  });
}

Deno.test("verifyRequest() throws for a clock that is not a number and a misspelt signature method, rather than pass every timestamp or refuse every request", async () => {
  const signed = await signRequest(
    { method: "GET", url: "https://photos.example.net/photos" },
    CLIENT,
    { timestamp: 137131202 },
  );
  await assert.rejects(
    verifyRequest(signed.toRequest(), lookup, { now: Number.NaN }),
    new RangeError(
      "Cannot verify request: now must be a finite number of seconds: current now is NaN",
    ),
  );
  await assert.rejects(
    verifyRequest(signed.toRequest(), lookup, {
      now: 137131202,
      signatureMethods: ["HMAC-SHA1", "HMAC-SHA-256" as "HMAC-SHA256"],
    }),
    new TypeError(
      `Cannot verify request: signature method must be one of ${METHOD_NAMES}: current method is "HMAC-SHA-256"`,
    ),
  );
});
