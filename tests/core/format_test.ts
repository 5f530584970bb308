// Terminal output at 80 and 120 columns (issue 11): the trace and an
// explanation fit the width, except where one value without spaces (a URL, a
// base string, an encoded value) is longer than a line can be; sentences wrap
// at spaces; the diff's correct and wrong lines are coloured and explained.
import assert from "node:assert/strict";
import { wrap } from "../../core/format.ts";
import { explain, formatExplanation } from "../../explain/explain.ts";
import { importSignedUrl } from "../../client/import.ts";
import { signRequest } from "../../client/sign.ts";
import { formatTrace } from "../../client/trace.ts";
import { wrongBaseString, wrongSign } from "../support/wrong_signer.ts";

const SECRETS = {
  consumerSecret: "kd94hf93k423kf44",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
// A value this long has no place to break: it may run past the width.
const UNBREAKABLE = 30;

// deno-lint-ignore no-control-regex
const plain = (text: string): string => text.replace(/\x1b\[\d+m/g, "");

/** Lines longer than `width` that are not one long value after a short lead. */
function overlong(text: string, width: number): string[] {
  return plain(text).split("\n").filter((line) => {
    if (line.length <= width) return false;
    const last = line.slice(line.lastIndexOf(" ") + 1);
    const lead = line.slice(0, line.length - last.length);
    return last.length < UNBREAKABLE || lead.length > 40;
  });
}

async function doubleEncodedReport() {
  const request = {
    method: "GET",
    url: "http://example.com/r?foo=first%2Csecond",
    oauth: [
      ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
      ["oauth_token", "nnch734d00sl2jdk"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131202"],
      ["oauth_nonce", "chapoH"],
    ] as [string, string][],
  };
  const signature = wrongSign(request, SECRETS, { query: "literal" });
  const signedUrl = `${request.url}&${
    request.oauth.map(([n, v]) => `${n}=${v}`).join("&")
  }&oauth_signature=${encodeURIComponent(signature)}`;
  return await explain(importSignedUrl(signedUrl), SECRETS, {
    response: `oauth_problem=signature_invalid&debug_sbs=${
      wrongBaseString(request, { query: "literal" })
    }`,
  });
}

for (const width of [80, 120]) {
  Deno.test(`formatTrace() fits ${width} columns but for values without spaces, a 42-character nonce's row included`, async () => {
    const nonce = "n".repeat(42);
    const signed = await signRequest(
      {
        method: "POST",
        url:
          "https://api.example.com/1.1/statuses/update.json?include_entities=true",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body:
          "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
      },
      { consumerKey: "xvz1evFS4wEEPTGEFPHBog", ...SECRETS, token: "t" },
      { nonce, timestamp: 1318622958 },
    );
    const text = formatTrace(signed.trace, { width, color: true });
    assert.deepEqual(overlong(text, width), []);
    const row = plain(text).split("\n").find((line) =>
      line.includes(`oauth_nonce`) && line.includes(nonce)
    )!;
    assert.ok(row.length <= width, row);
    // No column repeats another: the name is not written again with its
    // encoded value where the name needs no encoding.
    assert.deepEqual(
      plain(text).split("\n").filter((line) =>
        line.includes("→") && line.includes(nonce)
      ),
      [],
    );
    assert.ok(!/oauth_signature_method +"?HMAC-SHA1"? → /.test(plain(text)));
  });

  Deno.test(`formatExplanation() fits ${width} columns but for values without spaces, its sentences wrapped at spaces`, async () => {
    const report = await doubleEncodedReport();
    const text = formatExplanation(report, { width });
    assert.deepEqual(overlong(text, width), []);
    // The fix, wrapped under its label, reads as the whole sentence.
    const cause = report.causes[0]!;
    const fix = text.slice(text.indexOf("  fix ")).split("\n");
    const lines = [fix[0]!, ...fix.slice(1).filter((l) => /^ {18}\S/.test(l))];
    const joined = lines.join(" ").replace(/ +/g, " ").replace(" fix ", "")
      .trim();
    assert.ok(joined.startsWith(cause.fix), `${joined}\n${cause.fix}`);
    // Every word of the sentences is whole on one line.
    for (const word of cause.fix.split(" ")) {
      assert.ok(text.includes(word), word);
    }
  });
}

Deno.test("formatExplanation() colours the diff's correct line green and its wrong line red, and says what they are", async () => {
  const text = formatExplanation(await doubleEncodedReport(), {
    color: true,
    width: 80,
  });
  const green = "\x1b[32m", red = "\x1b[31m";
  for (const [colour, label] of [[green, "correct"], [red, "wrong  "]]) {
    assert.ok(text.includes(`${colour}${label} …`), label);
  }
  for (const [colour, label] of [[green, "request"], [red, "server "]]) {
    assert.ok(text.includes(`${colour}${label} …`), label);
  }
  assert.match(
    plain(text),
    /correct is what a correct signer signs, wrong what this mistake signs;\s+·\s+pads\s+the\s+shorter\s+line,\s+\^\s+marks\s+where\s+they\s+differ/,
  );
  // NO_COLOR's choice, color: false, leaves the text plain and the same.
  const uncoloured = formatExplanation(await doubleEncodedReport(), {
    width: 80,
  });
  assert.equal(uncoloured.includes("\x1b["), false);
  assert.equal(plain(text), uncoloured);
});

// The headings once named "the tutorial's base URL", a story the library's
// output has no business telling.
Deno.test("formatExplanation() names a server view departing at step 1 as the base string URI, and no output mentions a tutorial", async () => {
  const request = {
    method: "GET",
    url: "http://example.com/r?a=1",
    oauth: [
      ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131202"],
      ["oauth_nonce", "chapoH"],
    ] as [string, string][],
  };
  const signedUrl = `${request.url}&${
    request.oauth.map(([n, v]) => `${n}=${v}`).join("&")
  }&oauth_signature=${encodeURIComponent(wrongSign(request, SECRETS))}`;
  const report = await explain(importSignedUrl(signedUrl), SECRETS, {
    baseString: wrongBaseString(request, {
      uri: (uri) => uri.replace("http:", "https:"),
    }),
  });
  assert.equal(report.server?.divergence, "base-string-uri");
  for (const format of ["terminal", "markdown"] as const) {
    const text = formatExplanation(report, { format });
    assert.ok(
      text.includes(
        "Server view: departs at Step 1: the base string URI (RFC 5849 §3.4.1.2)",
      ),
      format,
    );
    assert.ok(
      text.includes("Step 1: the base string URI (RFC 5849 §3.4.1.2)\n"),
      format,
    );
    assert.doesNotMatch(text, /tutorial/i);
  }
});

Deno.test("wrap() breaks at spaces and keeps a word longer than the line whole", () => {
  assert.deepEqual(wrap("aaa bbb ccc", 9, "  ", "    "), [
    "  aaa bbb",
    "    ccc",
  ]);
  const long = "x".repeat(20);
  assert.deepEqual(wrap(`a ${long} b`, 10, ""), ["a", long, "b"]);
});
