// The shape of the catalog provider (catalog_provider.ts), which the three
// legs (provider_three_legged.ts) mount onto: its routes, store and checks.

import type { ConsumerSecrets, VerifyOptions, VerifyResult } from "../mod.ts";

/** A token the provider issued, and the client it belongs to. */
export interface IssuedToken {
  /** The token shared-secret. */
  secret: string;
  /** The client the token was issued to. */
  consumerKey: string;
}

/** What the provider keeps in memory: its clients and its tokens. */
export interface ProviderStore {
  /** Clients by consumer key. */
  readonly consumers: Map<string, ConsumerSecrets>;
  /** Tokens by token identifier. */
  readonly tokens: Map<string, IssuedToken>;
}

/** An endpoint: answers a request, with the provider at hand. */
export type Route = (
  request: Request,
  provider: CatalogProvider,
) => Promise<Response>;

/** The provider: a fetch handler, its routes and its store. */
export interface CatalogProvider {
  /** Answers a request: the function to give `Deno.serve()` or call directly. */
  readonly handler: (request: Request) => Promise<Response>;
  /** Endpoints by `"METHOD /path"`, such as `"GET /catalog/titles"`. */
  readonly routes: Map<string, Route>;
  /** Clients and tokens. */
  readonly store: ProviderStore;
  /** Verifies a request against the store, with the provider's options. */
  verify(request: Request, options?: VerifyOptions): Promise<VerifyResult>;
  /** Turns a failed result into the provider's 400 or 401 response. */
  refuse(result: VerifyResult & { ok: false }): Response;
}
