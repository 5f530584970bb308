// The internal codec against RFC 4648 §10's vectors and against node:buffer,
// an independent implementation, on random bytes; strict decoding refuses
// every non-canonical spelling that node:buffer would read leniently.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { fromBase64, toBase64, toHex } from "../../core/codec.ts";

// RFC 4648 §10, Test Vectors.
const RFC_4648 = [
  ["", ""],
  ["f", "Zg=="],
  ["fo", "Zm8="],
  ["foo", "Zm9v"],
  ["foob", "Zm9vYg=="],
  ["fooba", "Zm9vYmE="],
  ["foobar", "Zm9vYmFy"],
] as const;

Deno.test("toBase64() and fromBase64() reproduce RFC 4648 §10's vectors", () => {
  for (const [text, base64] of RFC_4648) {
    const bytes = new TextEncoder().encode(text);
    assert.equal(toBase64(bytes), base64);
    assert.deepEqual(fromBase64(base64), bytes);
  }
});

Deno.test("toHex() matches RFC 4648 §10's base16 vectors", () => {
  assert.equal(toHex(new TextEncoder().encode("foobar")), "666f6f626172");
  assert.equal(toHex(new Uint8Array([0, 15, 16, 255])), "000f10ff");
});

Deno.test("the codec agrees with node:buffer on random bytes, and decodes what it encodes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const base64 = toBase64(bytes);
      assert.equal(base64, Buffer.from(bytes).toString("base64"));
      assert.equal(toHex(bytes), Buffer.from(bytes).toString("hex"));
      assert.deepEqual(fromBase64(base64), bytes);
    }),
    { seed: 0x4648, numRuns: 500 },
  );
});

Deno.test("toBase64() encodes more bytes than one call's argument limit", () => {
  const bytes = new Uint8Array(200_000).map((_, i) => i * 7);
  assert.equal(toBase64(bytes), Buffer.from(bytes).toString("base64"));
});

Deno.test("fromBase64() refuses each non-canonical spelling that node:buffer reads leniently", () => {
  for (
    const [what, text] of [
      ["changed padding bits", "Zh=="],
      ["changed padding bits before one =", "Zm9="],
      ["missing padding", "Zg"],
      ["half the padding", "Zg="],
      ["base64url", "-_8="],
      ["white space", "Zm9v\nYmFy"],
      ["padding in the middle", "Zg==Zg=="],
      ["a character outside the alphabet", "Zm9*"],
    ] as const
  ) {
    assert.ok(Buffer.from(text, "base64").length > 0, what);
    assert.throws(() => fromBase64(text), SyntaxError, what);
  }
});

Deno.test("fromBase64() accepts exactly the texts that node:buffer decodes and encodes back to the same text", () => {
  const sextet = fc.constantFrom(
    ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  );
  const quad = fc.tuple(sextet, sextet, sextet, sextet).map((q) => q.join(""));
  const tail = fc.oneof(
    fc.constant(""),
    fc.tuple(sextet, sextet).map(([a, b]) => `${a}${b}==`),
    fc.tuple(sextet, sextet, sextet).map(([a, b, c]) => `${a}${b}${c}=`),
  );
  fc.assert(
    fc.property(fc.array(quad, { maxLength: 8 }), tail, (quads, end) => {
      const text = quads.join("") + end;
      const buffer = Buffer.from(text, "base64");
      if (buffer.toString("base64") === text) {
        assert.deepEqual(fromBase64(text), new Uint8Array(buffer));
      } else {
        assert.throws(() => fromBase64(text), SyntaxError);
      }
    }),
    { seed: 0x4648, numRuns: 2000 },
  );
});
