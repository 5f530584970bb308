// RFC 5849 §3.4.1.1: the signature base string.
import assert from "node:assert/strict";
import { signatureBaseString } from "../../steps/signature_base_string.ts";
import { expectError } from "../support/support.ts";
import { oracle } from "../support/oracle.ts";
import vectors from "../testdata/published.json" with { type: "json" };

for (const v of vectors.requests) {
  // Source: tests/testdata/published.json "requests", each naming its source.
  Deno.test(`signatureBaseString() builds the base string of the published request "${v.id}"`, () => {
    assert.equal(
      signatureBaseString(
        v.method,
        v.expected.baseStringUri,
        v.expected.normalizedParameters,
      ),
      v.expected.baseString,
    );
  });
}

Deno.test("signatureBaseString() joins method, encoded URI and encoded parameters with &", () => {
  assert.equal(
    signatureBaseString("GET", "http://e.com/", "a=1&b=2"),
    "GET&http%3A%2F%2Fe.com%2F&a%3D1%26b%3D2",
  );
});

Deno.test("signatureBaseString() upper-cases the method", () => {
  assert.equal(
    signatureBaseString("post", "http://e.com/", ""),
    "POST&http%3A%2F%2Fe.com%2F&",
  );
});

Deno.test("signatureBaseString() encodes the parameters a second time, so %20 becomes %2520", () => {
  assert.equal(
    signatureBaseString("GET", "http://e.com/r%20v", "a=r%20b&c%40="),
    "GET&http%3A%2F%2Fe.com%2Fr%2520v&a%3Dr%2520b%26c%2540%3D",
  );
});

Deno.test("signatureBaseString() keeps the trailing & when there are no parameters", () => {
  assert.equal(
    signatureBaseString("GET", "http://e.com/", ""),
    "GET&http%3A%2F%2Fe.com%2F&",
  );
});

Deno.test("signatureBaseString() percent-encodes a custom method that is an HTTP token", () => {
  assert.equal(
    signatureBaseString("M-SEARCH", "http://e.com/", ""),
    "M-SEARCH&http%3A%2F%2Fe.com%2F&",
  );
  assert.equal(
    signatureBaseString("PURGE!", "http://e.com/", ""),
    "PURGE%21&http%3A%2F%2Fe.com%2F&",
  );
});

Deno.test("signatureBaseString() agrees with oauthlib's signature_base_string()", async () => {
  const cases: [string, string, string][] = [
    [
      "GET",
      "http://photos.example.net/photos",
      "file=vacation.jpg&size=original",
    ],
    ["POST", "https://api.example.com/a%20b", "q=%C3%A9&z=%2B"],
    ["DELETE", "http://e.com:8080/", ""],
  ];
  const expected = await oracle(
    "signature_base_string.signature_base_string",
    `import json, sys
from oauthlib.oauth1.rfc5849.signature import signature_base_string
print(json.dumps([signature_base_string(*c) for c in json.load(sys.stdin)]))`,
    cases,
  );
  assert.deepEqual(
    cases.map(([m, u, p]) => signatureBaseString(m, u, p)),
    expected,
  );
});

Deno.test("signatureBaseString() refuses a method that is not an HTTP token", async () => {
  for (const method of ["", "GE T", "GET\r\n", "GÉT"]) {
    await expectError(
      () => signatureBaseString(method, "http://e.com/", ""),
      TypeError,
      `Cannot build signature base string: method must be an HTTP token such as "GET": current method is "${method}"`,
    );
  }
});
