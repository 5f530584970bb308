// explain()'s search on an 8-parameter HMAC-SHA1 request (the request of
// sign_bench.ts: 2 query parameters and the 6 protocol parameters). "depth 2"
// is a request signed with two wrong settings, so that the search tries every
// combination of one and two settings and stops there; "depth 3" is a request
// signed with a secret the search cannot guess, so that it tries every
// combination of up to three settings and gives up. The budget: 250 ms for
// depth 2, 2 s for depth 3. Run with `deno task bench`.
import { explain, signRequest, whatIf } from "../mod.ts";
import { importAuthorizationHeader } from "../client/import.ts";

const url =
  "https://api.example.com/1.1/statuses/home_timeline.json?count=20&include_entities=true";
const credentials = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const secrets = {
  consumerSecret: credentials.consumerSecret,
  tokenSecret: credentials.tokenSecret,
};

const signed = await signRequest({ method: "GET", url }, credentials, {
  nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
  timestamp: 1318622958,
});
const authorization = signed.authorization;
const correct = importAuthorizationHeader(authorization, { url });

// The request with another signature in its header.
function resigned(signature: string) {
  return importAuthorizationHeader(
    authorization.replace(
      /oauth_signature="[^"]*"/,
      `oauth_signature="${encodeURIComponent(signature)}"`,
    ),
    { url },
  );
}

const twoWrong = resigned(
  (await whatIf(correct, secrets, [
    "default-port-kept",
    "token-secret-missing",
  ])).signature!,
);
const wrongSecret = resigned(
  (await whatIf(correct, { ...secrets, tokenSecret: "another" }, []))
    .signature!,
);

const depth2 = await explain(twoWrong, secrets);
if (depth2.causes[0]?.ids.length !== 2) {
  throw new Error(`Bench request not explained at depth 2`);
}
const depth3 = await explain(wrongSecret, secrets);
if (depth3.explained) throw new Error("Bench request explained");
console.log(
  `depth 2: ${depth2.searched.combinations} combinations; depth 3: ${depth3.searched.combinations} combinations of ${depth3.searched.knobs} knobs`,
);

Deno.bench("explain(), depth 2: every combination of up to 2 settings", {
  group: "explain",
  baseline: true,
}, async () => {
  await explain(twoWrong, secrets);
});

Deno.bench("explain(), depth 3: every combination of up to 3 settings", {
  group: "explain",
}, async () => {
  await explain(wrongSecret, secrets);
});
