// One verifier instance for the two-instance tests: a Deno.serve() on
// 127.0.0.1 whose nonces go to the Redis at argv[1] through a client of kind
// argv[0] ("node-redis" or "ioredis"). It prints its port on the first line
// of stdout, and answers "ok" or problemResponse() for the public URL the
// client signed (argv[2]).
import { problemResponse, verifyRequest } from "../../mod.ts";
import { redisNonceStore } from "../../server/nonce_store_redis.ts";
import { connectRedis, type RedisClientKind } from "./redis.ts";
import { lookupOf } from "./support.ts";

const [kind, redisUrl, publicUrl] = Deno.args;
const { client } = await connectRedis(kind as RedisClientKind, redisUrl!);
const nonceStore = redisNonceStore(client, { timeout: 2000 });
const lookup = lookupOf({
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
});
const server = Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(port),
  },
  async (request) => {
    const { pathname, search } = new URL(request.url);
    const result = await verifyRequest(request, lookup, {
      nonceStore,
      url: publicUrl + pathname + search,
    });
    return result.ok ? new Response("ok") : problemResponse(result);
  },
);
await server.finished;
