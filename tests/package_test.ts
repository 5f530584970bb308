// The package itself: what deno.json promises JSR and CI.
import assert from "node:assert/strict";
import config from "../deno.json" with { type: "json" };

Deno.test("the doc-lint task lints every public entry point of the exports map, each on its own", () => {
  // One `deno doc --lint FILE` per entry point: linted together, a type one
  // entry point names but does not export passes when another exports it.
  const linted = config.tasks["doc-lint"].split(" && ").map((command) => {
    const [file, ...rest] = command.replace(/^deno doc --lint /, "").split(" ");
    assert.deepEqual(rest, [], `one file per command: ${command}`);
    return file;
  });
  const exported = Object.values(config.exports).map((path) => path.slice(2));
  assert.deepEqual(linted.toSorted(), exported.toSorted());
});

Deno.test("every exports subpath but the root is kebab-case", () => {
  for (const subpath of Object.keys(config.exports)) {
    if (subpath !== ".") assert.match(subpath, /^\.\/[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

Deno.test("deno task test grants on its command line what the config's test permission set grants", () => {
  // The task names its flags, since `-P` (the set) prints an experimental
  // feature warning; `deno test -P FILE` still reads the set.
  // The task first names the tools it misses (tests/support/tools.ts),
  // then runs `deno test`: the flags are those after it.
  const flags = config.tasks.test.split("deno test ")[1]!.split(" ").filter((
    word: string,
  ) => word.startsWith("--allow-"));
  const granted = Object.fromEntries(flags.map((flag) => {
    const [name, list] = flag.slice("--allow-".length).split("=");
    return [name, list === undefined ? true : list.split(",")];
  }));
  assert.deepEqual(granted, config.permissions.test);
  assert.equal(config.test.permissions, "test");
});
