// The classic wrong conventions of OAuth 1.0a signing, as a table: each cause
// has an id, a title, the RFC 5849 section it breaks, the fix in one sentence,
// and either a function that turns the correct computation into the wrong one
// or a check on the values sent. `CauseId`, the ids explain() and whatIf()
// accept and name, is declared here beside the table.

import {
  type Computation,
  decodeKeepingPlus,
  plusForSpace,
  rawPairs,
  tildeEncoded,
  uriComponentSet,
} from "./conventions.ts";
import type { Parameter } from "../steps/parameters.ts";
import { percentEncode } from "../steps/percent_encode.ts";
import { isFormContentType } from "../steps/parameters.ts";
import {
  builtInSignatureMethod,
  SIGNATURE_METHODS,
} from "../steps/signature.ts";

/** The id of a wrong convention that `explain()` searches for. */
export type CauseId =
  | "encode-uri-component"
  | "plus-for-space"
  | "tilde-encoded"
  | "query-double-encoded"
  | "query-plus-not-decoded"
  | "query-omitted"
  | "form-body-omitted"
  | "body-signed-not-form"
  | "json-body-signed"
  | "multipart-fields-signed"
  | "empty-token-kept"
  | "empty-token-dropped"
  | "realm-signed"
  | "version-missing"
  | "version-added"
  | "sorted-raw"
  | "scheme-swapped"
  | "host-case-kept"
  | "path-decoded"
  | "path-encoded-twice"
  | "default-port-kept"
  | "trailing-slash-added"
  | "trailing-slash-dropped"
  | "key-not-encoded"
  | "key-ampersand-missing"
  | "secrets-swapped"
  | "hex-digest"
  | "base64url-digest"
  | "signature-not-encoded"
  | "signature-encoded-twice"
  | "body-hash-keyed"
  | "body-hash-hex"
  | "body-hash-algorithm"
  | "body-hash-of-form"
  | "hash-swapped"
  | "timestamp-milliseconds"
  | "method-lower-case"
  | "method-swapped"
  | "timestamp-stale"
  | "nonce-empty"
  | "nonce-reused";

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
  /**
   * `oauth_body_hash` as sent, and what each way of computing it gives for
   * the body sent (`sha1`, `sha256`, `sha1-hex`, `hmac-sha1`, …).
   */
  readonly bodyHash: {
    readonly sent: string;
    readonly digests: Readonly<Record<string, string>>;
  } | undefined;
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
  /**
   * The signature as the signer meant it, when the cause changed it on its
   * way to the server (a `+` read as a space, encoded twice), or `undefined`.
   */
  readonly reread?: (sent: string) => string | undefined;
  /** The fix told with the request's own values, or `undefined`. */
  readonly example?: (context: CauseContext) => string | undefined;
  /**
   * Why the request's own values make this cause likelier than another that
   * reproduces the same thing, or `undefined`.
   */
  readonly likely?: (context: CauseContext) => string | undefined;
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

// A cause that signs another base string URI, and its fix told with it.
const uriCause = (
  edit: (url: URL) => string | undefined,
): Pick<Cause, "apply" | "example"> => ({
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

/** The classic wrong conventions, in the order of RFC 5849's steps. */
export const CAUSES: readonly Cause[] = [
  {
    id: "encode-uri-component",
    title: "encodeURIComponent's character set",
    section: "3.6",
    fix:
      "Percent-encode every byte outside A-Z a-z 0-9 - . _ ~, including ! * ' ( ), which encodeURIComponent leaves alone",
    apply: (c) => ({ ...c, encode: uriComponentSet(c.encode) }),
    example: (context) => {
      const p = sentPairs(context).find(({ value }) => /[!*'()]/.test(value));
      return p &&
        `sign "${p.name}=${p.value}" as ${percentEncode(p.name)}=${
          percentEncode(p.value)
        }`;
    },
  },
  {
    id: "plus-for-space",
    title: "+ for space",
    section: "3.6",
    fix:
      'Encode a space as "%20", never "+" (form encoding is not RFC 3986 encoding)',
    apply: (c) => ({ ...c, encode: plusForSpace(c.encode) }),
    example: (context) => {
      const p = sentPairs(context).find(({ value }) => value.includes(" "));
      return p &&
        `sign "${p.name}=${p.value}" as ${percentEncode(p.name)}=${
          percentEncode(p.value)
        }, not ${p.value.replaceAll(" ", "+")}`;
    },
    likely: (context) => {
      const p = sentPairs(context).find(({ raw }) => raw.includes("%20"));
      return p &&
        `the request writes the space of "${p.name}" as %20 (${p.raw}), so the + came from the signer's encoder`;
    },
  },
  {
    id: "tilde-encoded",
    title: "~ encoded",
    section: "3.6",
    fix: 'Leave "~" unencoded: it is an unreserved character',
    apply: (c) => ({ ...c, encode: tildeEncoded(c.encode) }),
    example: (context) => {
      const p = sentPairs(context).find(({ value }) => value.includes("~"));
      return p &&
        `sign "${p.name}=${p.value}" as ${percentEncode(p.name)}=${
          percentEncode(p.value)
        }, not ${p.value.replaceAll("~", "%7E")}`;
    },
  },
  {
    id: "query-double-encoded",
    title: "query values encoded twice",
    section: "3.4.1.3.1",
    fix:
      "Decode the query's names and values before signing (first%2Csecond is signed as the text first,second)",
    apply: replaceQuery((text) => text),
    example: (context) => {
      const p = sentPairs(context).find(({ where, raw }) =>
        where === "query" && /%[0-9A-Fa-f]{2}|\+/.test(raw)
      );
      return p &&
        `sign "${p.name}=${p.value}" (the text "${p.value}"), not "${p.raw}"`;
    },
  },
  {
    id: "query-plus-not-decoded",
    title: "+ in the query not decoded",
    section: "3.4.1.3.1",
    fix: 'Decode the query as a form, where "+" is a space, before signing',
    apply: replaceQuery(decodeKeepingPlus),
    example: (context) => {
      const p = sentPairs(context).find(({ where, raw }) =>
        where === "query" && raw.includes("+")
      );
      return p &&
        `sign "${p.name}=${p.value}", not "${decodeKeepingPlus(p.raw)}"`;
    },
    likely: (context) => {
      const p = sentPairs(context).find(({ where, raw }) =>
        where === "query" && raw.includes("+")
      );
      return p &&
        `the query itself writes the space of "${p.name}" as + (${p.raw}), and a + left undecoded is signed as %2B`;
    },
  },
  {
    id: "query-omitted",
    title: "query left out of the signature",
    section: "3.4.1.3.1",
    fix:
      "Sign the query's parameters along with the protocol parameters (the base string URI leaves the query out; the parameters put it back)",
    apply: withParameters((p) => {
      const kept = p.filter(([, , source]) => source !== "query");
      return kept.length === p.length ? undefined : kept;
    }),
    example: (context) => {
      const query = sentPairs(context).filter(({ where }) => where === "query");
      return query.length === 0
        ? undefined
        : `sign ${listed(query)} with the oauth_* parameters`;
    },
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
    example: (context) => {
      const body = sentPairs(context).filter(({ where }) => where === "body");
      return body.length === 0 ? undefined : `sign ${listed(body)}`;
    },
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
    example: ({ body }) => {
      const names = jsonEntries(body)?.map(([n]) => `"${n}"`);
      return names && `leave ${names.join(", ")} out of the parameters`;
    },
  },
  {
    id: "multipart-fields-signed",
    title: "multipart fields signed as parameters",
    section: "3.4.1.3.1",
    fix:
      "Leave the fields of a multipart/form-data body out of the signature: only an application/x-www-form-urlencoded body is signed",
    apply: withParameters((p, { body, contentType }) => {
      const fields = multipartFields(body, contentType);
      return fields === undefined ? undefined : [...p, ...fields];
    }),
    example: ({ body, contentType }) => {
      const names = multipartFields(body, contentType)?.map(([n]) => `"${n}"`);
      return names && `leave ${names.join(", ")} out of the parameters`;
    },
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
    example: ({ realm }) =>
      realm === undefined
        ? undefined
        : `send realm="${realm}" in the header only`,
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
    ...uriCause((url) =>
      url.href.replace(
        /^https?:/,
        url.protocol === "http:" ? "https:" : "http:",
      )
    ),
  },
  {
    id: "host-case-kept",
    title: "scheme or host signed in the case typed",
    section: "3.4.1.2",
    fix: "Write the scheme and the host in lower case in the base string URI",
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
  },
  {
    id: "path-decoded",
    title: "path signed decoded",
    section: "3.4.1.2",
    fix:
      "Sign the path as it is sent on the wire, its percent-encoding kept (a %2F stays %2F, a space stays %20)",
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
  },
  {
    id: "path-encoded-twice",
    title: "path encoded twice",
    section: "3.4.1.2",
    fix:
      "Sign the path as it is sent on the wire, without percent-encoding its %XX escapes again",
    ...uriCause((url) =>
      url.pathname.includes("%")
        ? `${url.protocol}//${url.host}${url.pathname.replaceAll("%", "%25")}`
        : undefined
    ),
  },
  {
    id: "default-port-kept",
    title: "default port kept",
    section: "3.4.1.2",
    fix: "Drop :80 from http and :443 from https base string URIs",
    ...uriCause((url) =>
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
    ...uriCause((url) =>
      url.pathname.endsWith("/") ? undefined : url.href + "/"
    ),
  },
  {
    id: "trailing-slash-dropped",
    title: "trailing slash dropped",
    section: "3.4.1.2",
    fix:
      'Sign the path exactly as it is sent, its trailing slash included (an empty path is "/")',
    ...uriCause((url) =>
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
    apply: (c) =>
      c.digestText === "hex" ? undefined : { ...c, digestText: "hex" },
    detect: ({ signature, signatureMethod }) =>
      new RegExp(`^[0-9a-fA-F]{${digestBytes(signatureMethod) * 2}}$`).test(
          signature,
        )
        ? `oauth_signature is ${signature.length} hex digits: the length of a ${
          signatureMethod.slice(5)
        } digest written in hex, where base64 is ${
          Math.ceil(signature.length / 6) * 4
        } characters ending in =`
        : undefined,
  },
  {
    id: "base64url-digest",
    title: "base64url instead of base64 digest",
    section: "3.4.2",
    fix:
      'Encode the digest in base64 with its "+", "/" and "=" padding (RFC 2045 §6.8), not base64url',
    apply: (c) =>
      c.digestText === "base64url" ? undefined : {
        ...c,
        digestText: "base64url",
      },
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
  },
  {
    id: "signature-not-encoded",
    title: "signature not percent-encoded",
    section: "3.5.1",
    fix:
      'Percent-encode oauth_signature where it is sent: a raw "+" reaches a server that decodes a form as a space',
    // A raw "/" or "=" is read back as itself; a raw "+" is not, by a
    // server that decodes the header as a form.
    detect: ({ rawSignature }) =>
      rawSignature?.includes("+")
        ? `oauth_signature is written "${rawSignature}" in the Authorization header: its + must be written %2B, or a server that decodes it as a form reads a space`
        : undefined,
    reread: (sent) =>
      sent.includes(" ") ? sent.replaceAll(" ", "+") : undefined,
  },
  {
    id: "signature-encoded-twice",
    title: "signature percent-encoded twice",
    section: "3.5.1",
    fix:
      "Percent-encode oauth_signature once, where it is placed: not when it is computed and again in the header or query",
    reread: (sent) =>
      /%[0-9A-F]{2}/i.test(sent)
        ? sent.replace(
          /%([0-9A-Fa-f]{2})/g,
          (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
        )
        : undefined,
  },
  {
    id: "body-hash-keyed",
    title: "body hash keyed",
    section: "3.4.2",
    fix:
      "Compute oauth_body_hash as the plain SHA digest of the raw body, never an HMAC with the signing key",
    detect: (context) =>
      bodyHashIs("hmac-sha1", "an HMAC-SHA1 of the body with the signing key")(
        context,
      ) ??
        bodyHashIs(
          "hmac-sha256",
          "an HMAC-SHA256 of the body with the signing key",
        )(context),
  },
  {
    id: "body-hash-hex",
    title: "body hash in hex",
    section: "3.4.2",
    fix: "Write oauth_body_hash in base64, not hex",
    detect: (context) =>
      bodyHashIs("sha1-hex", "the SHA-1 digest of the body in hex")(context) ??
        bodyHashIs("sha256-hex", "the SHA-256 digest of the body in hex")(
          context,
        ),
  },
  {
    id: "body-hash-algorithm",
    title: "body hash with the other SHA",
    section: "3.4.2",
    fix:
      "Compute oauth_body_hash with the hash of oauth_signature_method: SHA-1 for the *-SHA1 methods, SHA-256 for the *-SHA256 ones",
    detect: (context) =>
      /SHA256$/.test(context.signatureMethod)
        ? bodyHashIs("sha1", "the SHA-1 digest of the body")(context)
        : bodyHashIs("sha256", "the SHA-256 digest of the body")(context),
  },
  {
    id: "body-hash-of-form",
    title: "body hash sent with a form body",
    section: "3.4.1.3.1",
    fix:
      "Send no oauth_body_hash with an application/x-www-form-urlencoded body: its parameters are signed instead",
    detect: ({ bodyHash, contentType, body }) =>
      bodyHash !== undefined && body !== undefined &&
        isFormContentType(contentType)
        ? `oauth_body_hash is sent with a form body (Content-Type ${contentType})`
        : undefined,
  },
  {
    id: "hash-swapped",
    title: "SHA-1 and SHA-256 swapped",
    section: "3.4.2",
    fix: "Use the hash that oauth_signature_method names",
    apply: (c) => {
      const swapped = swappedHash(c.signatureMethod);
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
    example: ({ timestamp }) =>
      timestamp === undefined
        ? undefined
        : `send ${Math.floor(Number(timestamp) / 1000)}, not ${timestamp}`,
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
  {
    id: "timestamp-stale",
    title: "timestamp outside the server's window",
    section: "3.3",
    fix:
      "Set the client's clock by NTP, or take the time from the server's Date header, and sign each request when it is sent",
  },
  {
    id: "nonce-empty",
    title: "nonce empty",
    section: "3.3",
    fix:
      "Send a random oauth_nonce, unique per request: 128 random bits from crypto.getRandomValues",
    detect: ({ nonce }) =>
      nonce === "" ? 'oauth_nonce is sent empty (oauth_nonce="")' : undefined,
  },
  {
    id: "nonce-reused",
    title: "nonce used before",
    section: "3.3",
    fix:
      "Make a fresh nonce for every request, retries included: 128 random bits from crypto.getRandomValues",
  },
];
