// The `sign` command: builds the request and the credentials from the
// options, signs it with signRequest() (a vendor profile's rules first, the
// flags over them), and prints the trace, the Authorization header, the
// signed URL and a curl line, or all of it as JSON.

import { curlLine } from "../core/curl.ts";
import { headerValue } from "../core/headers.ts";
import {
  type Credentials,
  type Placement,
  type RequestDescription,
  type SignedRequest,
  type SignOptions,
  signRequest,
} from "../client/sign.ts";
import { formatTrace } from "../client/trace.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import type { SignatureMethodName } from "../steps/signature.ts";
import {
  type Profile,
  type ProfileInputs,
  profileSignOptions,
} from "../vendors/profiles.ts";
import {
  BadInput,
  message,
  readSecrets,
  type Secrets,
  textArgument,
  type Values,
} from "./_input.ts";
import { profileInputs, readProfile } from "./_profiles.ts";
import { style } from "./_terminal.ts";

/** The `sign` command: exit code 0, or a BadInput. */
export async function sign(values: Values): Promise<number> {
  const secrets = await readSecrets(values);
  if (values.url === undefined) {
    throw new BadInput("Cannot sign: --url must be given");
  }
  const options = signOptions(values, values.url);
  const credentials = signCredentials(
    secrets,
    String(options.signatureMethod),
  );
  const signed = await signRequest(
    await requestOf(values, values.url),
    credentials,
    options,
  );
  await printSigned(signed, values);
  return 0;
}

// The request: --method, --url, --header, --data and --content-type, a body
// without a type being a form.
async function requestOf(
  values: Values,
  url: string,
): Promise<RequestDescription> {
  const headers: [string, string][] = [];
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    if (colon <= 0) {
      throw new BadInput(
        `Cannot sign: --header must be "Name: value": current header is "${header}"`,
      );
    }
    headers.push([
      header.slice(0, colon).trim(),
      header.slice(colon + 1).trim(),
    ]);
  }
  const data = values.data === undefined
    ? undefined
    : await textArgument(values.data);
  if (values["content-type"] !== undefined) {
    headers.push(["Content-Type", values["content-type"]]);
  } else if (
    data !== undefined && headerValue(headers, "content-type") === undefined
  ) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  return {
    method: values.method ?? (data === undefined ? "GET" : "POST"),
    url,
    headers,
    body: data ?? null,
  };
}

// The credentials; a consumer secret is needed unless the method is RSA.
function signCredentials(
  secrets: Secrets,
  method: string,
): Credentials {
  if (secrets.consumerKey === undefined) {
    throw new BadInput(
      "Cannot sign: the consumer key must be given (--consumer-key or OAUTH_CONSUMER_KEY)",
    );
  }
  if (secrets.consumerSecret === undefined && !method.startsWith("RSA-")) {
    throw new BadInput(
      "Cannot sign: the consumer secret must be given (OAUTH_CONSUMER_SECRET, --secrets-file or --consumer-secret)",
    );
  }
  return {
    consumerKey: secrets.consumerKey,
    consumerSecret: secrets.consumerSecret ?? "",
    token: secrets.token,
    tokenSecret: secrets.tokenSecret,
    privateKey: secrets.privateKey,
  };
}

// The profile's options, then the flags over them.
function signOptions(values: Values, url: string | undefined): SignOptions {
  let profile: SignOptions = {};
  try {
    if (values.profile !== undefined) {
      const chosen = readProfile(values.profile);
      profile = profileSignOptions(
        chosen,
        inputsFromUrl(chosen, profileInputs(values), url),
      );
    }
  } catch (error) {
    throw error instanceof BadInput ? error : new BadInput(message(error));
  }
  const method = values["signature-method"] ??
    String(profile.signatureMethod ?? "HMAC-SHA1");
  const timestamp = values.timestamp === undefined
    ? undefined
    : Number(values.timestamp);
  return {
    ...profile,
    signatureMethod: method as SignatureMethodName,
    ...(values.nonce === undefined ? {} : { nonce: values.nonce }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(values["no-version"] ? { version: false as const } : {}),
    ...(values.realm === undefined ? {} : { realm: values.realm }),
    ...(values.callback === undefined ? {} : { callback: values.callback }),
    ...(values.verifier === undefined ? {} : { verifier: values.verifier }),
    placement: (values.placement ?? profile.placement ?? "header") as Placement,
    revealSecrets: values["reveal-secrets"] === true,
  };
}

// The inputs given, and those not given that the profile reads from the URL
// as lint does (NetSuite's account ID from the host).
function inputsFromUrl(
  profile: Profile,
  inputs: ProfileInputs,
  url: string | undefined,
): ProfileInputs {
  const parsed = url === undefined ? null : URL.parse(url);
  if (parsed === null) return inputs;
  const found: Record<string, string> = { ...inputs };
  for (const input of profile.inputs) {
    const value = found[input.name] ?? input.fromUrl?.(parsed);
    if (value !== undefined) found[input.name] = value;
  }
  return found;
}

// The trace, the header, the signed URL and a curl line, or JSON; a
// PLAINTEXT signature is the signing key itself, masked unless revealed.
async function printSigned(
  signed: SignedRequest,
  values: Values,
): Promise<void> {
  const plaintext = signed.oauthParameters.some(([name, value]) =>
    name === "oauth_signature_method" && value === "PLAINTEXT"
  );
  const mask = (text: string): string =>
    plaintext && !values["reveal-secrets"]
      ? text.replaceAll(percentEncode(signed.signature), "(masked)")
        .replaceAll(signed.signature, "(masked)")
      : text;
  const curl = await curlLine(signed.toRequest());
  if (values.json) {
    const { baseStringUri, normalizedParameters, baseString, signature } =
      signed;
    const { oauthParameters, authorization, url, body, trace } = signed;
    console.log(mask(JSON.stringify(
      {
        baseStringUri,
        normalizedParameters,
        baseString,
        signature,
        oauthParameters,
        authorization,
        url,
        body,
        curl,
        trace,
      },
      null,
      2,
    )));
    return;
  }
  console.log(formatTrace(signed.trace, style(values.markdown === true)));
  console.log(mask(`Authorization: ${signed.authorization}`));
  console.log(mask(`Signed URL:    ${signed.url}`));
  console.log(mask(`curl:          ${curl}`));
}
