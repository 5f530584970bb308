// The package itself: what deno.json promises JSR and CI.
import assert from "node:assert/strict";
import config from "../deno.json" with { type: "json" };

Deno.test("the doc-lint task lints every public entry point of the exports map", () => {
  const linted = config.tasks["doc-lint"].split(" ").slice(3);
  const exported = Object.values(config.exports).map((path) => path.slice(2));
  assert.deepEqual(linted.toSorted(), exported.toSorted());
});

Deno.test("every exports subpath but the root is kebab-case", () => {
  for (const subpath of Object.keys(config.exports)) {
    if (subpath !== ".") assert.match(subpath, /^\.\/[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});
