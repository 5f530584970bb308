// How an error message may quote a URL: without its query and fragment, which
// can hold secrets (with PLAINTEXT, oauth_signature is the signing key).

/** The URL up to its query or fragment, with `…` where they were cut. */
export function quoteUrl(url: string | URL): string {
  const text = String(url);
  const end = text.search(/[?#]/);
  return end === -1 ? text : `${text.slice(0, end)}…`;
}
