// The classic wrong conventions of OAuth 1.0a signing, as a table: each cause
// has an id, a title, the RFC 5849 section it breaks, the fix in one sentence,
// and either a function that turns the correct computation into the wrong one
// or a check on the values sent.

import {
  type Computation,
  decodeKeepingPlus,
  plusForSpace,
  rawPairs,
  tildeEncoded,
  uriComponentSet,
} from "./_conventions.ts";
import type { CauseId } from "./explain.ts";
import type { Parameter } from "./steps/parameters.ts";
import { isFormContentType } from "./steps/parameters.ts";

/** What the cause functions may read of the captured request. */
export interface CauseContext {
  /** The query as sent, without `?`. */
  readonly rawQuery: string;
  /** The body as sent. */
  readonly body: string | undefined;
  /** The `Content-Type` as sent. */
  readonly contentType: string | undefined;
  /** The realm of the `Authorization` header. */
  readonly realm: string | undefined;
  /** `oauth_timestamp` as sent. */
  readonly timestamp: string | undefined;
}

/** A wrong convention. */
export interface Cause {
  readonly id: CauseId;
  readonly title: string;
  /** The RFC 5849 section the convention breaks. */
  readonly section: string;
  /** The fix, in one sentence. */
  readonly fix: string;
  /** The wrong computation, or `undefined` when it cannot apply. */
  readonly apply?: (
    c: Computation,
    context: CauseContext,
  ) => Computation | undefined;
  /** Evidence found in the values sent, or `undefined`. */
  readonly detect?: (context: CauseContext) => string | undefined;
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

const replaceQuery = (decode: (text: string) => string): Edit =>
  withParameters((p, { rawQuery }) => {
    const query: Parameter[] = rawPairs(rawQuery)
      .map(([n, v]) => [decode(n), decode(v), "query"] as const)
      .filter(([n]) => n !== "oauth_signature");
    return [...query, ...p.filter(([, , source]) => source !== "query")];
  });

const withUri = (edit: (url: URL) => string | undefined): Edit => (c) => {
  const uri = edit(new URL(c.uri));
  return uri === undefined ? undefined : { ...c, uri };
};

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

const SWAPPED_HASH: Readonly<Record<string, string>> = {
  "HMAC-SHA1": "HMAC-SHA256",
  "HMAC-SHA256": "HMAC-SHA1",
  "RSA-SHA1": "RSA-SHA256",
  "RSA-SHA256": "RSA-SHA1",
};

/** The classic wrong conventions, in the order of RFC 5849's steps. */
export const CAUSES: readonly Cause[] = [
  {
    id: "encode-uri-component",
    title: "encodeURIComponent's character set",
    section: "3.6",
    fix:
      "Percent-encode every byte outside A-Z a-z 0-9 - . _ ~, including ! * ' ( ), which encodeURIComponent leaves alone",
    apply: (c) => ({ ...c, encode: uriComponentSet(c.encode) }),
  },
  {
    id: "plus-for-space",
    title: "+ for space",
    section: "3.6",
    fix:
      'Encode a space as "%20", never "+" (form encoding is not RFC 3986 encoding)',
    apply: (c) => ({ ...c, encode: plusForSpace(c.encode) }),
  },
  {
    id: "tilde-encoded",
    title: "~ encoded",
    section: "3.6",
    fix: 'Leave "~" unencoded: it is an unreserved character',
    apply: (c) => ({ ...c, encode: tildeEncoded(c.encode) }),
  },
  {
    id: "query-double-encoded",
    title: "query values encoded twice",
    section: "3.4.1.3.1",
    fix:
      "Decode the query's names and values before signing: sign first%2Csecond as the text first,second",
    apply: replaceQuery((text) => text),
  },
  {
    id: "query-plus-not-decoded",
    title: "+ in the query not decoded",
    section: "3.4.1.3.1",
    fix: 'Decode the query as a form, where "+" is a space, before signing',
    apply: replaceQuery(decodeKeepingPlus),
  },
  {
    id: "form-body-omitted",
    title: "form body left out",
    section: "3.4.1.3.1",
    fix:
      "Sign the parameters of an application/x-www-form-urlencoded body along with the query",
    apply: withParameters((p) => {
      const kept = p.filter(([n, , s]) =>
        s !== "body" || n.startsWith("oauth_")
      );
      return kept.length === p.length ? undefined : kept;
    }),
  },
  {
    id: "body-signed-not-form",
    title: "body signed though it is not a form",
    section: "3.4.1.3.1",
    fix:
      "Sign body parameters only when Content-Type is application/x-www-form-urlencoded (or send that Content-Type)",
    apply: withParameters((p, { body, contentType }) =>
      body === undefined || isFormContentType(contentType) ? undefined : [
        ...p,
        ...[...new URLSearchParams(body)].map(([n, v]) =>
          [n, v, "body"] as const
        ),
      ]
    ),
  },
  {
    id: "json-body-signed",
    title: "JSON body signed as parameters",
    section: "3.4.1.3.1",
    fix:
      "Leave a JSON body out of the signature (sign it with oauth_body_hash if the server asks for that)",
    apply: withParameters((p, { body, contentType }) => {
      const entries = isFormContentType(contentType)
        ? undefined
        : jsonEntries(body);
      return entries === undefined ? undefined : [...p, ...entries];
    }),
  },
  {
    id: "empty-token-kept",
    title: "empty oauth_token signed",
    section: "3.1",
    fix:
      "Sign oauth_token only when you send it: with no token, leave it out of both",
    apply: withParameters((p) =>
      hasOAuth(p, "oauth_token")
        ? undefined
        : [...p, ["oauth_token", "", "oauth"]]
    ),
  },
  {
    id: "empty-token-dropped",
    title: "empty oauth_token left out of the signature",
    section: "3.4.1.3.1",
    fix:
      'Sign every parameter you send: an empty oauth_token="" is signed as "oauth_token="',
    apply: withParameters((p) =>
      p.some(([n, v]) => n === "oauth_token" && v === "")
        ? p.filter(([n]) => n !== "oauth_token")
        : undefined
    ),
  },
  {
    id: "realm-signed",
    title: "realm signed",
    section: "3.4.1.3.1",
    fix:
      "Leave realm out of the signature: it travels only in the Authorization header",
    apply: withParameters((p, { realm }) =>
      realm === undefined ? undefined : [...p, ["realm", realm, "oauth"]]
    ),
  },
  {
    id: "version-missing",
    title: "oauth_version sent but not signed",
    section: "3.4.1.3.1",
    fix: "Sign oauth_version whenever you send it",
    apply: withParameters((p) =>
      hasOAuth(p, "oauth_version")
        ? p.filter(([n]) => n !== "oauth_version")
        : undefined
    ),
  },
  {
    id: "version-added",
    title: "oauth_version signed but not sent",
    section: "3.4.1.3.1",
    fix: "Send oauth_version=1.0 whenever you sign it, or sign neither",
    apply: withParameters((p) =>
      hasOAuth(p, "oauth_version")
        ? undefined
        : [...p, ["oauth_version", "1.0", "oauth"]]
    ),
  },
  {
    id: "sorted-raw",
    title: "sorted by raw rather than encoded values",
    section: "3.4.1.3.2",
    fix:
      "Sort by the percent-encoded names, then the percent-encoded values, in byte order",
    apply: (c) => c.sortRaw ? undefined : { ...c, sortRaw: true },
  },
  {
    id: "scheme-swapped",
    title: "http and https swapped",
    section: "3.4.1.2",
    fix:
      "Sign the scheme the request is sent with (behind a TLS-terminating proxy, the scheme the client used)",
    apply: withUri((url) =>
      url.href.replace(
        /^https?:/,
        url.protocol === "http:" ? "https:" : "http:",
      )
    ),
  },
  {
    id: "default-port-kept",
    title: "default port kept",
    section: "3.4.1.2",
    fix: "Drop :80 from http and :443 from https base string URIs",
    apply: withUri((url) =>
      url.port !== ""
        ? undefined
        : `${url.protocol}//${url.hostname}:${
          url.protocol === "http:" ? 80 : 443
        }${url.pathname}`
    ),
  },
  {
    id: "trailing-slash-added",
    title: "trailing slash added",
    section: "3.4.1.2",
    fix: "Sign the path exactly as it is sent, without adding a trailing slash",
    apply: withUri((url) =>
      url.pathname.endsWith("/") ? undefined : url.href + "/"
    ),
  },
  {
    id: "trailing-slash-dropped",
    title: "trailing slash dropped",
    section: "3.4.1.2",
    fix:
      'Sign the path exactly as it is sent, its trailing slash included (an empty path is "/")',
    apply: withUri((url) =>
      url.pathname.endsWith("/") ? url.href.slice(0, -1) : undefined
    ),
  },
  {
    id: "key-not-encoded",
    title: "signing key not percent-encoded",
    section: "3.4.2",
    fix:
      "Percent-encode the consumer secret and the token secret before joining them with &",
    apply: (c) => c.keyEncoded ? { ...c, keyEncoded: false } : undefined,
  },
  {
    id: "key-ampersand-missing",
    title: "the & missing from the key",
    section: "3.4.2",
    fix:
      'Join the secrets with "&" even when the token secret is empty: the key is then "consumer_secret&"',
    apply: (c) => c.keyAmpersand ? { ...c, keyAmpersand: false } : undefined,
  },
  {
    id: "secrets-swapped",
    title: "consumer and token secrets swapped",
    section: "3.4.2",
    fix: "Put the consumer secret first and the token secret second in the key",
    apply: (c) => c.keySwapped ? undefined : { ...c, keySwapped: true },
  },
  {
    id: "hex-digest",
    title: "hex instead of base64 digest",
    section: "3.4.2",
    fix: "Encode the HMAC digest in base64 (RFC 2045 §6.8), not hex",
    apply: (c) => c.hexDigest ? undefined : { ...c, hexDigest: true },
  },
  {
    id: "hash-swapped",
    title: "SHA-1 and SHA-256 swapped",
    section: "3.4.2",
    fix: "Use the hash that oauth_signature_method names",
    apply: (c) => {
      const swapped = SWAPPED_HASH[c.signatureMethod];
      return swapped === undefined
        ? undefined
        : { ...c, signatureMethod: swapped };
    },
  },
  {
    id: "timestamp-milliseconds",
    title: "timestamp in milliseconds",
    section: "3.3",
    fix: "Send seconds since the epoch: Math.floor(Date.now() / 1000)",
    detect: ({ timestamp }) =>
      timestamp !== undefined && /^\d{12,}$/.test(timestamp)
        ? `oauth_timestamp is ${timestamp}: read as seconds that is after the year ${
          Math.floor(Number(timestamp) / 31_556_952 + 1970)
        }, read as milliseconds it is ${
          new Date(Number(timestamp)).toISOString()
        }`
        : undefined,
  },
  {
    id: "method-lower-case",
    title: "method lower-case",
    section: "3.4.1.1",
    fix:
      'Write the HTTP method in upper case in the base string ("GET", not "get")',
    apply: (c) =>
      c.method === c.method.toLowerCase()
        ? undefined
        : { ...c, method: c.method.toLowerCase() },
  },
  {
    id: "method-swapped",
    title: "method swapped",
    section: "3.4.1.1",
    fix:
      "Sign the method the request is sent with: a POST signed as GET (or the other way) never verifies",
    apply: (c) => ({ ...c, method: c.method === "GET" ? "POST" : "GET" }),
  },
];
