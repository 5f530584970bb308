/**
 * The command line: `sign` a request and see the four steps, `verify` a
 * captured request against your secrets with `verifyRequest()`, and
 * `explain` why its signature is invalid; `--profile NAME` adds a vendor's
 * rules, and `profiles` lists them. Run it with `deno task cli --help`, or
 * `deno run -R -E jsr:@oauth1/steps/cli --help` (`-R -E`: read files, read
 * the `OAUTH_*` environment variables). `<command> --help` shows a command's
 * options and examples.
 *
 * Exit codes: 0 valid (or signed), 1 invalid with a named cause, 2 invalid
 * and unexplained, 3 bad input.
 *
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };
import { explainCommand } from "./_explain.ts";
import {
  argumentError,
  commandHelp,
  COMMANDS,
  invokedAs,
  isCommand,
  suggestion,
  usage,
} from "./_help.ts";
import { BadInput, message, parseArguments, type Values } from "./_input.ts";
import { profiles } from "./_profiles.ts";
import { sign } from "./_sign.ts";
import { verify } from "./_verify.ts";

/**
 * Runs the command line with the given arguments, printing to standard
 * output and standard error.
 *
 * @param args The arguments, without the program name.
 * @returns The exit code: 0 valid (or signed), 1 invalid with a named cause,
 * 2 invalid and unexplained, 3 bad input.
 *
 * @example Print the version
 * ```ts
 * import { main } from "@oauth1/steps/cli";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await main(["--version"]), 0);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  const command = args.find((arg) => !arg.startsWith("-"));
  try {
    ({ values, positionals } = parseArguments(args));
  } catch (error) {
    console.error(
      argumentError(error, isCommand(command) ? command : undefined),
    );
    return 3;
  }
  const [name, ...rest] = positionals;
  if (name === "help" || values.help) {
    const topic = name === "help" ? rest[0] : name;
    console.log(isCommand(topic) ? commandHelp(topic) : usage());
    return 0;
  }
  if (values.version) {
    console.log(denoJson.version);
    return 0;
  }
  if (name === undefined) {
    console.error(usage());
    return 3;
  }
  try {
    return await run(name, rest, values);
  } catch (error) {
    console.error(message(error));
    return 3;
  }
}

// One command, by name.
async function run(
  name: string,
  rest: string[],
  values: Values,
): Promise<number> {
  switch (name) {
    case "sign":
      return await sign(values);
    case "verify":
      return await verify(rest, values);
    case "explain":
      return await explainCommand(rest, values);
    case "profiles":
      return profiles(rest, values);
  }
  throw new BadInput(
    `Cannot run: command must be "sign", "verify", "explain" or "profiles": current command is ${
      JSON.stringify(name.slice(0, 20))
    }${
      suggestion(name, Object.keys(COMMANDS))
    }\nRun "${invokedAs()} --help" for usage.`,
  );
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
