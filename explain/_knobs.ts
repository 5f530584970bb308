// The knob table: every decision a signer makes on the way from a request to
// its signature, each with a small set of values, the RFC's value first
// (implied) and then the wrong ones real signers are known to make. A value
// is a setting: its id (a `CauseId`), its title, the RFC 5849 section it
// departs from, the fix, the libraries and vendors seen making it, and either
// a function that turns the computation into the wrong one or a check on the
// values sent. explain()'s search, whatIf(), `causes`, the CLI's
// `explain --list` and the README's list of causes all read this one table.

import {
  type Computation,
  decodeKeepingPlus,
  encodedTwice,
  formSet,
  lowerHex,
  plusForSpace,
  rawPairs,
  slashRaw,
  tildeEncoded,
  uriComponentSet,
} from "./conventions.ts";
import { isFormContentType, type Parameter } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import {
  builtInSignatureMethod,
  SIGNATURE_METHODS,
} from "../steps/signature.ts";

/** The id of a wrong setting of a knob, which `explain()` names. */
export type CauseId =
  | "scheme-swapped"
  | "host-case-kept"
  | "default-port-kept"
  | "port-dropped"
  | "path-decoded"
  | "path-encoded-twice"
  | "trailing-slash-added"
  | "trailing-slash-dropped"
  | "query-in-uri"
  | "query-omitted"
  | "query-double-encoded"
  | "query-plus-not-decoded"
  | "query-decoded-twice"
  | "form-body-omitted"
  | "body-signed-not-form"
  | "json-body-signed"
  | "multipart-fields-signed"
  | "form-plus-not-decoded"
  | "empty-values-dropped"
  | "duplicates-last-kept"
  | "duplicates-first-kept"
  | "empty-token-kept"
  | "empty-token-dropped"
  | "realm-signed"
  | "version-missing"
  | "version-added"
  | "signature-signed"
  | "body-hash-unsigned"
  | "encode-uri-component"
  | "form-encoded"
  | "plus-for-space"
  | "tilde-encoded"
  | "slash-raw"
  | "lower-hex"
  | "encoded-twice"
  | "sorted-raw"
  | "unsorted"
  | "sorted-by-name"
  | "method-lower-case"
  | "method-swapped"
  | "parameters-not-encoded"
  | "key-not-encoded"
  | "key-ampersand-missing"
  | "token-secret-missing"
  | "secrets-swapped"
  | "consumer-key-as-secret"
  | "hash-swapped"
  | "hex-digest"
  | "base64url-digest"
  | "base64-of-hex"
  | "signature-not-encoded"
  | "signature-encoded-twice"
  | "body-hash-keyed"
  | "body-hash-hex"
  | "body-hash-algorithm"
  | "body-hash-of-form"
  | "timestamp-milliseconds"
  | "timestamp-stale"
  | "nonce-empty"
  | "nonce-reused";

/** What the settings may read of the captured request. */
export interface CauseContext {
  /** The query as sent, without `?` and without the `oauth_*` pairs. */
  readonly rawQuery: string;
  /** The body as sent. */
  readonly body: string | undefined;
  /** The `Content-Type` as sent. */
  readonly contentType: string | undefined;
  /** The realm of the `Authorization` header. */
  readonly realm: string | undefined;
  /** `oauth_timestamp` as sent. */
  readonly timestamp: string | undefined;
  /** `oauth_nonce` as sent. */
  readonly nonce: string | undefined;
  /** The URL as typed or captured, before any normalization. */
  readonly rawUrl: string;
  /** The base string URI a correct signer signs. */
  readonly uri: string;
  /** `oauth_signature_method` as sent. */
  readonly signatureMethod: string;
  /** `oauth_signature` as sent, decoded. */
  readonly signature: string;
  /** `oauth_signature` as written in the `Authorization` header, undecoded. */
  readonly rawSignature: string | undefined;
  /** Whether a token secret was given. */
  readonly tokenSecret: boolean;
  /**
   * `oauth_body_hash` as sent, and what each way of computing it gives for
   * the body sent (`sha1`, `sha256`, `sha1-hex`, `hmac-sha1`, …).
   */
  readonly bodyHash: {
    readonly sent: string;
    readonly digests: Readonly<Record<string, string>>;
  } | undefined;
}

/**
 * Where a setting acts, in the order of the computation: the search builds
 * the base string from the first five, the key from the encoder and the key,
 * then the digest with the hash; the digest's text and its transport are
 * read off the signature sent; `sent` settings are seen in the values sent.
 */
export type Stage =
  | "uri"
  | "parameters"
  | "encoder"
  | "order"
  | "base"
  | "key"
  | "hash"
  | "text"
  | "transport"
  | "sent";

/** A wrong value of a knob. */
export interface Setting {
  readonly id: CauseId;
  readonly title: string;
  /** The fix, in one sentence. */
  readonly fix: string;
  /** Bug reports and vendor documents that show signers doing it. */
  readonly seenIn: readonly string[];
  /** Vendor profiles whose users are known to do it, tried first for them. */
  readonly vendors?: readonly string[];
  /** The wrong computation, or `undefined` when it cannot apply. */
  readonly apply?: (
    c: Computation,
    context: CauseContext,
  ) => Computation | undefined;
  /** Evidence found in the values sent, or `undefined`. */
  readonly detect?: (context: CauseContext) => string | undefined;
  /**
   * The signature as the signer meant it, when the setting changed it on its
   * way to the server (a `+` read as a space, encoded twice), or `undefined`.
   */
  readonly reread?: (sent: string) => string | undefined;
  /** The fix told with the request's own values, or `undefined`. */
  readonly example?: (context: CauseContext) => string | undefined;
  /**
   * Why the request's own values make this setting likelier than another
   * that reproduces the same thing, or `undefined`.
   */
  readonly likely?: (context: CauseContext) => string | undefined;
}

/** A decision of the signer, its RFC value and its wrong values. */
export interface Knob {
  /** The knob's name. */
  readonly name: string;
  /** The decision, in a few words. */
  readonly decision: string;
  /** The RFC's value, in a few words: the first value of every knob. */
  readonly rfc: string;
  /** The RFC 5849 section that fixes the value. */
  readonly section: string;
  /** Where in the computation the knob acts. */
  readonly stage: Stage;
  /** The wrong values. */
  readonly settings: readonly Setting[];
}

/** A setting with its knob, as the search and the report read it. */
export interface KnobSetting extends Setting {
  readonly knob: Knob;
  readonly section: string;
  readonly stage: Stage;
}
type Edit = (c: Computation, context: CauseContext) => Computation | undefined;

const withParameters = (
  edit: (
    p: readonly Parameter[],
    context: CauseContext,
  ) => Parameter[] | undefined,
): Edit =>
(c, context) => {
  const parameters = edit(c.parameters, context);
  return parameters === undefined ? undefined : { ...c, parameters };
};

// The query's or the form body's pairs read again with another decoding, in
// their place (query, body, protocol parameters); nothing to read again when
// they are not signed.
const reread = (
  source: "query" | "body",
  decode: (text: string) => string,
  text: (context: CauseContext) => string | undefined,
): Edit =>
  withParameters((p, context) => {
    const raw = text(context);
    if (raw === undefined || !p.some(([, , s]) => s === source)) {
      return undefined;
    }
    const pairs: Parameter[] = rawPairs(raw)
      .map(([n, v]) => [decode(n), decode(v), source] as const)
      .filter(([n]) => n !== "oauth_signature");
    // The protocol parameters of a signed URL stay as they were.
    const rest = p.filter(([n, , s]) => s !== source || n.startsWith("oauth_"));
    const before = source === "query"
      ? []
      : rest.filter(([, , s]) => s === "query");
    return [...before, ...pairs, ...rest.filter((r) => !before.includes(r))];
  });

const replaceQuery = (decode: (text: string) => string): Edit =>
  reread("query", decode, ({ rawQuery }) => rawQuery);

const withUri = (edit: (url: URL) => string | undefined): Edit => (c) => {
  const uri = edit(new URL(c.uri));
  return uri === undefined ? undefined : { ...c, uri };
};

// A cause that signs another base string URI, and its fix told with it.
const uriCause = (
  edit: (url: URL) => string | undefined,
): Pick<Setting, "apply" | "example"> => ({
  apply: withUri(edit),
  example: ({ uri }) => {
    const wrong = edit(new URL(uri));
    return wrong === undefined ? undefined : `sign ${uri}, not ${wrong}`;
  },
});

const hasOAuth = (p: readonly Parameter[], name: string): boolean =>
  p.some(([n]) => n === name);

function jsonEntries(body: string | undefined): Parameter[] | undefined {
  try {
    const value: unknown = JSON.parse(body ?? "");
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return undefined;
    }
    return Object.entries(value).map(([n, v]) =>
      [n, typeof v === "string" ? v : JSON.stringify(v), "body"] as const
    );
  } catch {
    return undefined;
  }
}

// The query's and the form body's pairs, raw and as a form decodes them.
function sentPairs(
  context: CauseContext,
): { name: string; value: string; raw: string; where: string }[] {
  const from = (text: string, where: string) =>
    rawPairs(text).map(([n, v]) => ({
      name: formDecode(n),
      value: formDecode(v),
      raw: v,
      where,
    })).filter(({ name }) => !name.startsWith("oauth_"));
  return [
    ...from(context.rawQuery, "query"),
    ...(context.body !== undefined && isFormContentType(context.contentType)
      ? from(context.body, "body")
      : []),
  ];
}

function formDecode(text: string): string {
  return decodeKeepingPlus(text.replaceAll("+", " "));
}

const listed = (pairs: { name: string; value: string }[]): string =>
  pairs.slice(0, 3).map(({ name, value }) => `"${name}=${value}"`).join(", ") +
  (pairs.length > 3 ? ` and ${pairs.length - 3} more` : "");

// The scheme and authority of a URL as typed.
function typedOrigin(rawUrl: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)/.exec(rawUrl.trim())?.[1];
}

// The fields of a multipart/form-data body that are not files.
function multipartFields(
  body: string | undefined,
  contentType: string | undefined,
): Parameter[] | undefined {
  const boundary = /^multipart\/form-data\s*;.*boundary="?([^";]+)"?/i.exec(
    contentType ?? "",
  )?.[1];
  if (boundary === undefined || body === undefined) return undefined;
  const fields: Parameter[] = [];
  for (const part of body.split(`--${boundary}`)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split === -1) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:[^\n]*;\s*name="([^"]*)"/i.exec(head)
      ?.[1];
    if (name === undefined || /filename=/i.test(head)) continue;
    const value = part.slice(split).replace(/^\r?\n\r?\n/, "").replace(
      /\r?\n$/,
      "",
    );
    fields.push([name, value, "body"]);
  }
  return fields.length === 0 ? undefined : fields;
}

// The digest length of an HMAC method, from the table of signature methods.
function digestBytes(name: string): number {
  return builtInSignatureMethod(name)?.digestBytes ?? 0;
}

// The method of the same family with the other of SHA-1 and SHA-256.
function swappedHash(name: string): string | undefined {
  const method = builtInSignatureMethod(name);
  const other = method?.hash === "SHA-1"
    ? "SHA-256"
    : method?.hash === "SHA-256"
    ? "SHA-1"
    : undefined;
  return SIGNATURE_METHODS.find((m) =>
    m.family === method?.family && m.hash === other
  )?.name;
}

function bodyHashIs(
  label: string,
  words: string,
): (context: CauseContext) => string | undefined {
  return ({ bodyHash }) =>
    bodyHash !== undefined && bodyHash.digests[label] === bodyHash.sent &&
      bodyHash.digests[label] !== undefined
      ? `oauth_body_hash is "${bodyHash.sent}": that is ${words}`
      : undefined;
}

const replaceBody = (decode: (text: string) => string): Edit =>
  reread(
    "body",
    decode,
    ({ body, contentType }) =>
      isFormContentType(contentType) ? body : undefined,
  );

const withEncoder = (
  wrap: (encode: (text: string) => string) => (text: string) => string,
): Edit =>
(c) => ({ ...c, encode: wrap(c.encode) });

// A duplicated name collapsed into one pair, as a map keyed by name does:
// the first pair's place, and its first or its last value.
const collapse = (keep: "first" | "last"): Edit =>
  withParameters((p) => {
    const seen = new Map<string, number>();
    const out: Parameter[] = [];
    for (const pair of p) {
      const at = seen.get(pair[0]);
      if (at === undefined) {
        seen.set(pair[0], out.length);
        out.push(pair);
      } else if (keep === "last") out[at] = pair;
    }
    return out.length === p.length ? undefined : out;
  });

// A setting found only in the values sent.
const seen = (
  id: CauseId,
  title: string,
  fix: string,
  seenIn: readonly string[],
  more: Partial<Setting> = {},
): Setting => ({ id, title, fix, seenIn, ...more });

// An example in the request's own values, for a pair sent that passes a test.
const pairExample = (
  test: (p: ReturnType<typeof sentPairs>[number]) => boolean,
  tell: (p: ReturnType<typeof sentPairs>[number]) => string,
) =>
(context: CauseContext): string | undefined => {
  const p = sentPairs(context).find(test);
  return p && tell(p);
};

const encodedAs = (
  wrap: (encode: (text: string) => string) => (text: string) => string,
) =>
  pairExample(
    (p) => wrap(percentEncode)(p.value) !== percentEncode(p.value),
    (p) =>
      `sign "${p.name}=${p.value}" as ${percentEncode(p.name)}=${
        percentEncode(p.value)
      }, not ${wrap(percentEncode)(p.value)}`,
  );

/** The knobs, in the order of RFC 5849's steps. */
export const KNOBS: readonly Knob[] = [
  {
    name: "scheme",
    decision: "the scheme signed",
    rfc: "the scheme the request is sent with",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "scheme-swapped",
      title: "http and https swapped",
      fix:
        "Sign the scheme the request is sent with (behind a TLS-terminating proxy, the scheme the client used)",
      seenIn: ["WP-API/OAuth1#58 (proxy in front of WordPress)"],
      ...uriCause((url) =>
        url.href.replace(
          /^https?:/,
          url.protocol === "http:" ? "https:" : "http:",
        )
      ),
    }],
  },
  {
    name: "host-case",
    decision: "the case of the scheme and host",
    rfc: "lower case",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "host-case-kept",
      title: "scheme or host signed in the case typed",
      fix: "Write the scheme and the host in lower case in the base string URI",
      seenIn: ["RestKit#533 (whole URL lower-cased or kept)"],
      apply: (c, { rawUrl }) => {
        const typed = typedOrigin(rawUrl)?.replace(/\/\/[^@/]*@/, "//")
          .replace(/(\/\/(\[[^\]]*\]|[^:/]*)):\d*$/, "$1");
        const url = new URL(c.uri);
        const origin = `${url.protocol}//${url.hostname}`;
        if (
          typed === undefined || typed === origin ||
          typed.toLowerCase() !== origin
        ) return undefined;
        return { ...c, uri: typed + c.uri.slice(origin.length) };
      },
      example: ({ rawUrl }) => {
        const typed = typedOrigin(rawUrl);
        return typed && `sign ${typed.toLowerCase()}, not ${typed}`;
      },
    }],
  },
  {
    name: "port",
    decision: "the port signed",
    rfc: "a non-default port kept, :80 and :443 dropped",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "default-port-kept",
      title: "default port kept",
      fix: "Drop :80 from http and :443 from https base string URIs",
      seenIn: ["ddo/oauth-1.0a#59", "scribejava#428", "r-lib/httr PR #435"],
      ...uriCause((url) =>
        url.port !== ""
          ? undefined
          : `${url.protocol}//${url.hostname}:${
            url.protocol === "http:" ? 80 : 443
          }${url.pathname}`
      ),
    }, {
      id: "port-dropped",
      title: "non-default port dropped",
      fix:
        "Keep a port that is not the scheme's default in the base string URI (http://example.com:8080/r)",
      seenIn: [
        "yahoo/TDOAuth#3",
        "Mastercard insomnia plugin#6",
        "SPORE/net-http-spore#27",
      ],
      ...uriCause((url) =>
        url.port === ""
          ? undefined
          : `${url.protocol}//${url.hostname}${url.pathname}`
      ),
    }],
  },
  {
    name: "path-encoding",
    decision: "the path's percent-encoding",
    rfc: "the path as sent",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "path-decoded",
      title: "path signed decoded",
      fix:
        "Sign the path as it is sent on the wire, its percent-encoding kept (a %2F stays %2F, a space stays %20)",
      seenIn: ["RestKit PR #712 (NSURL path decoded)"],
      apply: withUri((url) => {
        let decoded: string;
        try {
          decoded = decodeURIComponent(url.pathname);
        } catch {
          return undefined;
        }
        return decoded === url.pathname
          ? undefined
          : `${url.protocol}//${url.host}${decoded}`;
      }),
      example: ({ rawUrl }) => {
        const path = URL.parse(rawUrl)?.pathname;
        return path === undefined
          ? undefined
          : `sign the path ${path}, not ${decodeKeepingPlus(path)}`;
      },
    }, {
      id: "path-encoded-twice",
      title: "path encoded twice",
      fix:
        "Sign the path as it is sent on the wire, without percent-encoding its %XX escapes again",
      seenIn: ["postman-app-support#678 (encoding applied again)"],
      ...uriCause((url) =>
        url.pathname.includes("%")
          ? `${url.protocol}//${url.host}${url.pathname.replaceAll("%", "%25")}`
          : undefined
      ),
    }],
  },
  {
    name: "trailing-slash",
    decision: "the path's trailing slash",
    rfc: "the path as sent",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "trailing-slash-added",
      title: "trailing slash added",
      fix:
        "Sign the path exactly as it is sent, without adding a trailing slash",
      seenIn: ["omandryk/wc-api-java#14"],
      vendors: ["woocommerce"],
      ...uriCause((url) =>
        url.pathname.endsWith("/") ? undefined : url.href + "/"
      ),
    }, {
      id: "trailing-slash-dropped",
      title: "trailing slash dropped",
      fix:
        'Sign the path exactly as it is sent, its trailing slash included (an empty path is "/")',
      seenIn: [
        "RestKit PR #712",
        "kloon/WooCommerce-REST-API-Client-Library PR #73",
      ],
      vendors: ["woocommerce"],
      ...uriCause((url) =>
        url.pathname.endsWith("/") ? url.href.slice(0, -1) : undefined
      ),
    }],
  },
  {
    name: "uri-query",
    decision: "the query in the base string URI",
    rfc: "left out of the URI (its parameters are signed instead)",
    section: "3.4.1.2",
    stage: "uri",
    settings: [{
      id: "query-in-uri",
      title: "full URL with its query signed as the base string URI",
      fix:
        "Sign the URL without its query as the base string URI; the query's parameters go into the parameters",
      seenIn: [
        "litl/rauth#1",
        "ahmadnassri/app-restconsole#64",
        "OAuthSwift#142",
        "heremaps/here-aaa-java-sdk#87",
        "mrjones/oauth PR #63",
      ],
      vendors: ["x", "woocommerce"],
      apply: (c, { rawQuery }) =>
        rawQuery === "" ? undefined : { ...c, uri: `${c.uri}?${rawQuery}` },
      example: ({ uri, rawQuery }) =>
        rawQuery === "" ? undefined : `sign ${uri}, not ${uri}?${rawQuery}`,
    }],
  },
  {
    name: "query-source",
    decision: "whether the query is signed",
    rfc: "signed",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "query-omitted",
      title: "query left out of the signature",
      fix:
        "Sign the query's parameters along with the protocol parameters (the base string URI leaves the query out; the parameters put it back)",
      seenIn: [
        "rhargreaves/oauth-dotnetcore PR #6",
        "ciaranj/node-oauth PR #249 (Xero)",
        "heremaps/here-aaa-java-sdk#87",
        "yiisoft/yii2-authclient PR #160",
      ],
      vendors: ["netsuite"],
      apply: withParameters((p) => {
        const kept = p.filter(([n, , source]) =>
          source !== "query" || n.startsWith("oauth_")
        );
        return kept.length === p.length ? undefined : kept;
      }),
      example: (context) => {
        const query = sentPairs(context).filter(({ where }) =>
          where === "query"
        );
        return query.length === 0
          ? undefined
          : `sign ${listed(query)} with the oauth_* parameters`;
      },
    }],
  },
  {
    name: "query-decoding",
    decision: "how the query is decoded",
    rfc: "once, as a form (+ is a space)",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "query-double-encoded",
      title: "query values encoded twice",
      fix:
        "Decode the query's names and values before signing (first%2Csecond is signed as the text first,second)",
      seenIn: [
        "postman-app-support#8879 (Twitter Ads)",
        "AsyncHttpClient PR #914",
        "Kong/insomnia#943 (Magento)",
      ],
      apply: replaceQuery((text) => text),
      example: pairExample(
        ({ where, raw }) => where === "query" && /%[0-9A-Fa-f]{2}|\+/.test(raw),
        (p) =>
          `sign "${p.name}=${p.value}" (the text "${p.value}"), not "${p.raw}"`,
      ),
    }, {
      id: "query-plus-not-decoded",
      title: "+ in the query not decoded",
      fix: 'Decode the query as a form, where "+" is a space, before signing',
      seenIn: [
        "WP-API/OAuth1#143",
        "bytespider/jsOAuth#45",
        "nbspou/dart-oauth1#17",
      ],
      apply: replaceQuery(decodeKeepingPlus),
      example: pairExample(
        ({ where, raw }) => where === "query" && raw.includes("+"),
        (p) => `sign "${p.name}=${p.value}", not "${decodeKeepingPlus(p.raw)}"`,
      ),
      likely: pairExample(
        ({ where, raw }) => where === "query" && raw.includes("+"),
        (p) =>
          `the query itself writes the space of "${p.name}" as + (${p.raw}), and a + left undecoded is signed as %2B`,
      ),
    }, {
      id: "query-decoded-twice",
      title: "query values decoded twice",
      fix:
        "Decode the query once: a %25 in the query is the text %, not the start of another escape",
      seenIn: ["postman-app-support#678", "AsyncHttpClient PR #914"],
      apply: replaceQuery((text) => formDecode(formDecode(text))),
      example: pairExample(
        ({ where, value }) =>
          where === "query" && /%[0-9A-Fa-f]{2}/.test(value),
        (p) =>
          `sign "${p.name}=${p.value}", not "${p.name}=${formDecode(p.value)}"`,
      ),
    }],
  },
  {
    name: "body-source",
    decision: "which bodies are signed",
    rfc: "an application/x-www-form-urlencoded body, and no other",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "form-body-omitted",
      title: "form body left out",
      fix:
        "Sign the parameters of an application/x-www-form-urlencoded body along with the query",
      seenIn: ["scribejava#286"],
      apply: withParameters((p) => {
        const kept = p.filter(([n, , s]) =>
          s !== "body" || n.startsWith("oauth_")
        );
        return kept.length === p.length ? undefined : kept;
      }),
      example: (context) => {
        const body = sentPairs(context).filter(({ where }) => where === "body");
        return body.length === 0 ? undefined : `sign ${listed(body)}`;
      },
    }, {
      id: "body-signed-not-form",
      title: "body signed though it is not a form",
      fix:
        "Sign body parameters only when Content-Type is application/x-www-form-urlencoded (or send that Content-Type)",
      seenIn: ["scribejava#286"],
      apply: withParameters((p, { body, contentType }) =>
        body === undefined || isFormContentType(contentType) ? undefined : [
          ...p,
          ...[...new URLSearchParams(body)].map(([n, v]) =>
            [n, v, "body"] as const
          ),
        ]
      ),
    }, {
      id: "json-body-signed",
      title: "JSON body signed as parameters",
      fix:
        "Leave a JSON body out of the signature (sign it with oauth_body_hash if the server asks for that)",
      seenIn: ["ddo/oauth-1.0a (data given as JSON)"],
      vendors: ["netsuite", "x"],
      apply: withParameters((p, { body, contentType }) => {
        const entries = isFormContentType(contentType)
          ? undefined
          : jsonEntries(body);
        return entries === undefined ? undefined : [...p, ...entries];
      }),
      example: ({ body }) => {
        const names = jsonEntries(body)?.map(([n]) => `"${n}"`);
        return names && `leave ${names.join(", ")} out of the parameters`;
      },
    }, {
      id: "multipart-fields-signed",
      title: "multipart fields signed as parameters",
      fix:
        "Leave the fields of a multipart/form-data body out of the signature: only an application/x-www-form-urlencoded body is signed",
      seenIn: ["X media upload (docs: multipart bodies are not signed)"],
      vendors: ["x"],
      apply: withParameters((p, { body, contentType }) => {
        const fields = multipartFields(body, contentType);
        return fields === undefined ? undefined : [...p, ...fields];
      }),
      example: ({ body, contentType }) => {
        const names = multipartFields(body, contentType)?.map(([n]) =>
          `"${n}"`
        );
        return names && `leave ${names.join(", ")} out of the parameters`;
      },
    }],
  },
  {
    name: "body-decoding",
    decision: "how a form body is decoded",
    rfc: "as a form (+ is a space)",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "form-plus-not-decoded",
      title: "+ in the form body not decoded",
      fix: 'Decode a form body as a form, where "+" is a space, before signing',
      seenIn: [
        "WP-API/OAuth1#143",
        "transithq/tropel PR #434",
        "tumblr/TMTumblrSDK PR #99",
      ],
      vendors: ["tumblr"],
      apply: replaceBody(decodeKeepingPlus),
      example: pairExample(
        ({ where, raw }) => where === "body" && raw.includes("+"),
        (p) => `sign "${p.name}=${p.value}", not "${decodeKeepingPlus(p.raw)}"`,
      ),
    }],
  },
  {
    name: "empty-values",
    decision: "parameters with an empty value",
    rfc: "signed as name=",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "empty-values-dropped",
      title: "empty-valued parameters left out",
      fix: 'Sign every parameter sent, an empty one as "name="',
      seenIn: [
        "ruby-oauth/oauth PR #155",
        "dghubble/oauth1 PR #38",
        "postman-app-support#2079",
        "scribejava#625",
        "guzzle/oauth-subscriber#29",
      ],
      vendors: ["lti-launch", "schoology"],
      apply: withParameters((p) => {
        const kept = p.filter(([, v]) => v !== "");
        return kept.length === p.length ? undefined : kept;
      }),
      example: pairExample(
        ({ value }) => value === "",
        (p) => `sign "${p.name}=" although its value is empty`,
      ),
    }],
  },
  {
    name: "duplicates",
    decision: "a name sent more than once",
    rfc: "every pair signed",
    section: "3.4.1.3.2",
    stage: "parameters",
    settings: [{
      id: "duplicates-last-kept",
      title: "duplicated name collapsed to its last value",
      fix:
        "Keep parameters as a list of pairs, not a map: sign every value of a repeated name",
      seenIn: [
        "googleapis/signet#173",
        "restsharp/RestSharp#234 (LinkedIn)",
        "PHPoAuthLib#481",
        "jsOAuth#53",
      ],
      apply: collapse("last"),
    }, {
      id: "duplicates-first-kept",
      title: "duplicated name collapsed to its first value",
      fix:
        "Keep parameters as a list of pairs, not a map: sign every value of a repeated name",
      seenIn: ["BDBOAuth1Manager#8", "google-oauth-java-client#91"],
      apply: collapse("first"),
    }],
  },
  {
    name: "token-parameter",
    decision: "an empty oauth_token",
    rfc: "signed exactly when sent",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "empty-token-kept",
      title: "empty oauth_token signed",
      fix:
        "Sign oauth_token only when you send it: with no token, leave it out of both",
      seenIn: ["postman-app-support#883"],
      apply: withParameters((p) =>
        hasOAuth(p, "oauth_token")
          ? undefined
          : [...p, ["oauth_token", "", "oauth"]]
      ),
    }, {
      id: "empty-token-dropped",
      title: "empty oauth_token left out of the signature",
      fix:
        'Sign every parameter you send: an empty oauth_token="" is signed as "oauth_token="',
      seenIn: ["dghubble/oauth1 PR #38", "postman-app-support#2079"],
      vendors: ["schoology"],
      apply: withParameters((p) =>
        p.some(([n, v]) => n === "oauth_token" && v === "")
          ? p.filter(([n]) => n !== "oauth_token")
          : undefined
      ),
    }],
  },
  {
    name: "realm",
    decision: "the realm",
    rfc: "left out of the signature",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "realm-signed",
      title: "realm signed",
      fix:
        "Leave realm out of the signature: it travels only in the Authorization header",
      seenIn: ["WP-API/OAuth1#143 (servers must drop realm)"],
      vendors: ["netsuite"],
      apply: withParameters((p, { realm }) =>
        realm === undefined ? undefined : [...p, ["realm", realm, "oauth"]]
      ),
      example: ({ realm }) =>
        realm === undefined
          ? undefined
          : `send realm="${realm}" in the header only`,
    }],
  },
  {
    name: "version",
    decision: "oauth_version",
    rfc: "signed exactly when sent",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "version-missing",
      title: "oauth_version sent but not signed",
      fix: "Sign oauth_version whenever you send it",
      seenIn: ["ddo/oauth-1.0a (version option)"],
      apply: withParameters((p) =>
        hasOAuth(p, "oauth_version")
          ? p.filter(([n]) => n !== "oauth_version")
          : undefined
      ),
    }, {
      id: "version-added",
      title: "oauth_version signed but not sent",
      fix: "Send oauth_version=1.0 whenever you sign it, or sign neither",
      seenIn: ["ddo/oauth-1.0a (version option)"],
      apply: withParameters((p) =>
        hasOAuth(p, "oauth_version")
          ? undefined
          : [...p, ["oauth_version", "1.0", "oauth"]]
      ),
    }],
  },
  {
    name: "signature-parameter",
    decision: "oauth_signature itself",
    rfc: "left out of the signature",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "signature-signed",
      title: "oauth_signature signed",
      fix:
        "Leave oauth_signature out of the parameters signed (a server must drop it before it verifies)",
      seenIn: ["RFC 5849 §3.4.1.3.1 (a verifier that forgets to drop it)"],
      apply: withParameters((p, { signature }) => [
        ...p,
        ["oauth_signature", signature, "oauth"],
      ]),
    }],
  },
  {
    name: "body-hash-parameter",
    decision: "oauth_body_hash",
    rfc: "signed whenever sent",
    section: "3.4.1.3.1",
    stage: "parameters",
    settings: [{
      id: "body-hash-unsigned",
      title: "oauth_body_hash sent but not signed",
      fix:
        "Add oauth_body_hash to the parameters before signing: it is a protocol parameter like the others",
      seenIn: ["OAuth Request Body Hash §3.1"],
      vendors: ["mastercard", "lti-outcomes"],
      apply: withParameters((p) =>
        hasOAuth(p, "oauth_body_hash")
          ? p.filter(([n]) => n !== "oauth_body_hash")
          : undefined
      ),
    }],
  },
  {
    name: "encoder-set",
    decision: "the characters left unencoded",
    rfc: "A-Z a-z 0-9 - . _ ~",
    section: "3.6",
    stage: "encoder",
    settings: [{
      id: "encode-uri-component",
      title: "encodeURIComponent's character set",
      fix:
        "Percent-encode every byte outside A-Z a-z 0-9 - . _ ~, including ! * ' ( ), which encodeURIComponent leaves alone",
      seenIn: ["ddo/oauth-1.0a#39", "liboauthcpp PR #20"],
      apply: withEncoder(uriComponentSet),
      example: encodedAs(uriComponentSet),
    }, {
      id: "form-encoded",
      title: "form encoding (URLSearchParams, urlencode)",
      fix:
        'Use RFC 3986 percent-encoding, not form encoding: a space is "%20", "*" is "%2A", "~" stays "~"',
      seenIn: [
        "gifnksm/oauth-client-rs PR #16 (Twitter 401)",
        "r-lib/httr#21 (Fitbit)",
      ],
      apply: withEncoder(formSet),
      example: encodedAs(formSet),
    }, {
      id: "plus-for-space",
      title: "+ for space",
      fix:
        'Encode a space as "%20", never "+" (form encoding is not RFC 3986 encoding)',
      seenIn: ["gifnksm/oauth-client-rs PR #16", "WP-API/OAuth1#143"],
      apply: withEncoder(plusForSpace),
      example: encodedAs(plusForSpace),
      likely: pairExample(
        ({ raw }) => raw.includes("%20"),
        (p) =>
          `the request writes the space of "${p.name}" as %20 (${p.raw}), so the + came from the signer's encoder`,
      ),
    }, {
      id: "tilde-encoded",
      title: "~ encoded",
      fix: 'Leave "~" unencoded: it is an unreserved character',
      seenIn: ["heremaps/here-aaa-java-sdk PR #89"],
      apply: withEncoder(tildeEncoded),
      example: encodedAs(tildeEncoded),
    }, {
      id: "slash-raw",
      title: "/ left unencoded",
      fix:
        'Percent-encode "/" as %2F in names, values and the base string (Python\'s quote() leaves it alone unless safe="")',
      seenIn: ["woocommerce/wc-api-python (quote with safe='/')"],
      vendors: ["woocommerce"],
      apply: withEncoder(slashRaw),
      example: encodedAs(slashRaw),
    }],
  },
  {
    name: "hex-case",
    decision: "the case of the escapes' hex digits",
    rfc: "upper case (%2F)",
    section: "3.6",
    stage: "encoder",
    settings: [{
      id: "lower-hex",
      title: "lower-case hex in percent escapes",
      fix: 'Write the hex digits of an escape in upper case: "%2F", not "%2f"',
      seenIn: ["woocommerce/wc-api-python (urllib escapes)"],
      vendors: ["woocommerce"],
      apply: withEncoder(lowerHex),
    }],
  },
  {
    name: "encoding-depth",
    decision: "how often names and values are encoded",
    rfc: "once",
    section: "3.6",
    stage: "encoder",
    settings: [{
      id: "encoded-twice",
      title: "parameters percent-encoded twice",
      fix:
        "Percent-encode each name and value once, then the base string's parts once",
      seenIn: ["postman-app-support#678 (triple encoding)"],
      apply: withEncoder(encodedTwice),
    }],
  },
  {
    name: "order",
    decision: "the order of the parameters",
    rfc: "by encoded name, then encoded value, in byte order",
    section: "3.4.1.3.2",
    stage: "order",
    settings: [{
      id: "sorted-raw",
      title: "sorted by raw rather than encoded values",
      fix:
        "Sort by the percent-encoded names, then the percent-encoded values, in byte order",
      seenIn: ["liboauthcpp PR #20 (encode first, then sort)"],
      apply: (c) => c.sort === "encoded" ? { ...c, sort: "raw" } : undefined,
    }, {
      id: "unsorted",
      title: "parameters not sorted",
      fix:
        "Sort the parameters by encoded name, then encoded value, before joining them",
      seenIn: ["WP-API/OAuth1#58 (order of parameters)"],
      // In the signer's own order: the request's parameters, query then
      // body, and its protocol parameters after them, wherever they are sent.
      apply: (c) => {
        if (c.sort !== "encoded") return undefined;
        const protocol = ([n]: Parameter) => n.startsWith("oauth_");
        return {
          ...c,
          sort: "none",
          parameters: [
            ...c.parameters.filter((p) => !protocol(p)),
            ...c.parameters.filter(protocol),
          ],
        };
      },
    }, {
      id: "sorted-by-name",
      title: "sorted by name only",
      fix:
        "Sort pairs with the same name by their encoded values too (a=1 before a=2)",
      seenIn: ["googleapis/signet#173 (repeated names)"],
      apply: (c) => c.sort === "encoded" ? { ...c, sort: "name" } : undefined,
    }],
  },
  {
    name: "method",
    decision: "the HTTP method signed",
    rfc: "the method sent, in upper case",
    section: "3.4.1.1",
    stage: "base",
    settings: [{
      id: "method-lower-case",
      title: "method lower-case",
      fix:
        'Write the HTTP method in upper case in the base string ("GET", not "get")',
      seenIn: ["RFC 5849 §3.4.1.1 (uppercase)"],
      apply: (c) =>
        c.method === c.method.toLowerCase()
          ? undefined
          : { ...c, method: c.method.toLowerCase() },
    }, {
      id: "method-swapped",
      title: "method swapped",
      fix:
        "Sign the method the request is sent with: a POST signed as GET (or the other way) never verifies",
      seenIn: ["Kong/insomnia#943 (method changed after signing)"],
      apply: (c) => ({ ...c, method: c.method === "GET" ? "POST" : "GET" }),
    }],
  },
  {
    name: "joining",
    decision: "how the base string is joined",
    rfc: "each of its three parts percent-encoded, then joined by &",
    section: "3.4.1.1",
    stage: "base",
    settings: [{
      id: "parameters-not-encoded",
      title: "parameters joined into the base string unencoded",
      fix:
        'Percent-encode the normalized parameters as a whole before joining them with "&" (their "=" and "&" become %3D and %26)',
      seenIn: ["mulesoft/api-console#61"],
      apply: (c) => c.joinRaw ? undefined : { ...c, joinRaw: true },
    }],
  },
  {
    name: "key-encoding",
    decision: "how the secrets are written in the key",
    rfc: "percent-encoded",
    section: "3.4.2",
    stage: "key",
    settings: [{
      id: "key-not-encoded",
      title: "signing key not percent-encoded",
      fix:
        "Percent-encode the consumer secret and the token secret before joining them with &",
      seenIn: ["ddo/oauth-1.0a#39"],
      apply: (c) => c.keyEncoded ? { ...c, keyEncoded: false } : undefined,
    }],
  },
  {
    name: "key-ampersand",
    decision: "the & between the secrets",
    rfc: "always there, even after an empty token secret",
    section: "3.4.2",
    stage: "key",
    settings: [{
      id: "key-ampersand-missing",
      title: "the & missing from the key",
      fix:
        'Join the secrets with "&" even when the token secret is empty: the key is then "consumer_secret&"',
      seenIn: ["ddo/oauth-1.0a PR #2 (last_ampersand)"],
      apply: (c) => c.keyAmpersand ? { ...c, keyAmpersand: false } : undefined,
    }],
  },
  {
    name: "key-secrets",
    decision: "which secrets make the key, in which order",
    rfc: "consumer secret, then token secret",
    section: "3.4.2",
    stage: "key",
    settings: [{
      id: "token-secret-missing",
      title: "token secret left out of the key",
      fix:
        'Sign with the token secret the token came with: the key is "consumer_secret&token_secret"',
      seenIn: [
        "WP-API/OAuth1#146",
        "ddo/oauth-1.0a#39",
        "mountain-loop/yaak#611",
      ],
      vendors: ["x", "netsuite", "trello", "jira"],
      apply: (c, { tokenSecret }) =>
        tokenSecret ? { ...c, keySecrets: "no-token-secret" } : undefined,
    }, {
      id: "secrets-swapped",
      title: "consumer and token secrets swapped",
      fix:
        "Put the consumer secret first and the token secret second in the key",
      seenIn: ["WP-API/OAuth1#146"],
      apply: (c) => ({ ...c, keySecrets: "swapped" }),
    }, {
      id: "consumer-key-as-secret",
      title: "consumer key used in place of the consumer secret",
      fix:
        "Build the key from the consumer secret, not the consumer key (oauth_consumer_key is public and sent)",
      seenIn: ["postman-app-support#5982"],
      apply: (c) => ({ ...c, keySecrets: "consumer-key" }),
    }],
  },
  {
    name: "hash",
    decision: "the hash",
    rfc: "the one oauth_signature_method names",
    section: "3.4.2",
    stage: "hash",
    settings: [{
      id: "hash-swapped",
      title: "SHA-1 and SHA-256 swapped",
      fix: "Use the hash that oauth_signature_method names",
      seenIn: ["ddo/oauth-1.0a (hash_function and signature_method apart)"],
      vendors: ["netsuite"],
      apply: (c) => {
        const swapped = swappedHash(c.signatureMethod);
        return swapped === undefined
          ? undefined
          : { ...c, signatureMethod: swapped };
      },
    }],
  },
  {
    name: "digest-text",
    decision: "how the digest is written",
    rfc: "base64 (RFC 2045 §6.8)",
    section: "3.4.2",
    stage: "text",
    settings: [{
      id: "hex-digest",
      title: "hex instead of base64 digest",
      fix: "Encode the HMAC digest in base64 (RFC 2045 §6.8), not hex",
      seenIn: ["http4s#7529", "jwt/ruby-jwt#1"],
      apply: (c) =>
        c.digestText === "base64" ? { ...c, digestText: "hex" } : undefined,
      detect: ({ signature, signatureMethod }) =>
        new RegExp(`^[0-9a-fA-F]{${digestBytes(signatureMethod) * 2}}$`)
            .test(signature)
          ? `oauth_signature is ${signature.length} hex digits: the length of a ${
            signatureMethod.slice(5)
          } digest written in hex, where base64 is ${
            Math.ceil(signature.length / 6) * 4
          } characters ending in =`
          : undefined,
    }, {
      id: "base64url-digest",
      title: "base64url instead of base64 digest",
      fix:
        'Encode the digest in base64 with its "+", "/" and "=" padding (RFC 2045 §6.8), not base64url',
      seenIn: ["jwt/ruby-jwt#1 (JWT habits)"],
      apply: (c) =>
        c.digestText === "base64"
          ? { ...c, digestText: "base64url" }
          : undefined,
      detect: ({ signature, signatureMethod }) => {
        const length = Math.ceil(digestBytes(signatureMethod) * 4 / 3) ||
          undefined;
        return length !== undefined && signature.length === length &&
            /^[A-Za-z0-9_-]+$/.test(signature) &&
            !/^[0-9a-fA-F]+$/.test(signature)
          ? `oauth_signature is ${length} base64url characters without padding: a ${
            signatureMethod.slice(5)
          } digest in base64 is ${
            Math.ceil(length / 4) * 4
          } characters ending in =`
          : undefined;
      },
    }, {
      id: "base64-of-hex",
      title: "base64 of the hex digest's text",
      fix:
        "Encode the digest's bytes in base64, not the text of its hex digits (hexdigest() then base64 gives 56 characters for SHA-1)",
      seenIn: ["jwt/ruby-jwt#1 (hexdigest, then base64)"],
      apply: (c) =>
        c.digestText === "base64"
          ? { ...c, digestText: "base64-of-hex" }
          : undefined,
      detect: ({ signature, signatureMethod }) => {
        const bytes = digestBytes(signatureMethod) * 2;
        return bytes > 0 && signature.length === Math.ceil(bytes / 3) * 4 &&
            /^[A-Za-z0-9+/]+=*$/.test(signature)
          ? `oauth_signature is ${signature.length} characters: the length of the base64 of a ${
            signatureMethod.slice(5)
          } digest's ${bytes} hex digits`
          : undefined;
      },
    }],
  },
  {
    name: "transport",
    decision: "the signature where it is sent",
    rfc: "percent-encoded once",
    section: "3.5.1",
    stage: "transport",
    settings: [{
      id: "signature-not-encoded",
      title: "signature not percent-encoded",
      fix:
        'Percent-encode oauth_signature where it is sent: a raw "+" reaches a server that decodes a form as a space',
      seenIn: [
        "Mastercard/oauth1-signer-python#35",
        "woocommerce PR #13632",
        "woocommerce/wc-api-ruby PR #2",
        "postman-app-support#5982",
        "YelpArchive/yelp-api PR #5",
      ],
      vendors: ["woocommerce", "mastercard"],
      // A raw "/" or "=" is read back as itself; a raw "+" is not, by a
      // server that decodes the header as a form.
      detect: ({ rawSignature }) =>
        rawSignature?.includes("+")
          ? `oauth_signature is written "${rawSignature}" in the Authorization header: its + must be written %2B, or a server that decodes it as a form reads a space`
          : undefined,
      reread: (sent) =>
        sent.includes(" ") ? sent.replaceAll(" ", "+") : undefined,
    }, {
      id: "signature-encoded-twice",
      title: "signature percent-encoded twice",
      fix:
        "Percent-encode oauth_signature once, where it is placed: not when it is computed and again in the header or query",
      seenIn: ["postman-app-support#678"],
      reread: (sent) =>
        /%[0-9A-F]{2}/i.test(sent)
          ? sent.replace(
            /%([0-9A-Fa-f]{2})/g,
            (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
          )
          : undefined,
    }],
  },
  {
    name: "body-hash",
    decision: "oauth_body_hash's value",
    rfc: "the base64 SHA digest of the raw body, for a body that is not a form",
    section: "3.4.1.3.1",
    stage: "sent",
    settings: [
      seen(
        "body-hash-keyed",
        "body hash keyed",
        "Compute oauth_body_hash as the plain SHA digest of the raw body, never an HMAC with the signing key",
        ["OAuth Request Body Hash §3.2"],
        {
          detect: (context) =>
            bodyHashIs(
              "hmac-sha1",
              "an HMAC-SHA1 of the body with the signing key",
            )(context) ??
              bodyHashIs(
                "hmac-sha256",
                "an HMAC-SHA256 of the body with the signing key",
              )(context),
        },
      ),
      seen(
        "body-hash-hex",
        "body hash in hex",
        "Write oauth_body_hash in base64, not hex",
        ["OAuth Request Body Hash §3.2"],
        {
          detect: (context) =>
            bodyHashIs("sha1-hex", "the SHA-1 digest of the body in hex")(
              context,
            ) ??
              bodyHashIs("sha256-hex", "the SHA-256 digest of the body in hex")(
                context,
              ),
        },
      ),
      seen(
        "body-hash-algorithm",
        "body hash with the other SHA",
        "Compute oauth_body_hash with the hash of oauth_signature_method: SHA-1 for the *-SHA1 methods, SHA-256 for the *-SHA256 ones",
        ["Mastercard/oauth1-signer-python#35"],
        {
          detect: (context) =>
            /SHA256$/.test(context.signatureMethod)
              ? bodyHashIs("sha1", "the SHA-1 digest of the body")(context)
              : bodyHashIs("sha256", "the SHA-256 digest of the body")(context),
        },
      ),
      seen(
        "body-hash-of-form",
        "body hash sent with a form body",
        "Send no oauth_body_hash with an application/x-www-form-urlencoded body: its parameters are signed instead",
        ["OAuth Request Body Hash §3.1"],
        {
          detect: ({ bodyHash, contentType, body }) =>
            bodyHash !== undefined && body !== undefined &&
              isFormContentType(contentType)
              ? `oauth_body_hash is sent with a form body (Content-Type ${contentType})`
              : undefined,
        },
      ),
    ],
  },
  {
    name: "timestamp",
    decision: "oauth_timestamp",
    rfc: "seconds since the epoch, by a set clock",
    section: "3.3",
    stage: "sent",
    settings: [
      seen(
        "timestamp-milliseconds",
        "timestamp in milliseconds",
        "Send seconds since the epoch: Math.floor(Date.now() / 1000)",
        ["DotNetOpenAuth#322", "mrjones/oauth PR #56"],
        {
          detect: ({ timestamp }) =>
            timestamp !== undefined && /^\d{12,}$/.test(timestamp)
              ? `oauth_timestamp is ${timestamp}: read as seconds that is after the year ${
                Math.floor(Number(timestamp) / 31_556_952 + 1970)
              }, read as milliseconds it is ${
                new Date(Number(timestamp)).toISOString()
              }`
              : undefined,
          example: ({ timestamp }) =>
            timestamp === undefined
              ? undefined
              : `send ${
                Math.floor(Number(timestamp) / 1000)
              }, not ${timestamp}`,
        },
      ),
      seen(
        "timestamp-stale",
        "timestamp outside the server's window",
        "Set the client's clock by NTP, or take the time from the server's Date header, and sign each request when it is sent",
        ["ddo/oauth-1.0a (clock skew reports)"],
      ),
    ],
  },
  {
    name: "nonce",
    decision: "oauth_nonce",
    rfc: "random, new for every request",
    section: "3.3",
    stage: "sent",
    settings: [
      seen(
        "nonce-empty",
        "nonce empty",
        "Send a random oauth_nonce, unique per request: 128 random bits from crypto.getRandomValues",
        ["RFC 5849 §3.3"],
        {
          detect: ({ nonce }) =>
            nonce === ""
              ? 'oauth_nonce is sent empty (oauth_nonce="")'
              : undefined,
        },
      ),
      seen(
        "nonce-reused",
        "nonce used before",
        "Make a fresh nonce for every request, retries included: 128 random bits from crypto.getRandomValues",
        ["RFC 5849 §3.3"],
      ),
    ],
  },
];

/** Every setting of every knob, with its knob, in the table's order. */
export const SETTINGS: readonly KnobSetting[] = KNOBS.flatMap((knob) =>
  knob.settings.map((s) => ({
    ...s,
    knob,
    section: knob.section,
    stage: knob.stage,
  }))
);

/** The setting with this id. */
export function setting(id: string): KnobSetting | undefined {
  return SETTINGS.find((s) => s.id === id);
}
