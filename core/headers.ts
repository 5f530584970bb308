// Header lookups on the `[name, value]` lists of a captured request, and the
// test for an `Authorization` header of the OAuth scheme (RFC 5849 §3.5.1).

/** The value of the first header named `name` (lower case), in any case. */
export function headerValue(
  headers: readonly (readonly [string, string])[],
  name: string,
): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** Whether an `Authorization` value is of the OAuth scheme (any case). */
export function isOAuthScheme(value: string): boolean {
  return /^\s*oauth(\s|$)/i.test(value);
}

/** The value of the first `Authorization` header of the OAuth scheme. */
export function oauthAuthorization(
  headers: readonly (readonly [string, string])[],
): string | undefined {
  return headers.find(([n, v]) =>
    n.toLowerCase() === "authorization" && isOAuthScheme(v)
  )?.[1];
}
