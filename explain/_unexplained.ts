// When nothing within reach reproduces the signature, explain() says so and
// lists what its search cannot see, in the order to check it, each with the
// request's own values: the secrets, the request as the server received it
// (a proxy, the host), the server's clock, and departures of more settings
// than the search combines. It never names a cause it has not reproduced.

import type { CapturedRequest } from "../client/import.ts";
import type { SigningSecrets } from "../steps/signature.ts";
import { MAX_DEPTH } from "./_search.ts";

const characters = (n: number): string => `${n} character${n === 1 ? "" : "s"}`;

/** What the search cannot see, as an ordered checklist. */
export function uncovered(
  captured: CapturedRequest,
  seen: {
    secrets: SigningSecrets;
    uri: string;
    host: string | undefined;
    timestamp: string | undefined;
    tried: number;
    knobs: number;
    baseStringGiven: boolean;
  },
): string[] {
  const { secrets, uri } = seen;
  const key = captured.oauth.find(([n]) => n === "oauth_consumer_key")?.[1];
  const token = captured.oauth.find(([n]) => n === "oauth_token")?.[1];
  const tokenSecret = secrets.tokenSecret ?? "";
  const list = [
    `The secrets: the consumer secret given has ${
      characters(secrets.consumerSecret.length)
    } and the token secret ${
      characters(tokenSecret.length)
    }; check they are the ones issued for oauth_consumer_key "${key ?? ""}"${
      token === undefined || token === "" ? "" : ` and oauth_token "${token}"`
    }, with no space or newline copied along`,
    `The request as the server received it: this one was signed for ${captured.method.toUpperCase()} ${uri}; a proxy, gateway or framework that changes the scheme (TLS ended in front of the server), the port, the path or re-encodes the query or the body changes the base string the server computes`,
    `The host the server sees: ${
      seen.host === undefined
        ? `the URL's host, ${new URL(uri).host}`
        : `the Host header, ${seen.host}`
    }; behind a load balancer the server may sign another host name`,
  ];
  if (seen.timestamp !== undefined && /^\d{1,15}$/.test(seen.timestamp)) {
    list.push(
      `The server's clock: oauth_timestamp ${seen.timestamp} is ${
        new Date(Number(seen.timestamp) * 1000).toISOString()
      }; a server whose clock is off by more than its window refuses it (pass the server's Date to check)`,
    );
  }
  list.push(
    `More than ${MAX_DEPTH} mistakes together, or one not in the table: ${seen.tried} combinations of up to ${MAX_DEPTH} of the ${seen.knobs} knobs that apply here were tried${
      seen.baseStringGiven
        ? ""
        : "; give the server's base string (--server-base-string) or the one your code logged (--client-base-string) to align them step by step"
    }`,
  );
  return list;
}
