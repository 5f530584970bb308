// The house's layout (ARCHITECTURE.md), checked on the source itself: the
// imports of the library, its tools and its examples form no cycle, reach no
// other folder's private `_` file and never point against the wing order; no
// library function is over 80 lines unless LONG_FUNCTIONS names it with its
// reason. Deno's own parser (the lint plugin API) reads each file, so an
// import written in a comment or a doc example is not taken for one.
import assert from "node:assert/strict";

const ROOT = new URL("..", import.meta.url);

/** The folders whose functions are measured: the library and its CLI. */
const LIBRARY = [
  "core",
  "steps",
  "client",
  "server",
  "vendors",
  "explain",
  "cli",
];

/** The folders whose imports are walked, with mod.ts at the root. */
const WALKED = [...LIBRARY, "playground", "examples", "bench"];

/**
 * The wing order: a file imports its own folder or a lower rank. The root
 * ("": mod.ts, the public face, and deno.json) sits above every wing; the
 * folders of rank OUTSIDE use the house and may import anything in it.
 */
const RANK: Readonly<Record<string, number>> = {
  core: 0,
  steps: 1,
  client: 2,
  server: 3,
  vendors: 4,
  explain: 5,
  "": 6,
  cli: 7,
  playground: 7,
  examples: 8,
  bench: 8,
  tests: 8,
  runtimes: 8,
};
const OUTSIDE = 8;

/** The longest a library function may be, in lines, signature included. */
const MAX_LINES = 80;

/**
 * Library functions over MAX_LINES, each with why it may be: `file#name`
 * (methods and inner functions as `outer.name`). An entry no longer over the
 * limit fails too, so the list shrinks with the code.
 */
const LONG_FUNCTIONS: Readonly<Record<string, string>> = {
  // None today: a function that must stay long is named here with its reason.
};

/**
 * Import cycles still in the tree, each with why: its files, sorted, joined
 * by " <-> ". A listed cycle that is gone fails too.
 */
const KNOWN_CYCLES: Readonly<Record<string, string>> = {};

/** One parsed file: its imports (paths from the root) and its functions. */
interface Parsed {
  imports: string[];
  functions: { name: string; line: number; lines: number }[];
  /** The `node:` modules it imports. */
  nodeModules: string[];
  /** The lines where it reads `Deno.` something. */
  denoLines: number[];
}

/** A node of Deno's lint AST, read loosely: only the fields used here. */
interface Node {
  type: string;
  range: [number, number];
  parent?: Node | null;
  id?: Node | null;
  key?: Node;
  name?: string;
  value?: unknown;
  source?: Node | null;
}

async function tsFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(new URL(`${folder}/`, ROOT))) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "dist") {
      found.push(...await tsFiles(path));
    } else if (entry.isFile && entry.name.endsWith(".ts")) found.push(path);
  }
  return found.toSorted();
}

/** `../core/codec.ts` from `steps/signature.ts` is `core/codec.ts`. */
function resolve(from: string, specifier: string): string {
  return new URL(specifier, new URL(from, ROOT)).pathname
    .slice(ROOT.pathname.length);
}

function folderOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.indexOf("/")) : "";
}

function nameOf(node: Node | null | undefined): string | undefined {
  if (node?.type === "Identifier") return node.name;
  if (node?.type === "Literal") return String(node.value);
  return undefined;
}

/** A function's own name, from its declaration, variable, method or key. */
function ownName(node: Node): string | undefined {
  const parent = node.parent;
  return nameOf(node.id) ??
    (parent?.type === "VariableDeclarator" ? nameOf(parent.id) : undefined) ??
    (parent?.type === "MethodDefinition" || parent?.type === "Property"
      ? nameOf(parent.key)
      : undefined);
}

/** `outer.inner` for a function inside a function, class or variable. */
function qualifiedName(node: Node): string {
  const names = [ownName(node) ?? "<anonymous>"];
  for (let up = node.parent; up; up = up.parent) {
    const isFunction = /Function/.test(up.type);
    const name = isFunction
      ? ownName(up)
      : up.type === "ClassDeclaration" || up.type === "VariableDeclarator"
      ? nameOf(up.id)
      : undefined;
    if (name !== undefined && name !== names[0]) names.unshift(name);
  }
  return names.join(".");
}

function parse(path: string, text: string): Parsed {
  const parsed: Parsed = {
    imports: [],
    functions: [],
    nodeModules: [],
    denoLines: [],
  };
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  const importOf = (node: Node) => {
    const specifier = node.source?.value;
    if (typeof specifier === "string" && specifier.startsWith(".")) {
      parsed.imports.push(resolve(path, specifier));
    }
    if (typeof specifier === "string" && specifier.startsWith("node:")) {
      parsed.nodeModules.push(specifier);
    }
  };
  const deno = (node: Node & { object?: Node }) => {
    if (node.object?.type === "Identifier" && node.object.name === "Deno") {
      parsed.denoLines.push(lineAt(node.range[0]));
    }
  };
  const measure = (node: Node) => {
    const [start, end] = node.range;
    parsed.functions.push({
      name: qualifiedName(node),
      line: lineAt(start),
      lines: lineAt(end) - lineAt(start) + 1,
    });
  };
  const plugin: Deno.lint.Plugin = {
    name: "structure",
    rules: {
      read: {
        create: () => ({
          ImportDeclaration: importOf,
          ExportNamedDeclaration: importOf,
          ExportAllDeclaration: importOf,
          ImportExpression: importOf,
          FunctionDeclaration: measure,
          FunctionExpression: measure,
          ArrowFunctionExpression: measure,
          MemberExpression: deno,
        } as unknown as Deno.lint.LintVisitor),
      },
    },
  };
  Deno.lint.runPlugin(plugin, path, text);
  return parsed;
}

const files: Record<string, Parsed> = {};
for (
  const path of ["mod.ts", ...(await Promise.all(WALKED.map(tsFiles))).flat()]
) {
  files[path] = parse(path, await Deno.readTextFile(new URL(path, ROOT)));
}

/** The first import against the layout's rules, in words, or undefined. */
function layoutViolation(
  graph: Readonly<Record<string, Parsed>>,
): string | undefined {
  for (const [from, { imports }] of Object.entries(graph)) {
    for (const to of imports) {
      const [source, target] = [folderOf(from), folderOf(to)];
      const file = to.slice(to.lastIndexOf("/") + 1);
      if (file.startsWith("_") && source !== target) {
        return `${from} imports ${to}, a private file of another folder`;
      }
      const [rank, targetRank] = [RANK[source], RANK[target]];
      assert(rank !== undefined, `${from}: ${source}/ has no rank in RANK`);
      assert(targetRank !== undefined, `${from} imports ${to}: no rank`);
      if (source !== target && rank !== OUTSIDE && targetRank >= rank) {
        return `${from} imports ${to}: ${source || "the root"} may not import ${
          target || "the root"
        } (wing order: core <- steps <- client <- server <- vendors <- explain <- mod.ts <- cli, playground)`;
      }
    }
  }
  return undefined;
}

/** Each import cycle as its files (sorted, joined by " <-> ") and one path round it. */
function importCycles(
  graph: Readonly<Record<string, Parsed>>,
): Map<string, string> {
  // Tarjan's strongly connected components: a component of two or more
  // files, or a file that imports itself, is a cycle.
  const cycles = new Map<string, string>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph[file]?.imports ?? []) {
      if (!(next in graph)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph[file]!.imports.includes(file)) {
      cycles.set(
        component.toSorted().join(" <-> "),
        pathRound(graph, component),
      );
    }
  };
  for (const file of Object.keys(graph)) if (!index.has(file)) visit(file);
  return cycles;
}

/** One path from a component's first file back to itself, within it. */
function pathRound(
  graph: Readonly<Record<string, Parsed>>,
  component: string[],
): string {
  const start = component.toSorted()[0]!;
  const seen = new Set<string>();
  const walk = (file: string, path: string[]): string[] | undefined => {
    for (const next of graph[file]!.imports) {
      if (next === start) return [...path, next];
      if (component.includes(next) && !seen.has(next)) {
        seen.add(next);
        const found = walk(next, [...path, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return (walk(start, [start]) ?? [start]).join(" -> ");
}

/** Library functions over MAX_LINES, as `file#name` with their length. */
function longFunctions(
  graph: Readonly<Record<string, Parsed>>,
): Map<string, string> {
  const long = new Map<string, string>();
  for (const [path, { functions }] of Object.entries(graph)) {
    if (!LIBRARY.includes(folderOf(path))) continue;
    for (const { name, line, lines } of functions) {
      if (lines > MAX_LINES) {
        long.set(`${path}#${name}`, `${lines} lines at ${path}:${line}`);
      }
    }
  }
  return long;
}

Deno.test("no file imports another folder's private file or against the wing order", () => {
  const violation = layoutViolation(files);
  assert(violation === undefined, violation);
});

Deno.test("the imports form no cycle but the known ones, each with its reason", () => {
  const cycles = importCycles(files);
  for (const [files, path] of cycles) {
    assert(files in KNOWN_CYCLES, `import cycle: ${path}`);
  }
  for (const known of Object.keys(KNOWN_CYCLES)) {
    assert(
      cycles.has(known),
      `no longer a cycle, remove it from KNOWN_CYCLES: ${known}`,
    );
  }
});

// The library runs on Web APIs in every runtime: `node:` only in the opt-in
// node-crypto subpath, `Deno.*` only in the Deno KV store; the CLI is Deno's.
const NODE_ALLOWED = new Set(["steps/node_crypto.ts"]);
const DENO_ALLOWED = new Set(["server/nonce_store_kv.ts"]);

Deno.test("the library imports node: only in its node-crypto subpath and reads Deno.* only in its KV store", () => {
  for (const [path, parsed] of Object.entries(files)) {
    const folder = folderOf(path);
    if (!LIBRARY.includes(folder) || folder === "cli") continue;
    assert(
      parsed.nodeModules.length === 0 || NODE_ALLOWED.has(path),
      `${path} imports ${
        parsed.nodeModules.join(", ")
      }: only an opt-in subpath may`,
    );
    assert(
      parsed.denoLines.length === 0 || DENO_ALLOWED.has(path),
      `${path} reads Deno.* at line ${
        parsed.denoLines[0]
      }: only the KV store may`,
    );
  }
});

Deno.test(`no library function is over ${MAX_LINES} lines but those LONG_FUNCTIONS names`, () => {
  const long = longFunctions(files);
  for (const [name, where] of long) {
    assert(
      name in LONG_FUNCTIONS,
      `${name} is ${where}: split it, or add it to LONG_FUNCTIONS with its reason`,
    );
  }
  for (const name of Object.keys(LONG_FUNCTIONS)) {
    assert(
      long.has(name),
      `${name} is now ${MAX_LINES} lines or fewer (or gone): remove it from LONG_FUNCTIONS`,
    );
  }
});

Deno.test("every walked folder has its rank, and the library is what deno.json publishes", async () => {
  for (const folder of WALKED) assert(folder in RANK, folder);
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  );
  const published = (config.publish.include as string[])
    .filter((entry) => entry.endsWith("/")).map((entry) => entry.slice(0, -1));
  assert.deepEqual(published.toSorted(), LIBRARY.toSorted());
});

// The checks above, each shown to catch what it looks for.

function graphOf(imports: Record<string, string[]>): Record<string, Parsed> {
  return Object.fromEntries(
    Object.entries(imports).map((
      [file, to],
    ) => [file, {
      imports: to,
      functions: [],
      nodeModules: [],
      denoLines: [],
    }]),
  );
}

Deno.test("layoutViolation() names an import against the wing order, a private file of another folder, and the house in core/", () => {
  assert.equal(
    layoutViolation(graphOf({ "steps/a.ts": ["client/sign.ts"] })),
    "steps/a.ts imports client/sign.ts: steps may not import client (wing order: core <- steps <- client <- server <- vendors <- explain <- mod.ts <- cli, playground)",
  );
  assert.match(
    layoutViolation(graphOf({ "core/a.ts": ["steps/b.ts"] }))!,
    /^core\/a\.ts imports steps\/b\.ts: core may not import steps /,
  );
  assert.match(
    layoutViolation(graphOf({ "server/a.ts": ["mod.ts"] }))!,
    /^server\/a\.ts imports mod\.ts: server may not import the root /,
  );
  assert.match(
    layoutViolation(graphOf({ "cli/a.ts": ["playground/b.ts"] }))!,
    /^cli\/a\.ts imports playground\/b\.ts: cli may not import playground /,
  );
  assert.equal(
    layoutViolation(graphOf({ "cli/main.ts": ["explain/_causes.ts"] })),
    "cli/main.ts imports explain/_causes.ts, a private file of another folder",
  );
  assert.equal(
    layoutViolation(graphOf({ "bench/a.ts": ["playground/_b.ts"] })),
    "bench/a.ts imports playground/_b.ts, a private file of another folder",
  );
  assert.equal(
    layoutViolation(graphOf({
      "explain/explain.ts": ["explain/_causes.ts", "vendors/profiles.ts"],
      "client/sign.ts": ["steps/signature.ts", "core/codec.ts"],
      "mod.ts": ["explain/explain.ts"],
      "cli/main.ts": ["deno.json", "explain/explain.ts"],
      "examples/a.ts": ["mod.ts", "tests/support/support.ts"],
    })),
    undefined,
  );
});

Deno.test("importCycles() finds a cycle of two files, of three, and a file that imports itself, with a path round each", () => {
  assert.deepEqual(
    importCycles(graphOf({
      "client/a.ts": ["client/b.ts"],
      "client/b.ts": ["client/a.ts", "core/c.ts"],
      "core/c.ts": [],
    })),
    new Map([[
      "client/a.ts <-> client/b.ts",
      "client/a.ts -> client/b.ts -> client/a.ts",
    ]]),
  );
  assert.deepEqual(
    [
      ...importCycles(graphOf({
        "x/c.ts": ["x/a.ts"],
        "x/a.ts": ["x/b.ts"],
        "x/b.ts": ["x/c.ts"],
        "y/d.ts": ["y/d.ts"],
      })),
    ],
    [
      ["x/a.ts <-> x/b.ts <-> x/c.ts", "x/a.ts -> x/b.ts -> x/c.ts -> x/a.ts"],
      ["y/d.ts", "y/d.ts -> y/d.ts"],
    ],
  );
  assert.deepEqual(
    importCycles(graphOf({ "a/a.ts": ["a/b.ts"], "a/b.ts": [] })),
    new Map(),
  );
});

Deno.test("parse() reads real imports, not those in comments, and longFunctions() counts a function's lines, methods by their class", () => {
  const body = (n: number) => "  x++;\n".repeat(n - 2);
  const text = [
    `// import { no } from "../core/not_an_import.ts";`,
    `import { a } from "../core/codec.ts";`,
    `export type { B } from "./sign.ts";`,
    `const c = await import("../steps/signature.ts");`,
    `let x = 0;`,
    `export function long(): void {\n${body(81)}}`,
    `function fits(): void {\n${body(80)}}`,
    `class Box {\n  open(): void {\n${body(81)}  }\n}`,
    `const arrow = () => {\n${body(82)}};`,
  ].join("\n");
  const parsed = parse("client/x.ts", text);
  assert.deepEqual(parsed.imports, [
    "core/codec.ts",
    "client/sign.ts",
    "steps/signature.ts",
  ]);
  assert.deepEqual(
    [...longFunctions({ "client/x.ts": parsed }).keys()],
    ["client/x.ts#long", "client/x.ts#Box.open", "client/x.ts#arrow"],
  );
  assert.deepEqual(longFunctions({ "examples/x.ts": parsed }), new Map());
});
