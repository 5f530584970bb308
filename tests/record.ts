// `deno task record`: asks the live oracle (python3-oauthlib) again and
// rewrites its recorded answers, tests/testdata/oracle/*.json. It runs the
// test files with ORACLE_RECORD=1, where oracle() (tests/support/oracle.ts) runs
// oauthlib and writes each recording, naming the oauthlib and Python versions.
import { oracleVersions } from "./support/oracle.ts";
import { OAUTHLIB } from "./support/tools.ts";

if (!OAUTHLIB.present) {
  console.error(
    `deno task record needs ${OAUTHLIB.name} for /usr/bin/python3: ${OAUTHLIB.install}`,
  );
  Deno.exit(1);
}
const root = new URL("../", import.meta.url);
const directory = new URL("./testdata/oracle/", import.meta.url);
// Recordings no test asks for any more go; the test run writes the others.
for await (const entry of Deno.readDir(directory)) {
  if (entry.name.endsWith(".json")) {
    await Deno.remove(new URL(entry.name, directory));
  }
}
const { code } = await new Deno.Command(Deno.execPath(), {
  args: ["test", "-P=record", "--ignore=tests/oracle_test.ts", "tests/"],
  cwd: root,
  env: { ORACLE_RECORD: "1" },
}).spawn().status;
let count = 0;
for await (const entry of Deno.readDir(directory)) {
  if (entry.name.endsWith(".json")) count++;
}
const { oauthlib, python } = await oracleVersions();
console.log(
  `Recorded ${count} oracle answers in tests/testdata/oracle/ with oauthlib ${oauthlib} on Python ${python}` +
    (code === 0
      ? "."
      : "; some tests failed (the recordings are oauthlib's answers all the same)."),
);
Deno.exit(code);
