// The client of bench/load.ts: its credentials (a throwaway test client) and
// the public URL it signs for.

/** The origin the load client signs for; the servers verify against it. */
export const PUBLIC = "https://api.example.com";

/** The load client's credentials, made up for the bench. */
export const LOAD_CLIENT = {
  consumerKey: "load-consumer",
  consumerSecret: "load-consumer-secret",
  token: "load-token",
  tokenSecret: "load-token-secret",
} as const;
