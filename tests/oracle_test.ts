// The recorded oracle answers (tests/testdata/oracle/, see _oracle.ts) are
// oauthlib's: each recording's program is run again on its input with the
// installed oauthlib, and must print the recorded output. Needs
// python3-oauthlib; `deno task record` rewrites the recordings.
import assert from "node:assert/strict";
import {
  oracle,
  oracleVersions,
  programOf,
  recordings,
  runPython,
} from "./support/oracle.ts";
import { OAUTHLIB, testWith } from "./support/tools.ts";
import { expectError } from "./support/support.ts";

const all = await recordings();

Deno.test("every recording names its program, its input, its output and the oauthlib that gave it", () => {
  assert.ok(all.length > 0, "tests/testdata/oracle/ holds no recording");
  for (const r of all) {
    assert.match(r.oracle.oauthlib, /^\d+\.\d+\.\d+$/, r.name);
    assert.match(r.oracle.python, /^\d+\.\d+\.\d+/, r.name);
    assert.match(r.sha256, /^[0-9a-f]{64}$/, r.name);
    assert.ok(r.input !== undefined && r.output !== undefined, r.name);
  }
});

Deno.test("oracle() answers from the recording only for the program and input it was made for", async () => {
  const r = all.find((r) => r.name === "percent_encode.escape")!;
  assert.deepEqual(await oracle(r.name, programOf(r), r.input), r.output);
  const again = "re-record with `deno task record` (needs python3-oauthlib)";
  await expectError(
    () => oracle(r.name, programOf(r), [...r.input as string[], "x"]),
    Error,
    `The oracle recording "percent_encode.escape" was made for another input (first difference at input["10"]): ${again}`,
  );
  await expectError(
    () => oracle(r.name, "print(1)", r.input),
    Error,
    `The oracle recording "percent_encode.escape" was made by another program: ${again}`,
  );
  await expectError(
    () => oracle("no_such_recording", "print(1)", null),
    Error,
    `No oracle recording "no_such_recording": ${again}`,
  );
});

for (const recording of all) {
  testWith(
    OAUTHLIB,
    `oauthlib today gives the answers recorded in ${recording.name}.json`,
    async () => {
      const live = await runPython(programOf(recording), recording.input);
      const { oauthlib, python } = await oracleVersions();
      assert.deepEqual(
        live,
        recording.output,
        `oauthlib ${oauthlib} on Python ${python} answers otherwise than the recording made by oauthlib ${recording.oracle.oauthlib} on Python ${recording.oracle.python}`,
      );
    },
  );
}
