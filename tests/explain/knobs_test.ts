// The knob table behind explain(): its facts (every wrong setting has a
// section and a source, ids are unique), the README's list of causes kept in
// step with it, the diff labelled with the parameter actually added, removed
// or changed, the client's own base string as evidence, the checklist when
// nothing is reproduced, and the search's progress and cancellation.
import assert from "node:assert/strict";
import {
  causes,
  explain,
  formatExplanation,
  knobCount,
} from "../../explain/explain.ts";
import {
  type Mistakes,
  sentWith,
  type TestRequest,
  wrongBaseString,
  wrongSign,
} from "../support/wrong_signer.ts";

const SECRETS = {
  consumerSecret: "kd94hf93k423kf44",
  tokenSecret: "pfkkdhi9sl3r4s00",
};
const OAUTH: [string, string][] = [
  ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
  ["oauth_token", "nnch734d00sl2jdk"],
  ["oauth_signature_method", "HMAC-SHA256"],
  ["oauth_timestamp", "1700000000"],
  ["oauth_nonce", "4f1c0a9e77d2"],
  ["oauth_version", "1.0"],
];
const NETSUITE: TestRequest = {
  method: "POST",
  url:
    "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=123&deploy=1",
  body: '{"id":7}',
  contentType: "application/json",
  oauth: OAUTH,
};
const FORM: TestRequest = {
  method: "POST",
  url: "https://api.x.com/1.1/statuses/update.json",
  body: "status=hello",
  contentType: "application/x-www-form-urlencoded",
  oauth: OAUTH,
};

const captured = sentWith;

async function explainSigned(
  request: TestRequest,
  mistakes: Mistakes,
  realm?: string,
) {
  const signature = wrongSign(request, SECRETS, mistakes);
  return await explain(captured(request, signature, realm), SECRETS);
}

Deno.test("every wrong setting has a title, a fix, an RFC 5849 section and where it was seen; ids are unique", () => {
  assert.equal(new Set(causes.map((c) => c.id)).size, causes.length);
  assert.equal(new Set(causes.map((c) => c.knob)).size, knobCount);
  for (const c of causes) {
    assert.match(c.section, /^3(\.\d+)+$/, c.id);
    assert.ok(c.title !== "" && c.fix !== "" && c.rfc !== "", c.id);
    assert.ok(c.seenIn.length > 0, `${c.id} has no source`);
  }
});

// The README's list of causes: one row a knob, its RFC section, its RFC
// value and its wrong settings, read cell by cell (the formatter pads them).
Deno.test("the README's list of causes is the knob table, knob by knob", async () => {
  const readme = await Deno.readTextFile(
    new URL("../../README.md", import.meta.url),
  );
  const rows = readme.split("\n").filter((line) => line.startsWith("| `"))
    .map((line) =>
      line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, "").trim())
    )
    .filter((cells) => cells.length === 4 && /^`[a-z-]+`$/.test(cells[0]!))
    .filter((cells) => causes.some((c) => `\`${c.knob}\`` === cells[0]));
  const knobs = [...new Set(causes.map((c) => c.knob))];
  assert.deepEqual(
    rows.map((cells) => cells[0]),
    knobs.map((k) => `\`${k}\``),
  );
  for (const [knob, section, rfc, settings] of rows) {
    const own = causes.filter((c) => `\`${c.knob}\`` === knob);
    assert.equal(section, `§${own[0]!.section}`, knob);
    assert.equal(rfc, own[0]!.rfc, knob);
    assert.deepEqual(
      [...settings!.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]),
      own.map((c) => c.id),
      knob,
    );
  }
  assert.match(
    readme,
    new RegExp(`${knobCount} knobs and their ${causes.length} wrong settings`),
  );
});

Deno.test("the diff of realm signed is labelled realm, added", async () => {
  const report = await explainSigned(NETSUITE, {
    alsoSign: [["realm", "1234567_SB1"]],
  }, "1234567_SB1");
  const [cause] = report.causes;
  assert.deepEqual(cause?.ids, ["realm-signed"]);
  assert.equal(cause.diff?.parameter, "realm");
  assert.equal(cause.diff?.change, "added");
  assert.match(formatExplanation(report), /\n +realm added\n/);
});

Deno.test("the diff of a form body left out is labelled with the body's parameter, removed", async () => {
  const report = await explainSigned(FORM, { omitFormBody: true });
  const [cause] = report.causes;
  assert.deepEqual(cause?.ids, ["form-body-omitted"]);
  assert.equal(cause.diff?.parameter, "status");
  assert.equal(cause.diff?.change, "removed");
});

Deno.test("the diff of parameters left unsorted is labelled as their order, not as pairs added", async () => {
  // NetSuite's query (script=123&deploy=1) is not in sorted order: unsorted,
  // the same pairs come in another order.
  const report = await explainSigned(NETSUITE, { order: "none" });
  const [cause] = report.causes;
  assert.deepEqual(cause?.ids, ["unsorted"]);
  assert.equal(cause.diff?.change, "order");
  assert.equal(cause.diff?.parameter, "the order of the parameters");
});

Deno.test("the diff of NetSuite's query left out removes script and deploy, pair by pair", async () => {
  const report = await explainSigned(NETSUITE, { omitQuery: true });
  const [cause] = report.causes;
  assert.deepEqual(cause?.ids, ["query-omitted"]);
  const diff = cause.diff!;
  assert.equal(diff.parameter, "deploy, script");
  assert.equal(diff.change, "removed");
  // The aligned lines are the two base strings, padded; the marks fall only
  // on the removed pairs and their separators.
  assert.equal(
    diff.request.replaceAll("·", ""),
    wrongBaseString(NETSUITE),
  );
  assert.equal(
    diff.server.replaceAll("·", ""),
    wrongBaseString(NETSUITE, { omitQuery: true }),
  );
  const marked = [...diff.marks].map((m, i) => m === "^" ? diff.request[i] : "")
    .join("");
  assert.equal(marked, "deploy%3D1%26%26script%3D123");
});

Deno.test("explain() names the departure of the base string the client logged, step by step, and the key searched over it", async () => {
  const base: Mistakes = {
    omitQuery: true,
    alsoSign: [["realm", "1234567_SB1"]],
    method: "post",
    uri: (u) => u + "/",
  };
  const request = NETSUITE;
  const mistakes = { ...base, tokenSecretMissing: true };
  const signature = wrongSign(request, SECRETS, mistakes);
  const report = await explain(
    captured(request, signature, "1234567_SB1"),
    SECRETS,
    { clientBaseString: wrongBaseString(request, base) },
  );
  assert.deepEqual(report.causes.map((c) => [...c.ids].sort()), [[
    "method-lower-case",
    "query-omitted",
    "realm-signed",
    "token-secret-missing",
    "trailing-slash-added",
  ]]);
  assert.equal(report.causes[0]!.diff?.parameter, "the method");
});

Deno.test("explain() names nothing for a correct signature whatever base string the client logged", async () => {
  const signature = wrongSign(NETSUITE, SECRETS);
  const report = await explain(captured(NETSUITE, signature), SECRETS, {
    clientBaseString: wrongBaseString(NETSUITE, { omitQuery: true }),
  });
  assert.equal(report.verdict, "valid");
  assert.deepEqual(report.causes, []);
});

Deno.test("explain() gives the checklist of what it cannot see, in the request's own values, when nothing reproduces the signature", async () => {
  const signature = wrongSign(NETSUITE, { ...SECRETS, tokenSecret: "other" });
  const report = await explain(captured(NETSUITE, signature), SECRETS);
  assert.equal(report.explained, false);
  assert.deepEqual(report.causes, []);
  const [secrets, request, host, clock, more] = report.unexplained;
  assert.match(
    secrets!,
    /16 characters .* oauth_consumer_key "dpf43f3p2l4k3l03" and oauth_token "nnch734d00sl2jdk"/,
  );
  assert.ok(!secrets!.includes(SECRETS.consumerSecret));
  assert.match(
    request!,
    /POST https:\/\/1234567-sb1\.restlets\.api\.netsuite\.com\/app\/site\/hosting\/restlet\.nl/,
  );
  assert.match(host!, /1234567-sb1\.restlets\.api\.netsuite\.com/);
  assert.match(clock!, /1700000000 is 2023-11-14T22:13:20\.000Z/);
  assert.match(
    more!,
    new RegExp(`${report.searched.combinations} combinations`),
  );
  assert.ok(report.searched.combinations > 100);
  const text = formatExplanation(report);
  assert.match(text, /What the search cannot see, to check in this order/);
});

Deno.test("explain() reports its progress and stops when its signal is aborted", async () => {
  const signature = wrongSign(NETSUITE, { ...SECRETS, tokenSecret: "other" });
  const request = captured(NETSUITE, signature);
  const seen: [number, number][] = [];
  await explain(request, SECRETS, {
    onProgress: (done, total) => seen.push([done, total]),
  });
  assert.ok(seen.length > 1);
  assert.deepEqual(seen.at(-1), [seen[0]![1], seen[0]![1]]);
  const controller = new AbortController();
  controller.abort(new Error("stopped by the user"));
  await assert.rejects(
    explain(request, SECRETS, { signal: controller.signal }),
    { message: "stopped by the user" },
  );
});
