// What the two tutorial examples share: where a request goes (the embedded
// provider in-process, or a live provider with --url), the credentials of a
// live provider from the environment, and reading titles out of the XML.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { XMLParser } from "fast-xml-parser";
import { createCatalogProvider } from "./catalog_provider.ts";

/** A title as the catalog's XML describes it. */
export interface FoundTitle {
  title: string;
  year?: number;
  synopsis?: string;
  cast?: string[];
}

/**
 * Reads the command line with `parseArgs`; on an unknown option or a missing
 * value, prints what is wrong and the usage to stderr and exits with status 2.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    Deno.exit(2);
  }
}

/**
 * Checks that a live provider can be called, or prints which flags are
 * missing and exits with status 2; then reads the environment variables.
 */
export function liveSettings(
  base: string,
  variables: readonly string[],
  script: string,
): Record<string, string | undefined> {
  const url = URL.parse(base);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    console.error(
      `Cannot call a live provider: --url must be an http or https URL: current URL is ${
        JSON.stringify(base)
      }`,
    );
    Deno.exit(2);
  }
  const granted = (descriptor: Deno.PermissionDescriptor) =>
    Deno.permissions.querySync(descriptor).state === "granted";
  const allowed = granted({ name: "net", host: url.host }) &&
    variables.every((variable) => granted({ name: "env", variable }));
  if (!allowed) {
    console.error(
      `Cannot call a live provider: it needs permission to reach ${url.host} and to read ${
        variables.join(", ")
      }. Run:\n\n  deno run --allow-net=${url.host} --allow-env=${
        variables.join(",")
      } ${script} --url ${base}\n`,
    );
    Deno.exit(2);
  }
  return Object.fromEntries(
    variables.map((name) => [name, Deno.env.get(name)]),
  );
}

// The embedded provider starts with the example, before it signs anything,
// as a real provider runs before its clients: its nonce store refuses a
// request signed before the store began (it could be a replay).
const embedded = createCatalogProvider();

/**
 * Sends a request: to the live provider with `live`, otherwise to the
 * embedded provider, in-process (a function call: no network, no permission).
 */
export function send(request: Request, live: boolean): Promise<Response> {
  return live ? fetch(request) : embedded.handler(request);
}

/** Prints a refusal (`oauth_problem` or the provider's status message). */
export function explainRefusal(status: number, text: string): void {
  const form = new URLSearchParams(text);
  if (form.has("oauth_problem")) {
    console.log(`The provider refused: ${form.get("oauth_problem")}`);
    const advice = form.get("oauth_problem_advice");
    if (advice) console.log(`  ${advice}`);
  } else {
    console.log(`The provider answered HTTP ${status}:\n${text}`);
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) =>
    ["autocomplete_item", "catalog_title", "link"].includes(name),
});

/** Reads titles from `<autocomplete>` or `<catalog_titles>`. */
export function titlesFrom(xml: string): FoundTitle[] {
  const document = parser.parse(xml);
  if (document.autocomplete !== undefined) {
    const items: { title?: { "@_short"?: string } }[] =
      document.autocomplete?.autocomplete_item ?? [];
    return items.map((item) => ({ title: item.title?.["@_short"] ?? "" }));
  }
  const titles: Record<string, unknown>[] =
    document.catalog_titles?.catalog_title ?? [];
  return titles.map((entry) => {
    const title = entry.title as Record<string, string> | undefined;
    const links = (entry.link ?? []) as Record<string, unknown>[];
    const synopsis = links.find((l) => l["@_title"] === "synopsis")?.synopsis;
    const people = links.find((l) => l["@_title"] === "cast")?.people as
      | { link?: Record<string, string>[] }
      | undefined;
    const found: FoundTitle = {
      title: title?.["@_regular"] ?? title?.["@_short"] ?? "",
    };
    if (entry.release_year !== undefined) {
      found.year = Number(entry.release_year);
    }
    if (typeof synopsis === "string") found.synopsis = synopsis;
    if (people?.link) found.cast = people.link.map((p) => p["@_title"] ?? "");
    return found;
  });
}
