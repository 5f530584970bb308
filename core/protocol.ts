// The protocol parameters of RFC 5849: the names a client sends beside the
// request's own parameters (§3.1, §2.1, §2.3) and the body hash extension.
// One row per name; the signer, the quoting of messages and the verifier read
// this table rather than spelling the names again.

/** One protocol parameter: its name, where it is defined, whether required. */
export interface ProtocolParameter {
  /** The parameter's name, such as `"oauth_nonce"`. */
  readonly name: string;
  /** Where it is defined: an RFC 5849 section, or the extension's name. */
  readonly section: string;
  /** Whether every signed request carries it (RFC 5849 §3.1, §3.5). */
  readonly required: boolean;
  /** Whether a PLAINTEXT request may leave it out (RFC 5849 §3.1). */
  readonly plaintextMayOmit?: true;
}

/** The protocol parameters, in the order a signer sends them. */
export const PROTOCOL_PARAMETERS: readonly ProtocolParameter[] = [
  { name: "oauth_consumer_key", section: "3.1", required: true },
  { name: "oauth_token", section: "3.1", required: false },
  { name: "oauth_signature_method", section: "3.1", required: true },
  { name: "oauth_signature", section: "3.5", required: true },
  {
    name: "oauth_timestamp",
    section: "3.3",
    required: true,
    plaintextMayOmit: true,
  },
  {
    name: "oauth_nonce",
    section: "3.3",
    required: true,
    plaintextMayOmit: true,
  },
  { name: "oauth_version", section: "3.1", required: false },
  { name: "oauth_callback", section: "2.1", required: false },
  { name: "oauth_verifier", section: "2.3", required: false },
  {
    name: "oauth_body_hash",
    section: "OAuth Request Body Hash §3.1",
    required: false,
  },
];

/** The names of {@linkcode PROTOCOL_PARAMETERS}, for lookups. */
export const PROTOCOL_PARAMETER_NAMES: ReadonlySet<string> = new Set(
  PROTOCOL_PARAMETERS.map(({ name }) => name),
);
