// The recorded oracle answers (tests/testdata/oracle/, see _oracle.ts) are
// oauthlib's: each recording's program is run again on its input with the
// installed oauthlib, and must print the recorded output. Needs
// python3-oauthlib; `deno task record` rewrites the recordings.
import assert from "node:assert/strict";
import { oracleVersions, programOf, recordings, runPython } from "./_oracle.ts";
import { OAUTHLIB, testWith } from "./_tools.ts";

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
