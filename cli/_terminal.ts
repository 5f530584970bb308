// How output looks where it goes: colour and the width of a terminal, or
// plain text 80 columns wide when standard output is a pipe or a file.

import { env } from "./_input.ts";

/** The format, colour and width for formatTrace() and formatExplanation(). */
export interface Style {
  format: "terminal" | "markdown";
  color: boolean;
  width: number;
}

/** Colour and width for a terminal; 80 columns when the output is not one. */
export function style(markdown: boolean): Style {
  let color = false;
  let width = 80;
  try {
    if (!markdown && Deno.stdout.isTerminal()) {
      color = env("NO_COLOR") === undefined;
      width = Deno.consoleSize().columns;
    }
  } catch {
    // not a terminal we may ask about
  }
  return { format: markdown ? "markdown" : "terminal", color, width };
}
