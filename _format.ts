// The text helpers formatTrace() and formatExplanation() share: ANSI colour
// for a terminal (never in Markdown), headings, `label value` fields and
// fenced or indented blocks, appended to one list of lines.

/** The lines written so far and the helpers that write them. */
export interface Writer {
  /** Whether the output is Markdown rather than terminal text. */
  readonly markdown: boolean;
  /** The lines written so far; join them with `\n`. */
  readonly out: string[];
  /** Wraps text in an ANSI SGR code when colour is on, else leaves it. */
  paint(code: string): (text: string) => string;
  /** Bold text. */
  readonly bold: (text: string) => string;
  /** Dim text. */
  readonly dim: (text: string) => string;
  /** A value's colour (cyan). */
  readonly value: (text: string) => string;
  /** A `###` heading in Markdown, bold text in a terminal. */
  heading(title: string): void;
  /** A list item in Markdown, a padded label and a value in a terminal. */
  field(label: string, text: string): void;
  /** A fenced block in Markdown, lines indented (and styled) in a terminal. */
  block(lines: readonly string[], style?: (text: string) => string): void;
}

/** Returns a writer for `format` (`"terminal"` by default) and `color`. */
export function writer(
  options: { format?: "terminal" | "markdown"; color?: boolean },
): Writer {
  const markdown = options.format === "markdown";
  const out: string[] = [];
  const paint = (code: string) => (text: string): string =>
    options.color && !markdown ? `\x1b[${code}m${text}\x1b[0m` : text;
  const bold = paint("1");
  const dim = paint("2");
  const value = paint("36");
  return {
    markdown,
    out,
    paint,
    bold,
    dim,
    value,
    heading: (title) => {
      out.push(markdown ? `### ${title}\n` : bold(title));
    },
    field: (label, text) => {
      out.push(
        markdown
          ? `- ${label}: \`${text}\``
          : `  ${dim(label.padEnd(16))}${value(text)}`,
      );
    },
    block: (lines, style = (text) => text) => {
      out.push(
        markdown
          ? "```\n" + lines.join("\n") + "\n```"
          : lines.map((line) => `  ${style(line)}`).join("\n"),
      );
    },
  };
}
