// The shape of what explain() reads and returns: the evidence of the
// server's side, and the report with its named causes, the server's view
// compared with the correct one, and the findings. Plain data, declared here
// so that the search, the server view, the findings and the formatter read
// one definition; `explain.ts` re-exports every type.

import type { Trace } from "../client/trace.ts";
import type {
  Profile,
  ProfileInputs,
  ProfileName,
} from "../vendors/profiles.ts";

/** What is known of the server's side, and how to report. */
export interface ExplainEvidence {
  /** The signature base string the server computed, if it told. */
  baseString?: string;
  /** The signature the server expected, if it told. */
  signature?: string;
  /**
   * The signature base string the client's own code logged, if known: its
   * departure from the correct one is then named by aligning the two step by
   * step, and only the key and the digest are searched.
   */
  clientBaseString?: string;
  /**
   * The body of the server's error response: `oauth_problem=…` (RFC 5849
   * Problem Reporting), and a `debug_sbs=` base string as Flickr sent.
   */
  response?: string;
  /** The server's `Date` response header, for the clock skew. */
  date?: string | Date;
  /** The time to compare the timestamp with; the clock is never read. */
  now?: Date | number;
  /** The timestamp window the server allows, in seconds; 300 by default. */
  window?: number;
  /** Shows the secrets in the report, for learning with test credentials. */
  revealSecrets?: boolean;
  /**
   * The vendor profile whose rules the request must also follow: a broken
   * rule is named as a cause (an error) or reported as a finding.
   */
  profile?: ProfileName | Profile;
  /** The profile's inputs, such as NetSuite's `accountId`. */
  profileInputs?: ProfileInputs;
  /** Stops the search: explain() then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told how many combinations of the search are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** What a named cause reproduces. */
export type CauseTarget =
  | "client-signature"
  | "client-base-string"
  | "server-base-string"
  | "server-signature"
  | "sent-values";

/** A wrong setting, or several together, that explains the mismatch. */
export interface NamedCause {
  /**
   * The setting's id, the ids of the settings together, or a vendor's rule
   * (`netsuite/realm`) when a profile was given.
   */
  readonly ids: readonly string[];
  /** The cause in words. */
  readonly title: string;
  /** The RFC 5849 sections the convention breaks. */
  readonly sections: readonly string[];
  /** What the convention reproduces. */
  readonly targets: readonly CauseTarget[];
  /** The evidence, in one sentence. */
  readonly evidence: string;
  /** The fix, in one sentence, citing the RFC section. */
  readonly fix: string;
  /** The wrong base string, when it differs from the correct one. */
  readonly baseString: string | undefined;
  /**
   * The correct base string (`request`) aligned with the wrong one
   * (`server`), when they differ.
   */
  readonly diff: BaseStringDiff | undefined;
}

/** How a parameter compares between the request and the server's view. */
export interface ParameterRow {
  /** The encoded name. */
  readonly name: string;
  /** The encoded value a correct signer signs, if the request has it. */
  readonly request: string | undefined;
  /** The encoded value in the server's base string, if it has it. */
  readonly server: string | undefined;
  /**
   * `same`; `missing` (in the request, not in the server's base string);
   * `extra` (in the server's base string only); `different` value;
   * `encoding-depth` (the same value encoded once more or once less);
   * `order` (the same pairs in another order).
   */
  readonly status:
    | "same"
    | "missing"
    | "extra"
    | "different"
    | "encoding-depth"
    | "order";
}

/** Two base strings aligned character by character. */
export interface BaseStringDiff {
  /** The correct base string of the request, `·` where the server has more. */
  readonly request: string;
  /** The server's base string, aligned, `·` where it has less. */
  readonly server: string;
  /** `^` under each column that differs. */
  readonly marks: string;
  /** The first column that differs. */
  readonly column: number;
  /**
   * The parameter added, removed or changed (several joined by ", "), or the
   * part (the method, the base string URI) where they first differ.
   */
  readonly parameter: string;
  /** What happened to it; `undefined` for the method or the URI. */
  readonly change: "added" | "removed" | "changed" | "order" | undefined;
}

/** The server's view of the request, compared with the correct one. */
export interface ServerView {
  /** The base string the server computed, if known. */
  readonly baseString: string | undefined;
  /** The signature the server expected, if known; masked for PLAINTEXT. */
  readonly signature: string | undefined;
  /** The `oauth_problem` the server reported. */
  readonly problem: string | undefined;
  /** The `oauth_problem_advice` the server gave. */
  readonly advice: string | undefined;
  /** The first step at which the server's view departs from the correct one. */
  readonly divergence:
    | "base-string-uri"
    | "parameters"
    | "signature-base-string"
    | "signature"
    | undefined;
  /** The parameters compared, when the server's base string is known. */
  readonly parameters: readonly ParameterRow[];
  /** The two base strings aligned, when they differ. */
  readonly diff: BaseStringDiff | undefined;
}

/** A finding about the clock, the nonce, the parameters or the server. */
export interface Finding {
  /** What the finding is about. */
  readonly kind: "clock" | "nonce" | "parameters" | "server" | "profile";
  /** `error` makes the request invalid; the others inform. */
  readonly severity: "error" | "warning" | "info";
  /** The finding and what to do, in one sentence citing RFC 5849. */
  readonly message: string;
}

/** The report of `explain()`. */
export interface Explanation {
  /** Whether a correct server accepts the request. */
  readonly verdict: "valid" | "invalid";
  /** Whether the signature sent is the one a correct signer computes. */
  readonly signatureMatches: boolean;
  /** Whether the request is invalid and at least one cause is named. */
  readonly explained: boolean;
  /** The `oauth_signature_method` sent. */
  readonly signatureMethod: string;
  /** The signature sent; masked for PLAINTEXT unless revealed. */
  readonly sentSignature: string;
  /** The signature a correct signer computes; masked like `sentSignature`. */
  readonly expectedSignature: string;
  /** The correct computation, step by step. */
  readonly trace: Trace;
  /** The server's view, when evidence of it was given. */
  readonly server: ServerView | undefined;
  /** The wrong conventions that reproduce what was seen. */
  readonly causes: readonly NamedCause[];
  /** What was found about the clock, the nonce, the parameters and the server. */
  readonly findings: readonly Finding[];
  /**
   * When the request is invalid and no cause is named: what the search
   * cannot see, in the order to check it, with the request's own values.
   */
  readonly unexplained: readonly string[];
  /** How far the search went: knobs that apply, combinations tried. */
  readonly searched: { readonly knobs: number; readonly combinations: number };
}
