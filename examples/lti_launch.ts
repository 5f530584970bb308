/**
 * An LTI 1.1 tool provider: the learning platform (the tool consumer) sends
 * the learner's browser to the tool with a form POST, signed with OAuth 1.0a
 * HMAC-SHA1, its `oauth_*` parameters in the form body. The tool verifies the
 * signature with `verifyRequest()`, checks the launch against the
 * `lti-launch` profile, and answers with the launch parameters.
 *
 * Run it with `deno run examples/lti_launch.ts`: it replays a recorded launch
 * (the published LTI 1.1 fixture, whose signature oauthlib reproduces)
 * in-process, with no network, at the time it was signed. The tests send it
 * launches that oauthlib signs.
 *
 * @module
 */

import { captureRequest } from "../client/import.ts";
import { memoryNonceStore, problemResponse, verifyRequest } from "../mod.ts";
import { lintRequest } from "../vendors/profiles.ts";

/** What the tool needs to know. */
export interface LtiToolOptions {
  /** The consumer keys the tool accepts, and their secrets. */
  readonly consumers: Readonly<Record<string, string>>;
  /**
   * The launch URL the platform posts to, when the tool sees another one
   * (behind a proxy that ends TLS); the request's URL by default.
   */
  readonly launchUrl?: string;
  /** The time in seconds, for replaying a recorded launch; the clock by default. */
  readonly now?: number;
}

/** The answer to a valid launch. */
export interface LaunchAnswer {
  /** The consumer key that signed the launch. */
  readonly consumerKey: string;
  /** The launch parameters, the `oauth_*` ones left out. */
  readonly launch: Readonly<Record<string, string>>;
}

/**
 * Builds the tool: a fetch handler that answers `POST /launch`.
 *
 * @param options The consumers, the launch URL and the clock.
 * @returns The handler: 200 with a {@linkcode LaunchAnswer} as JSON, 401 or
 * 400 with an OAuth problem when the signature fails, 400 with the profile's
 * findings when the launch breaks an LTI rule.
 */
export function createLtiTool(
  options: LtiToolOptions,
): (request: Request) => Promise<Response> {
  const nonceStore = memoryNonceStore();
  return async (request) => {
    if (new URL(request.url).pathname !== "/launch") {
      return new Response("Not found", { status: 404 });
    }
    if (request.method !== "POST") {
      return new Response("An LTI launch is a form POST", {
        status: 405,
        headers: { allow: "POST" },
      });
    }
    const url = options.launchUrl ?? request.url;
    const result = await verifyRequest(
      request,
      {
        consumer: (key) =>
          Promise.resolve(
            Object.hasOwn(options.consumers, key)
              ? { secret: options.consumers[key]! }
              : undefined,
          ),
      },
      {
        signatureMethods: ["HMAC-SHA1"],
        nonceStore,
        url,
        ...(options.now === undefined ? {} : { now: options.now }),
      },
    );
    if (!result.ok) return problemResponse(result);
    const body = await request.text();
    const findings = lintRequest(
      captureRequest({
        method: request.method,
        url,
        headers: [...request.headers],
        body,
      }),
      "lti-launch",
    );
    if (findings.length > 0) {
      return Response.json({
        errors: findings.map((f) => `${f.message}: ${f.fix}`),
      }, { status: 400 });
    }
    const launch = Object.fromEntries(
      [...new URLSearchParams(body)].filter(([n]) => !n.startsWith("oauth_")),
    );
    const answer: LaunchAnswer = { consumerKey: result.consumerKey, launch };
    return Response.json(answer);
  };
}

// The LTI 1.1 basic launch of the published vectors
// (tests/testdata/published.json, "lti-1.1-launch"): test credentials.
const RECORDED = {
  url: "https://localhost:8080/launch",
  consumerKey: "5b6ee40cc9fcdaede550654a93307dcd",
  consumerSecret: "c64d84750dcb21febd995058588f019f",
  timestamp: 1536162928,
  body:
    "context_id=e05c24be1e&context_title=Section+955&launch_presentation_return_url=https%3A%2F%2Flearn-lti.herokuapp.com%2Ftool_return%2Fsignature_check%2F2%2F6862&lis_person_name_full=Dong+Miller&lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=30fd061cfe&roles=&tool_consumer_instance_name=Organization+738&user_id=b029d74d0a" +
    "&oauth_consumer_key=5b6ee40cc9fcdaede550654a93307dcd&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1536162928&oauth_nonce=1rC2NGlkEacq5jD0u7msfCT0mRfOaFMz4jJyvHM4MsQ&oauth_version=1.0&oauth_signature=%2Ftuo1sYQB8oKiKfbR7xB7ayuv0s%3D",
};

if (import.meta.main) {
  const tool = createLtiTool({
    consumers: { [RECORDED.consumerKey]: RECORDED.consumerSecret },
    now: RECORDED.timestamp,
  });
  const launch = (body: string) =>
    new Request(RECORDED.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  console.log(`The platform posts a signed launch form to ${RECORDED.url}.`);
  console.log(
    "The tool verifies its HMAC-SHA1 signature (RFC 5849 §3.2) and the LTI rules, then answers:",
  );
  let response = await tool(launch(RECORDED.body));
  console.log(`HTTP ${response.status}`);
  console.log(JSON.stringify(await response.json(), null, 2));
  console.log("\nThe same form with the learner's name changed on the way:");
  response = await tool(
    launch(RECORDED.body.replace("Dong+Miller", "Eve+Miller")),
  );
  console.log(`HTTP ${response.status} ${await response.text()}`);
}
