/**
 * The errors this package throws on purpose. Caller mistakes are the built-in
 * `TypeError` or `RangeError`; text that cannot be parsed is a
 * {@linkcode OAuthSyntaxError}; conditions a caller is meant to catch are an
 * {@linkcode OAuthError} with a documented {@linkcode OAuthErrorCode}. No
 * message ever holds a secret.
 *
 * @module
 */

/**
 * The codes of {@linkcode OAuthError}:
 *
 * - `"invalid_key"`: a private key could not be read or imported.
 * - `"response_error"`: a server answered with an error status; the error's
 *   `status` and `problem` say more.
 * - `"response_invalid"`: a server's answer could not be understood.
 * - `"access_denied"`: the user denied the authorization.
 * - `"token_mismatch"`: a callback carried another token than the one issued.
 */
export type OAuthErrorCode =
  | "invalid_key"
  | "response_error"
  | "response_invalid"
  | "access_denied"
  | "token_mismatch";

/** Options for {@linkcode OAuthError}. */
export interface OAuthErrorOptions extends ErrorOptions {
  /** The HTTP status of the response that caused the error. */
  status?: number;
  /** The `oauth_problem` the server reported, if any. */
  problem?: string;
}

/**
 * An error that callers are meant to catch, told apart by its `code`.
 *
 * @example Tell errors apart by code
 * ```ts
 * import { OAuthError } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthError("invalid_key", "Cannot import RSA key: not PEM");
 * assert.equal(error.code, "invalid_key");
 * assert.ok(error instanceof Error);
 * ```
 */
export class OAuthError extends Error {
  /** What went wrong, one of the documented codes. */
  readonly code: OAuthErrorCode;
  /** The HTTP status of the response that caused the error, if any. */
  readonly status: number | undefined;
  /** The `oauth_problem` the server reported, if any. */
  readonly problem: string | undefined;

  /**
   * Creates an error with a code.
   *
   * @param code What went wrong.
   * @param message What could not be done and why, without secrets.
   * @param options The cause, the HTTP status and the `oauth_problem`.
   */
  constructor(
    code: OAuthErrorCode,
    message: string,
    options?: OAuthErrorOptions,
  ) {
    super(message, options);
    this.name = "OAuthError";
    this.code = code;
    this.status = options?.status;
    this.problem = options?.problem;
  }
}

/**
 * Text that cannot be parsed, such as an Authorization header or a curl line,
 * with the offset at which parsing stopped.
 *
 * @example
 * ```ts
 * import { OAuthSyntaxError } from "@oauth1/steps";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthSyntaxError("Cannot parse header: expected \"=\"", 6);
 * assert.ok(error instanceof SyntaxError);
 * assert.equal(error.offset, 6);
 * ```
 */
export class OAuthSyntaxError extends SyntaxError {
  /** The offset, in UTF-16 code units, at which parsing stopped. */
  readonly offset: number;

  /**
   * Creates a syntax error.
   *
   * @param message What could not be parsed and why.
   * @param offset Where parsing stopped.
   */
  constructor(message: string, offset: number) {
    super(message);
    this.name = "OAuthSyntaxError";
    this.offset = offset;
  }
}
