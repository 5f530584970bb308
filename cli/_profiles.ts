// The vendor profiles on the command line: `--profile NAME` and
// `--profile-input NAME=VALUE` read, and the `profiles` command, which lists
// them or shows one profile's rules and quirks.

import {
  findProfile,
  type Profile,
  type ProfileInputs,
  PROFILES,
} from "../vendors/profiles.ts";
import { invokedAs, suggestion } from "./_help.ts";
import { BadInput, message, type Values } from "./_input.ts";

/** --profile-input NAME=VALUE, repeated. */
export function profileInputs(values: Values): ProfileInputs {
  const inputs: Record<string, string> = {};
  for (const pair of values["profile-input"] ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new BadInput(
        `Cannot use profile: --profile-input must be NAME=VALUE: current value is ${
          JSON.stringify(pair.slice(0, 40))
        }`,
      );
    }
    inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return inputs;
}

/** --profile NAME, with the nearest name when it is not one. */
export function readProfile(name: string): Profile {
  try {
    return findProfile(name);
  } catch (error) {
    throw new BadInput(
      `${message(error)}${
        suggestion(name, Object.keys(PROFILES))
      }\nRun "${invokedAs()} profiles" to list them.`,
    );
  }
}

/** The `profiles` command: every profile, or the ones named. */
export function profiles(names: string[], values: Values): number {
  if (names.length === 0) {
    console.log(
      values.json
        ? JSON.stringify(Object.values(PROFILES), null, 2)
        : profileList(),
    );
    return 0;
  }
  for (const name of names) {
    const profile = readProfile(name);
    console.log(
      values.json ? JSON.stringify(profile, null, 2) : profileRules(profile),
    );
  }
  return 0;
}

// One line a profile: name, methods, placements, vendor.
function profileList(): string {
  const width = Math.max(...Object.keys(PROFILES).map((n) => n.length));
  return Object.values(PROFILES).map((p) =>
    `${p.name.padEnd(width)}  ${p.signatureMethods.join("/")} in the ${
      p.placements.join(" or ")
    }: ${p.vendor}`
  ).join("\n");
}

const TOKEN_RULES: Readonly<Record<Profile["token"], string>> = {
  required: "the user's access token",
  optional: "sent when there is one",
  empty: 'oauth_token="" when there is no token',
  none: "none: the key is consumer_secret&",
};

// One profile's rules, inputs and quirks.
function profileRules(p: Profile): string {
  return [
    `${p.name}: ${p.vendor}`,
    `  docs              ${p.docs}`,
    `  signature method  ${p.signatureMethods.join(" or ")}`,
    `  parameters in     the ${p.placements.join(" or the ")}`,
    `  oauth_version     ${p.version}`,
    `  token             ${TOKEN_RULES[p.token]}`,
    `  oauth_body_hash   ${p.bodyHash}`,
    ...(p.realmRule === undefined
      ? []
      : [`  realm             ${p.realmRule}`]),
    ...(p.scheme === "any" ? [] : [`  scheme            ${p.scheme} only`]),
    ...p.inputs.map((i) => `  --profile-input   ${i.name}=…: ${i.description}`),
    "  quirks",
    ...p.quirks.map((q) => `    - ${q}`),
  ].join("\n");
}
