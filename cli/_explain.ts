// The `explain` command: why a captured request's signature is invalid, with
// the server's view when given (its base string, its signature, its error
// body) and a vendor profile's rules. `verify` asks explain() the same
// question when the verifier refuses a request, to name the cause.

import type { CapturedRequest } from "../client/import.ts";
import {
  causes,
  explain,
  type Explanation,
  formatExplanation,
  knobCount,
} from "../explain/explain.ts";
import {
  BadInput,
  readCaptured,
  readSecrets,
  type Secrets,
  sentValue,
  textArgument,
  type Values,
} from "./_input.ts";
import { profileInputs, readProfile } from "./_profiles.ts";
import { style } from "./_terminal.ts";

/** The `explain` command: exit code 0 valid, 1 explained, 2 unexplained. */
export async function explainCommand(
  rest: string[],
  values: Values,
): Promise<number> {
  if (values.list) {
    console.log(
      values.json ? JSON.stringify(causes, null, 2) : knobList(values),
    );
    return 0;
  }
  const captured = await readCaptured("explain", rest, values);
  const secrets = await readSecrets(values);
  requireSecret("explain", captured, secrets);
  const report = await explainRequest(captured, secrets, values);
  console.log(
    values.json
      ? JSON.stringify(report, null, 2)
      : formatExplanation(report, style(values.markdown === true)),
  );
  return report.verdict === "valid" ? 0 : report.explained ? 1 : 2;
}

// `explain --list`: the knob table, knob by knob, each wrong setting with its
// id, title and where it was seen.
function knobList(values: Values): string {
  const { color } = style(values.markdown === true);
  const bold = (t: string) => color ? `\x1b[1m${t}\x1b[22m` : t;
  const dim = (t: string) => color ? `\x1b[2m${t}\x1b[22m` : t;
  const lines = [
    `${knobCount} knobs, ${causes.length} wrong settings. explain() tries combinations of up to 3 settings, one a knob.`,
  ];
  let knob = "";
  for (const c of causes) {
    if (c.knob !== knob) {
      knob = c.knob;
      lines.push(
        "",
        `${bold(c.knob)}: ${c.decision} ${dim(`(RFC 5849 §${c.section})`)}`,
        `  RFC: ${c.rfc}`,
      );
    }
    lines.push(`  ${c.id.padEnd(26)} ${c.title}`);
    if (c.seenIn.length > 0) {
      lines.push(dim(`  ${"".padEnd(26)} seen in ${c.seenIn.join("; ")}`));
    }
  }
  return lines.join("\n");
}

// Progress of the search on standard error, once it runs beyond half a
// second, and only when standard error is a terminal.
function progress(): ((done: number, total: number) => void) | undefined {
  let terminal = false;
  try {
    terminal = Deno.stderr.isTerminal();
  } catch {
    // not a terminal we may ask about
  }
  if (!terminal) return undefined;
  const start = performance.now();
  const encoder = new TextEncoder();
  let shown = false;
  return (done, total) => {
    if (performance.now() - start < 500 && !shown) return;
    shown = true;
    const end = done >= total;
    Deno.stderr.writeSync(
      encoder.encode(
        end ? "\r\x1b[K" : `\rsearching: ${done} of ${total} combinations…`,
      ),
    );
  };
}

/** Refuses a request whose method needs a consumer secret not given. */
export function requireSecret(
  command: string,
  captured: CapturedRequest,
  secrets: Secrets,
): void {
  if (
    secrets.consumerSecret === undefined &&
    !sentValue(captured, "oauth_signature_method")?.startsWith("RSA-")
  ) {
    throw new BadInput(
      `Cannot ${command}: the consumer secret must be given (OAUTH_CONSUMER_SECRET, --secrets-file or --consumer-secret)`,
    );
  }
}

/**
 * explain() with what the options give: the server's view, the clock (`now`
 * when the caller chose the time), the profile, and whether to reveal the
 * secrets.
 */
export async function explainRequest(
  captured: CapturedRequest,
  secrets: Secrets,
  values: Values,
  now?: Date,
): Promise<Explanation> {
  const response = values.response === undefined
    ? undefined
    : await textArgument(values.response);
  const onProgress = progress();
  return await explain(
    captured,
    {
      consumerSecret: secrets.consumerSecret ?? "",
      tokenSecret: secrets.tokenSecret,
      privateKey: secrets.privateKey,
    },
    {
      ...(values["server-base-string"] === undefined
        ? {}
        : { baseString: values["server-base-string"] }),
      ...(values["server-signature"] === undefined
        ? {}
        : { signature: values["server-signature"] }),
      ...(values["client-base-string"] === undefined
        ? {}
        : { clientBaseString: values["client-base-string"] }),
      ...(response === undefined ? {} : { response }),
      ...(values.date === undefined ? {} : { date: values.date }),
      ...(now === undefined
        ? values["check-clock"] ? { now: new Date() } : {}
        : { now }),
      ...(values.profile === undefined ? {} : {
        profile: readProfile(values.profile),
        profileInputs: profileInputs(values),
      }),
      revealSecrets: values["reveal-secrets"] === true,
      ...(onProgress === undefined ? {} : { onProgress }),
    },
  );
}
