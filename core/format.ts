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
  /**
   * A list item in Markdown, a padded label and a value in a terminal, the
   * value wrapped at spaces to the width under itself.
   */
  field(label: string, text: string): void;
  /** A sentence or two, wrapped at spaces to the width (not in Markdown). */
  prose(text: string, indent?: string, hanging?: string): void;
  /** A fenced block in Markdown, lines indented (and styled) in a terminal. */
  block(lines: readonly string[], style?: (text: string) => string): void;
}

/**
 * Splits text at spaces into lines of at most `width` columns, the first
 * after `first`, the others after `indent`; a word longer than a line (a URL,
 * a base string) stays whole on a line of its own.
 */
export function wrap(
  text: string,
  width: number,
  first: string,
  indent: string = first,
): string[] {
  const lines: string[] = [];
  let line = "";
  let prefix = first;
  for (const word of text.split(" ")) {
    if (line !== "" && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      [line, prefix] = [word, indent];
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(prefix + line);
  return lines;
}

/**
 * Returns a writer for `format` (`"terminal"` by default), `color` and the
 * terminal `width` prose is wrapped to (no wrapping by default).
 */
export function writer(
  options: {
    format?: "terminal" | "markdown";
    color?: boolean;
    width?: number;
  },
): Writer {
  const markdown = options.format === "markdown";
  const out: string[] = [];
  const paint = (code: string) => (text: string): string =>
    options.color && !markdown ? `\x1b[${code}m${text}\x1b[0m` : text;
  const bold = paint("1");
  const dim = paint("2");
  const value = paint("36");
  const width = markdown ? Infinity : options.width ?? Infinity;
  const LABEL = 16;
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
      if (markdown) {
        out.push(`- ${label}: \`${text}\``);
        return;
      }
      const indent = " ".repeat(2 + LABEL);
      const lines = wrap(text, width, indent);
      out.push(
        ...lines.map((line, i) =>
          `${i === 0 ? `  ${dim(label.padEnd(LABEL))}` : indent}${
            value(line.slice(indent.length))
          }`
        ),
      );
    },
    prose: (text, indent = "  ", hanging = indent) => {
      out.push(...(markdown ? [text] : wrap(text, width, indent, hanging)));
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
