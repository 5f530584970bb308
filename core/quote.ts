// How an error message quotes what it read, so that it never shows a secret.

import { PROTOCOL_PARAMETER_NAMES } from "./protocol.ts";

// How an error message may quote a URL: without its query and fragment, which
// can hold secrets (with PLAINTEXT, oauth_signature is the signing key).

/** The URL up to its query or fragment, with `…` where they were cut. */
export function quoteUrl(url: string | URL): string {
  const text = String(url);
  const end = text.search(/[?#]/);
  return end === -1 ? text : `${text.slice(0, end)}…`;
}

// Text read from a request can hold a secret where a client's mistake moved
// it (a PLAINTEXT signature run into a name or into the next value), so a
// message quotes only a short prefix of it, cut before anything that may
// belong to another parameter.
const RUN_ON = /[&,;="\s\\]|(?<=.)oauth_/;

/**
 * Quotes text read from a request for a message: at most `max` characters,
 * cut before a separator or a second `oauth_` name it may have run into,
 * with `…` where it was cut.
 */
export function quoteRead(text: string, max = 24): string {
  const stop = text.slice(0, max).search(RUN_ON);
  const end = stop === -1 ? Math.min(text.length, max) : stop;
  return JSON.stringify(text.slice(0, end)) + (end < text.length ? "…" : "");
}

// The names a client sends in an Authorization header: the realm and the
// protocol parameters.
const HEADER_NAMES = ["realm", ...PROTOCOL_PARAMETER_NAMES];

/**
 * Names a parameter read from a request for a message: a protocol name is
 * quoted, a name that starts with one is quoted up to there (the rest may be
 * the value that ran into it), any other name not at all.
 */
export function quoteName(name: string): string {
  const known = HEADER_NAMES.filter((n) => name.startsWith(n))
    .sort((a, b) => b.length - a.length)[0];
  if (known === name) return `parameter ${JSON.stringify(name)}`;
  return known === undefined
    ? "a parameter name that is not a protocol name (not shown)"
    : `parameter name ${JSON.stringify(known)}… (${name.length} characters)`;
}
