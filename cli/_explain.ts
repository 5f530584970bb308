// The `explain` command: why a captured request's signature is invalid, with
// the server's view when given (its base string, its signature, its error
// body) and a vendor profile's rules. `verify` asks explain() the same
// question when the verifier refuses a request, to name the cause.

import type { CapturedRequest } from "../client/import.ts";
import {
  explain,
  type Explanation,
  formatExplanation,
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
    },
  );
}
