/**
 * An embedded catalog provider in the shape of the old Netflix catalog API,
 * which the tutorial called and which is gone. It verifies OAuth 1.0a for
 * real, with `verifyRequest()`:
 *
 * - `GET /catalog/titles/autocomplete?term=` needs only a known
 *   `oauth_consumer_key` in the query (the non-authenticated request) and
 *   answers `<autocomplete>`;
 * - `GET /catalog/titles?term=&max_results=&start_index=&expand=` needs a
 *   valid signature and answers `<catalog_titles>`;
 * - the three legs of RFC 5849 §2 (`/oauth/initiate`, `/oauth/authorize`,
 *   `/oauth/token`) and `/users/current`, from
 *   `provider_three_legged.ts`.
 *
 * It is a fetch handler, `(Request) => Promise<Response>`, so the examples
 * call it in-process, with no network; `deno task serve` runs it over HTTP on
 * 127.0.0.1 for curl and Postman.
 *
 * Routes are a map from `"METHOD /path"` to a function, and clients and
 * tokens are two small maps in `provider.store`: add endpoints (such as the
 * three legs of RFC 5849 §2) with `provider.routes.set(...)`.
 *
 * @module
 */

import { XMLBuilder } from "fast-xml-parser";
import type { CatalogProvider, ProviderStore, Route } from "./_provider.ts";
import { mountThreeLegged } from "./provider_three_legged.ts";
import {
  type ConsumerSecrets,
  memoryNonceStore,
  type NonceStore,
  problemResponse,
  type VerifyLookup,
  verifyRequest,
} from "../mod.ts";

/**
 * The demonstration client the provider knows: test credentials, published
 * here on purpose, as the examples need them.
 */
export const DEMO_CREDENTIALS: {
  readonly consumerKey: string;
  readonly consumerSecret: string;
} = {
  consumerKey: "demo-consumer-key",
  consumerSecret: "demo-consumer-secret",
};

/** The catalog's base URL in-process, when no other is given. */
export const CATALOG_BASE = "http://catalog.example";

export type {
  CatalogProvider,
  IssuedToken,
  ProviderStore,
  Route,
} from "./_provider.ts";

/** Options for {@linkcode createCatalogProvider}. */
export interface CatalogProviderOptions {
  /** Clients by consumer key; {@linkcode DEMO_CREDENTIALS} by default. */
  consumers?: Iterable<readonly [string, ConsumerSecrets]>;
  /** Where nonces are remembered; the provider's own in-memory store by default. */
  nonceStore?: NonceStore;
  /** The current time in seconds, for tests; the clock by default. */
  now?: () => number;
  /** Adds `debug_sbs` (the server's base string) to refusals. */
  development?: boolean;
}

/** A title of the catalog. */
interface Title {
  id: number;
  title: string;
  year: number;
  synopsis: string;
  cast: string[];
  directors: string[];
}

// Facts about well-known films; the synopses are written for this project.
const CATALOG: readonly Title[] = [
  {
    id: 60031236,
    title: "Fargo",
    year: 1996,
    synopsis:
      "A car salesman in debt arranges his wife's kidnapping, and a pregnant police chief follows the trail of bodies across the snow.",
    cast: ["Frances McDormand", "William H. Macy", "Steve Buscemi"],
    directors: ["Joel Coen"],
  },
  {
    id: 60021896,
    title: "The Big Lebowski",
    year: 1998,
    synopsis:
      "A bowler mistaken for a millionaire of the same name is drawn into a ransom scheme over a soiled rug.",
    cast: ["Jeff Bridges", "John Goodman", "Julianne Moore"],
    directors: ["Joel Coen"],
  },
  {
    id: 60010110,
    title: "Blood Simple",
    year: 1984,
    synopsis:
      "A Texas bar owner hires a private detective to kill his wife and her lover, and every plan goes wrong.",
    cast: ["John Getz", "Frances McDormand", "Dan Hedaya"],
    directors: ["Joel Coen"],
  },
  {
    id: 60000407,
    title: "Raising Arizona",
    year: 1987,
    synopsis:
      "An ex-convict and a police officer who cannot have children steal one of a furniture magnate's quintuplets.",
    cast: ["Nicolas Cage", "Holly Hunter", "John Goodman"],
    directors: ["Joel Coen"],
  },
  {
    id: 70080038,
    title: "No Country for Old Men",
    year: 2007,
    synopsis:
      "A hunter takes a case of drug money from a desert shootout and is pursued by a relentless killer.",
    cast: ["Tommy Lee Jones", "Javier Bardem", "Josh Brolin"],
    directors: ["Ethan Coen", "Joel Coen"],
  },
  {
    id: 60010932,
    title: "Casablanca",
    year: 1942,
    synopsis:
      "In wartime Morocco a cynical club owner must choose between the woman he loved and the cause she serves.",
    cast: ["Humphrey Bogart", "Ingrid Bergman", "Paul Henreid"],
    directors: ["Michael Curtiz"],
  },
  {
    id: 60011153,
    title: "Metropolis",
    year: 1927,
    synopsis:
      "In a city split between planners above and workers below, the planner's son takes the workers' side.",
    cast: ["Brigitte Helm", "Gustav Fröhlich", "Alfred Abel"],
    directors: ["Fritz Lang"],
  },
  {
    id: 60022541,
    title: "The General",
    year: 1926,
    synopsis:
      "A Southern engineer chases the Union spies who stole his locomotive, and the woman he loves.",
    cast: ["Buster Keaton", "Marion Mack"],
    directors: ["Buster Keaton", "Clyde Bruckman"],
  },
  {
    id: 60003241,
    title: "His Girl Friday",
    year: 1940,
    synopsis:
      "A newspaper editor schemes to keep his star reporter, and former wife, from remarrying and leaving the trade.",
    cast: ["Cary Grant", "Rosalind Russell", "Ralph Bellamy"],
    directors: ["Howard Hawks"],
  },
  {
    id: 60020435,
    title: "Rear Window",
    year: 1954,
    synopsis:
      "A photographer confined to his flat by a broken leg comes to believe a neighbour has committed murder.",
    cast: ["James Stewart", "Grace Kelly", "Thelma Ritter"],
    directors: ["Alfred Hitchcock"],
  },
];

const SCHEMA = "http://schemas.catalog.example/catalog";

const xml = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  suppressEmptyNode: true,
});

function xmlResponse(root: Record<string, unknown>, status = 200): Response {
  return new Response(
    xml.build({
      "?xml": { "@_version": "1.0", "@_standalone": "yes" },
      ...root,
    }),
    { status, headers: { "content-type": "application/xml; charset=utf-8" } },
  );
}

function statusResponse(status: number, message: string): Response {
  return xmlResponse(
    { status: { status_code: status, message } },
    status,
  );
}

function matching(term: string): Title[] {
  const wanted = term.trim().toLowerCase();
  return CATALOG.filter((t) => t.title.toLowerCase().includes(wanted));
}

/** `GET /catalog/titles/autocomplete`: a known consumer key is enough. */
function autocomplete(request: Request, provider: CatalogProvider): Response {
  const query = new URL(request.url).searchParams;
  const keys = query.getAll("oauth_consumer_key");
  if (keys.length !== 1) {
    return provider.refuse({
      ok: false,
      problem: keys.length === 0
        ? {
          code: "parameter_absent",
          detail:
            "Cannot complete title: oauth_consumer_key must be in the query: current query lacks it",
          parametersAbsent: ["oauth_consumer_key"],
        }
        : {
          code: "parameter_rejected",
          detail:
            "Cannot complete title: oauth_consumer_key must appear once: current query sends it more than once",
          parametersRejected: ["oauth_consumer_key"],
        },
    });
  }
  if (!provider.store.consumers.has(keys[0]!)) {
    return provider.refuse({
      ok: false,
      problem: {
        code: "consumer_key_unknown",
        detail:
          `Cannot complete title: oauth_consumer_key must be a known client: current key is ${
            JSON.stringify(keys[0])
          }`,
      },
    });
  }
  const term = query.get("term");
  if (!term) return statusResponse(400, "Missing required parameter: term");
  return xmlResponse({
    autocomplete: {
      autocomplete_item: matching(term).slice(0, 10).map((t) => ({
        title: { "@_short": t.title },
      })),
    },
  });
}

function boundedInteger(
  text: string | null,
  fallback: number,
  max: number,
): number | undefined {
  if (text === null) return fallback;
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** `GET /catalog/titles`: a valid signature is required. */
async function catalogTitles(
  request: Request,
  provider: CatalogProvider,
): Promise<Response> {
  const result = await provider.verify(request);
  if (!result.ok) return provider.refuse(result);
  const query = new URL(request.url).searchParams;
  const term = query.get("term");
  if (!term) return statusResponse(400, "Missing required parameter: term");
  const max = boundedInteger(query.get("max_results"), 25, 100);
  const start = boundedInteger(query.get("start_index"), 0, 100_000);
  if (max === undefined || max === 0 || start === undefined) {
    return statusResponse(
      400,
      "Invalid parameter: max_results must be 1 to 100 and start_index a whole number",
    );
  }
  const expand = new Set(
    (query.get("expand") ?? "").split(",").map((e) =>
      e.trim().replace(/^@/, "")
    ),
  );
  const found = matching(term);
  const base = new URL(request.url).origin;
  const link = (t: Title, rel: string, content?: Record<string, unknown>) => ({
    "@_href": `${base}/catalog/titles/movies/${t.id}/${rel}`,
    "@_rel": `${SCHEMA}/titles/${rel}`,
    "@_title": rel,
    ...content,
  });
  const people = (names: string[]) => ({
    people: {
      link: names.map((name) => ({
        "@_rel": `${SCHEMA}/person`,
        "@_title": name,
      })),
    },
  });
  return xmlResponse({
    catalog_titles: {
      number_of_results: found.length,
      start_index: start,
      results_per_page: max,
      catalog_title: found.slice(start, start + max).map((t) => ({
        id: `${base}/catalog/titles/movies/${t.id}`,
        title: { "@_short": t.title, "@_regular": t.title },
        release_year: t.year,
        link: [
          link(
            t,
            "synopsis",
            expand.has("synopsis") ? { synopsis: t.synopsis } : undefined,
          ),
          link(t, "cast", expand.has("cast") ? people(t.cast) : undefined),
          link(
            t,
            "directors",
            expand.has("directors") ? people(t.directors) : undefined,
          ),
        ],
      })),
    },
  });
}

/**
 * Creates a catalog provider with its own store and nonce store.
 *
 * @param options The clients, the nonce store, the clock and development
 * mode.
 * @returns The provider: `handler` answers requests.
 *
 * @example Ask the embedded provider for a title, in-process
 * ```ts
 * import {
 *   CATALOG_BASE,
 *   createCatalogProvider,
 *   DEMO_CREDENTIALS,
 * } from "./catalog_provider.ts";
 * import { keyOnlyRequest } from "../mod.ts";
 *
 * const provider = createCatalogProvider();
 * const request = keyOnlyRequest(
 *   `${CATALOG_BASE}/catalog/titles/autocomplete?term=fargo`,
 *   DEMO_CREDENTIALS.consumerKey,
 * ).toRequest();
 * const response = await provider.handler(request);
 * console.log(await response.text()); // <autocomplete>…
 * ```
 */
export function createCatalogProvider(
  options: CatalogProviderOptions = {},
): CatalogProvider {
  const store: ProviderStore = {
    consumers: new Map(
      options.consumers ?? [[DEMO_CREDENTIALS.consumerKey, {
        secret: DEMO_CREDENTIALS.consumerSecret,
      }]],
    ),
    tokens: new Map(),
  };
  const lookup: VerifyLookup = {
    consumer: (key) => Promise.resolve(store.consumers.get(key)),
    token: (token, consumerKey) => {
      const issued = store.tokens.get(token);
      return Promise.resolve(
        issued?.consumerKey === consumerKey ? issued : undefined,
      );
    },
  };
  // One nonce store per provider, so two providers never share replays.
  const nonceStore = options.nonceStore ?? memoryNonceStore();
  const routes = new Map<string, Route>([
    [
      "GET /catalog/titles/autocomplete",
      (r, p) => Promise.resolve(autocomplete(r, p)),
    ],
    ["GET /catalog/titles", catalogTitles],
  ]);
  const provider: CatalogProvider = {
    routes,
    store,
    verify: (request, more) =>
      verifyRequest(request, lookup, {
        nonceStore,
        ...(options.now ? { now: options.now() } : {}),
        ...more,
      }),
    refuse: (result) =>
      problemResponse(result, {
        realm: "Catalog",
        development: options.development === true,
      }),
    async handler(request) {
      const path = new URL(request.url).pathname.replace(/\/+$/, "");
      const route = routes.get(`${request.method} ${path}`);
      if (route === undefined) {
        return statusResponse(404, `Not found: ${request.method} ${path}`);
      }
      try {
        return await route(request, provider);
      } catch (error) {
        console.error(error);
        return statusResponse(500, "Internal error");
      }
    },
  };
  mountThreeLegged(provider);
  return provider;
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8000" },
      development: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "Usage: deno task serve [--port 8000] [--development]\n\n" +
        "Serves the embedded catalog provider on 127.0.0.1 (--port 0: any free\n" +
        "port) and prints its demo credentials and a command that calls it.\n" +
        "--development adds debug_sbs (the server's base string) to refusals.",
    );
  } else {
    const provider = createCatalogProvider({
      development: values.development,
    });
    Deno.serve({
      hostname: "127.0.0.1",
      port: Number(values.port),
      onListen({ hostname, port }) {
        const base = `http://${hostname}:${port}`;
        const { consumerKey, consumerSecret } = DEMO_CREDENTIALS;
        console.log(
          [
            `Catalog provider on ${base}`,
            `  development mode ${
              values.development
                ? "on: refusals carry debug_sbs, the base string the server computed"
                : "off (--development adds debug_sbs to refusals)"
            }`,
            "",
            "Demo credentials (demo values, not secrets):",
            `  consumer key     ${consumerKey}`,
            `  consumer secret  ${consumerSecret}`,
            "",
            "Sign a title search; the last line it prints is a curl command that sends it:",
            `  OAUTH_CONSUMER_KEY=${consumerKey} OAUTH_CONSUMER_SECRET=${consumerSecret} deno task cli sign --url '${base}/catalog/titles?term=fargo&max_results=1'`,
            "",
            "The autocomplete needs only the consumer key:",
            `  curl '${base}/catalog/titles/autocomplete?term=fargo&oauth_consumer_key=${consumerKey}'`,
          ].join("\n"),
        );
      },
    }, provider.handler);
  }
}
