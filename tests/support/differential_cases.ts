// The seeded random requests of the differential test (differential_test.ts):
// unicode, reserved characters, values that look encoded, duplicates, empty
// values, tricky names, ports, upper-case schemes and hosts, fragments, raw and
// encoded paths, forms and other bodies, every placement and signature method.
import type {
  Credentials,
  SignatureMethodName,
  SignOptions,
} from "../../mod.ts";

/** One request to sign, with everything the peers need to sign it too. */
export interface Case {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | URLSearchParams | Uint8Array<ArrayBuffer>;
  /** Hand signRequest() a Web Request rather than a plain description. */
  asRequest?: boolean;
  credentials: Credentials;
  options: SignOptions & {
    signatureMethod: SignatureMethodName;
    nonce: string;
    timestamp: number;
  };
}

/** Marsaglia's xorshift32: a small PRNG, so every run sees the same cases. */
function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const PIECES = [
  ..."abZ9",
  "photo",
  "x-y_z.~",
  // reserved characters, delimiters and characters URLs must escape
  ..."!*'();:@&=+$,/?#[]% \"<>\\^`{|}",
  // values that look like encodings
  "a+b",
  "%20",
  "%2B",
  "%25",
  "100%",
  "%zz",
  "a%2Fb",
  // BMP, astral, combining, NFC and NFD, invisible
  "é",
  "e\u0301",
  "ü",
  "日本",
  "\u3001",
  "€",
  "\u00a0",
  "\u200b",
  "\ufeff",
  "😀",
  "𝄞",
  "𠜎",
  "\u0301",
  "👍🏽",
  "\t",
  "\n",
];
// Names that sort in tricky ways, repeat, or are special to someone.
const NAMES = [
  ..."abA1",
  "a!",
  "a=",
  "a%",
  "a ",
  "a+",
  "a.",
  "a~",
  "c@",
  "c2",
  "10",
  "2",
  "",
  "é",
  "e\u0301",
  "😀",
  "realm",
  "oauth_extra",
  "__proto__",
  "a[]",
  "term",
];
const SEGMENTS = [
  "photos",
  "r v",
  "r%20v",
  "a%2Fb",
  "é",
  "%C3%A9",
  "%c3%a9",
  "~u",
  "a;b=c",
  "a:b",
  "@x",
  "!$&'()*+,=",
  "[x]",
  "{x}",
  "|^`",
  '"q"',
  "<x>",
  ".",
  "..",
  "%2e",
  "%2E%2e",
  "😀",
  "e\u0301",
  "a+b",
  "%25",
  "100%",
  "x\\y",
  "%3F",
  "",
];
const TAME_SEGMENTS = ["photos", "r%20v", "a%2Fb", "%C3%A9", "~u", "a.b", ""];
const TAME_HOSTS = ["example.com", "EXAMPLE.COM", "127.0.0.1", "localhost"];
const HOSTS = [
  "example.com",
  "EXAMPLE.COM",
  "Photos.Example.NET",
  "127.0.0.1",
  "[::1]",
  "[2001:DB8::1]",
  "bücher.example",
  "BÜCHER.example",
  "xn--bcher-kva.example",
  "XN--BCHER-KVA.EXAMPLE",
  "例え.テスト",
  "localhost",
  "example.com.",
];
export const FORM = "application/x-www-form-urlencoded";
const FORM_TYPES = [
  FORM,
  `${FORM}; charset=UTF-8`,
  "Application/X-WWW-Form-URLEncoded",
];
const MALFORMED = [
  "x=%zz",
  "x=100%",
  "y=%C3",
  "%E2%82=1",
  "z=%",
  "&&",
  "=",
  "=v",
];
const CALLBACKS = [
  "oob",
  "http://printer.example.com/ready",
  "http://cb.example/?q=a%20b&x=1",
  "https://cb.example/é?x=a+b",
];
const REALMS = [
  "Photos",
  "",
  'a "quoted" realm',
  "a,b=c",
  "é",
  "back\\slash",
];
const METHODS = [
  ...Array(8).fill("HMAC-SHA1"),
  ...Array(4).fill("HMAC-SHA256"),
  ...Array(3).fill("RSA-SHA1"),
  ...Array(2).fill("PLAINTEXT"),
  "HMAC-SHA512",
  "RSA-SHA256",
] as SignatureMethodName[];

/**
 * Makes the generator of seed `seed`: each call returns the next case.
 *
 * @param seed The seed; the same seed gives the same cases.
 * @returns A function from a case id to a new case.
 */
export function generator(seed: number): (id: string) => Case {
  const random = xorshift32(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;
  const text = () => {
    let out = "";
    for (let n = Math.floor(random() * 4); n > 0; n--) out += pick(PIECES);
    return out;
  };
  const pairs = () => {
    const list: [string, string][] = [];
    for (let n = Math.floor(random() * 6); n > 0; n--) {
      const last = list.at(-1);
      if (last && chance(0.2)) list.push([...last]); // duplicate name and value
      else list.push([chance(0.7) ? pick(NAMES) : text(), text()]);
    }
    return list;
  };
  // Each pair in one of four spellings a client may send.
  const encode = (text: string, style: number, isName: boolean) => {
    const strict = encodeURIComponent(text).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    if (style === 0) return strict;
    if (style === 1) {
      return strict.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    }
    if (style === 2) {
      return new URLSearchParams({ x: text }).toString().slice(2);
    }
    // raw: only what would change the meaning is escaped
    // deno-lint-ignore no-control-regex
    const special = isName ? /[%&=#+\x00-\x1f\x7f]/g : /[%&#+\x00-\x1f\x7f]/g;
    return text.replace(special, (c) => encodeURIComponent(c));
  };
  // A tame request is what most clients send: ASCII host and path, and a
  // query and body already percent-encoded.
  let tame = false;
  const formString = (list: [string, string][]) => {
    const parts = list.map(([name, value]) => {
      const style = Math.floor(random() * (tame ? 3 : 4));
      return value === "" && chance(0.3)
        ? encode(name, style, true)
        : `${encode(name, style, true)}=${encode(value, style, false)}`;
    });
    if (!tame && chance(0.06)) parts.push(pick(MALFORMED));
    return parts.join("&");
  };
  const url = () => {
    const scheme = pick(["http", "https", "HTTP", "Https"]);
    const secure = scheme.toLowerCase() === "https";
    const port = pick([
      ...Array(6).fill(""),
      secure ? ":443" : ":80",
      secure ? ":443" : ":80",
      secure ? ":80" : ":443",
      ":8080",
      ":080",
      ":",
    ]);
    let path = "";
    if (chance(0.9)) {
      const segments = [];
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        segments.push(pick(tame ? TAME_SEGMENTS : SEGMENTS));
      }
      path = "/" + segments.join("/");
    }
    const query = chance(0.7) ? `?${formString(pairs())}` : "";
    const fragment = chance(0.3)
      ? pick(["#", "#frag", "#a=b&c=d", "#é", "#?x=1"])
      : "";
    const host = pick(tame ? TAME_HOSTS : HOSTS);
    return `${scheme}://${host}${port}${path}${query}${fragment}`;
  };
  return (id: string): Case => {
    tame = chance(0.3);
    const c: Case = {
      id,
      method: "GET",
      url: url(),
      headers: {},
      credentials: {
        consumerKey: pick([
          "dpf43f3p2l4k3l03",
          "k+y/=",
          "a b",
          "a%20b",
          "ключ",
        ]),
        consumerSecret: chance(0.5)
          ? pick(["kd94hf93k423kf44", "", "s&c=t"])
          : text(),
      },
      options: {
        signatureMethod: pick(METHODS),
        nonce: chance(0.8)
          ? random().toString(36).slice(2)
          : pick(["a b", "n%41", "é"]),
        timestamp: pick([
          0,
          137131202,
          2 ** 31,
          4102444800,
          Math.floor(random() * 2 ** 32),
        ]),
        version: chance(0.7) ? "1.0" : false,
      },
    };
    if (chance(0.7)) {
      c.credentials.token = pick(["nnch734d00sl2jdk", "t+k/=", "a%2Bb", "tök"]);
      c.credentials.tokenSecret = chance(0.5)
        ? pick(["pfkkdhi9sl3r4s00", "", "&"])
        : text();
    }
    if (chance(0.2)) c.options.callback = pick(CALLBACKS);
    if (chance(0.15)) {
      c.options.verifier = pick(["hfdp7dh39dks9884", "a+b", "v%2F"]);
    }
    if (chance(0.4)) c.options.realm = pick(REALMS);
    if (chance(0.15)) c.asRequest = true;
    if (chance(0.05)) {
      c.headers.host = pick([
        "api.example.com",
        "API.Example.COM:8080",
        "example.com:80",
      ]);
    }
    const kind = random();
    if (kind < 0.45) {
      c.method = pick(["GET", "GET", "GET", "DELETE", "HEAD"]);
      c.options.placement = chance(0.6) ? "header" : "query";
      return c;
    }
    c.method = pick(["POST", "POST", "PUT", "PATCH", "patch"]);
    let form = true;
    if (kind < 0.65) c.body = new URLSearchParams(pairs());
    else if (kind < 0.85) {
      c.headers["content-type"] = pick(FORM_TYPES);
      const body = chance(0.1) ? "" : formString(pairs());
      c.body = chance(0.3) ? new TextEncoder().encode(body) : body;
    } else if (kind < 0.95) {
      form = false;
      c.headers["content-type"] = pick(["application/json", "text/plain"]);
      c.body = c.headers["content-type"] === "text/plain"
        ? "a=1&b=2"
        : '{"term":"é a+b"}';
      if (chance(0.5)) c.options.bodyHash = pick(["SHA-1", "SHA-256"] as const);
    } else if (chance(0.5)) {
      c.options.bodyHash = pick(["SHA-1", "SHA-256"] as const);
    }
    c.options.placement = pick(
      form ? ["header", "header", "query", "body"] : ["header", "query"],
    );
    return c;
  };
}
