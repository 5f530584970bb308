/**
 * The three legs of RFC 5849 §2 for the embedded catalog provider, at the
 * paths the Netflix API used:
 *
 * - `POST /oauth/initiate` (§2.1) issues temporary credentials for a
 *   client whose request verifies; `oauth_callback` is required (`"oob"` or
 *   an http or https URL);
 * - `GET /oauth/authorize?oauth_token=` (§2.2) is where the user would log in:
 *   here a test user approves at once and is sent back to the callback with
 *   `oauth_token` and `oauth_verifier` (or, with `"oob"`, gets them in a
 *   form body); `&decision=deny` refuses, with `oauth_problem=user_refused`;
 * - `POST /oauth/token` (§2.3) trades authorized temporary credentials
 *   and the verifier for token credentials, with `user_id` and
 *   `screen_name`;
 * - `GET` or `POST /users/current` is a protected resource that names the
 *   user the token credentials belong to.
 *
 * Temporary credentials are single-use: one visit to the login page, one
 * trade at the token endpoint, right or wrong; so is the verifier, which
 * lives with them.
 *
 * @module
 */

import { XMLBuilder } from "fast-xml-parser";
import { constantTimeEqual } from "../core/constant_time.ts";
import {
  memoryNonceStore,
  type ProblemCode,
  verifyRequest,
  type VerifyResult,
} from "../mod.ts";
import { encodeForm, withQueryParameters } from "../steps/authorization.ts";
import type { CatalogProvider } from "./_provider.ts";

/** The test user who approves every authorization. */
export const DEMO_USER: {
  readonly userId: string;
  readonly screenName: string;
} = { userId: "T1ada", screenName: "ada" };

/** Temporary credentials, from issue to use. */
interface Temporary {
  readonly consumerKey: string;
  readonly secret: string;
  readonly callback: string;
  state: "issued" | "authorized" | "used";
  verifier?: string;
}

// A demo server keeps at most this many temporary credentials (oldest go).
const MAX_TEMPORARY = 10_000;

const xml = new XMLBuilder({ format: true });

/**
 * Adds the three legs and `/users/current` to a catalog provider's routes.
 *
 * @param provider The provider to extend.
 *
 * @example Get temporary credentials from the embedded provider, in-process
 * ```ts
 * import { createCatalogProvider, DEMO_CREDENTIALS } from "./catalog_provider.ts";
 * import { requestTemporaryCredentials } from "../mod.ts";
 * import assert from "node:assert/strict";
 *
 * const provider = createCatalogProvider(); // the three legs are mounted
 * const temporary = await requestTemporaryCredentials(
 *   "http://api.catalog.example/oauth/initiate",
 *   { consumerKey: DEMO_CREDENTIALS.consumerKey, consumerSecret: DEMO_CREDENTIALS.consumerSecret },
 *   { fetch: provider.handler },
 * );
 * assert.equal(temporary.token.length, 32);
 * ```
 */
export function mountThreeLegged(provider: CatalogProvider): void {
  const temporary = new Map<string, Temporary>();
  const owners = new Map<string, typeof DEMO_USER>();
  const nonceStore = memoryNonceStore();
  const refuse = (code: ProblemCode, detail: string): Response =>
    provider.refuse({ ok: false, problem: { code, detail } });

  provider.routes.set("POST /oauth/initiate", async (request) => {
    const result = await provider.verify(request);
    if (!result.ok) return provider.refuse(result);
    const callback = parameter(result, "oauth_callback");
    if (callback === undefined) {
      return provider.refuse({
        ok: false,
        problem: {
          code: "parameter_absent",
          detail:
            "Cannot issue temporary credentials: oauth_callback is required",
          parametersAbsent: ["oauth_callback"],
        },
      });
    }
    if (callback !== "oob" && !/^https?:\/\//i.test(callback)) {
      return provider.refuse({
        ok: false,
        problem: {
          code: "parameter_rejected",
          detail:
            'Cannot issue temporary credentials: oauth_callback must be "oob" or an http or https URL',
          parametersRejected: ["oauth_callback"],
        },
      });
    }
    const token = randomHex(16);
    const secret = randomHex(20);
    if (temporary.size >= MAX_TEMPORARY) {
      temporary.delete(temporary.keys().next().value!);
    }
    temporary.set(token, {
      consumerKey: result.consumerKey,
      secret,
      callback,
      state: "issued",
    });
    return formResponse([
      ["oauth_token", token],
      ["oauth_token_secret", secret],
      ["oauth_callback_confirmed", "true"],
    ]);
  });

  provider.routes.set("GET /oauth/authorize", (request) => {
    const query = new URL(request.url).searchParams;
    const token = query.get("oauth_token") ?? "";
    const entry = temporary.get(token);
    if (entry === undefined) {
      return Promise.resolve(refuse(
        "token_rejected",
        "Cannot authorize: oauth_token is not a temporary token this server issued",
      ));
    }
    if (entry.state !== "issued") {
      return Promise.resolve(refuse(
        "token_used",
        "Cannot authorize: the temporary token was already authorized or refused",
      ));
    }
    const answer: [string, string][] = [["oauth_token", token]];
    if (query.get("decision") === "deny") {
      entry.state = "used";
      answer.push(["oauth_problem", "user_refused"]);
    } else {
      entry.state = "authorized";
      entry.verifier = randomHex(10);
      answer.push(["oauth_verifier", entry.verifier]);
    }
    return Promise.resolve(
      entry.callback === "oob" ? formResponse(answer) : new Response(null, {
        status: 302,
        headers: { location: withQueryParameters(entry.callback, answer) },
      }),
    );
  });

  provider.routes.set("POST /oauth/token", async (request) => {
    let seen: Temporary | undefined;
    const result = await verifyRequest(request, {
      consumer: (key) => Promise.resolve(provider.store.consumers.get(key)),
      token(token, consumerKey) {
        seen = temporary.get(token);
        return Promise.resolve(
          seen?.consumerKey === consumerKey && seen.state === "authorized"
            ? { secret: seen.secret }
            : undefined,
        );
      },
    }, { nonceStore, requireToken: true });
    if (!result.ok) {
      if (result.problem.code === "token_rejected" && seen !== undefined) {
        return seen.state === "used"
          ? refuse(
            "token_used",
            "Cannot issue token credentials: the temporary credentials were already used",
          )
          : refuse(
            "permission_unknown",
            "Cannot issue token credentials: the user has not authorized the temporary credentials yet",
          );
      }
      return provider.refuse(result);
    }
    const entry = seen!;
    entry.state = "used"; // one trade, right or wrong
    const verifier = parameter(result, "oauth_verifier");
    if (verifier === undefined || entry.verifier === undefined) {
      return provider.refuse({
        ok: false,
        problem: {
          code: "parameter_absent",
          detail: "Cannot issue token credentials: oauth_verifier is required",
          parametersAbsent: ["oauth_verifier"],
        },
      });
    }
    if (!constantTimeEqual(verifier, entry.verifier)) {
      return refuse(
        "verifier_invalid",
        "Cannot issue token credentials: oauth_verifier is not the one given to the user",
      );
    }
    const token = randomHex(16);
    const secret = randomHex(20);
    provider.store.tokens.set(token, {
      secret,
      consumerKey: entry.consumerKey,
    });
    owners.set(token, DEMO_USER);
    return formResponse([
      ["oauth_token", token],
      ["oauth_token_secret", secret],
      ["user_id", DEMO_USER.userId],
      ["screen_name", DEMO_USER.screenName],
    ]);
  });

  const currentUser = async (request: Request): Promise<Response> => {
    const result = await provider.verify(request, { requireToken: true });
    if (!result.ok) return provider.refuse(result);
    const user = owners.get(result.token!);
    if (user === undefined) {
      return refuse(
        "permission_denied",
        "Cannot show the current user: the token was not issued to a user",
      );
    }
    return new Response(
      xml.build({
        user: { user_id: user.userId, screen_name: user.screenName },
      }),
      { headers: { "content-type": "application/xml; charset=utf-8" } },
    );
  };
  provider.routes.set("GET /users/current", currentUser);
  provider.routes.set("POST /users/current", currentUser);
}

function parameter(
  result: VerifyResult & { ok: true },
  name: string,
): string | undefined {
  return result.oauthParameters.find(([n]) => n === name)?.[1];
}

function randomHex(bytes: number): string {
  return crypto.getRandomValues(new Uint8Array(bytes)).toHex();
}

function formResponse(
  fields: readonly (readonly [string, string])[],
): Response {
  return new Response(encodeForm(fields), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
