/**
 * `keyOnlyRequest()`: a non-authenticated request, which names the client
 * with `oauth_consumer_key` in the query and carries no signature.
 * Netflix's title autocomplete worked this way; so do many public endpoints
 * of OAuth 1.0a APIs that count calls per client.
 *
 * @module
 */

import { withQueryParameters } from "../steps/authorization.ts";
import { baseStringUri } from "../steps/base_string_uri.ts";

/** A request that carries only the consumer key. */
export interface KeyOnlyRequest {
  /** The URL with `oauth_consumer_key` added to its query. */
  readonly url: string;
  /** The protocol parameters added: only `oauth_consumer_key`. */
  readonly oauthParameters: readonly (readonly [string, string])[];
  /** Builds the Web `Request` to send. */
  toRequest(): Request;
}

/**
 * Adds the consumer key to a request URL, without signing it.
 *
 * @param url The http or https URL of the request, query included.
 * @param consumerKey The client identifier.
 * @returns The URL to send, and a ready `GET` request.
 * @throws {TypeError} If the URL is not an http or https URL, or the consumer
 * key is empty or already in the query.
 * @see {@link https://www.rfc-editor.org/rfc/rfc5849#section-3.5.3} (the
 * query placement of protocol parameters)
 *
 * @example Netflix's title autocomplete request
 * ```ts
 * import { keyOnlyRequest } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const request = keyOnlyRequest(
 *   "http://api.netflix.com/catalog/titles/autocomplete?term=fargo",
 *   "my-consumer-key",
 * );
 * assert.equal(
 *   request.url,
 *   "http://api.netflix.com/catalog/titles/autocomplete?term=fargo&oauth_consumer_key=my-consumer-key",
 * );
 * ```
 */
export function keyOnlyRequest(
  url: string | URL,
  consumerKey: string,
): KeyOnlyRequest {
  baseStringUri(url); // the same checks as a signed request
  if (typeof consumerKey !== "string" || consumerKey === "") {
    throw new TypeError(
      "Cannot build key-only request: consumer key must be a non-empty string",
    );
  }
  if (new URL(url).searchParams.has("oauth_consumer_key")) {
    throw new TypeError(
      'Cannot build key-only request: parameter "oauth_consumer_key" is already in the query',
    );
  }
  const oauthParameters = [["oauth_consumer_key", consumerKey] as const];
  const sent = withQueryParameters(url, oauthParameters);
  return {
    url: sent,
    oauthParameters,
    toRequest: () => new Request(sent),
  };
}
