// A TCP proxy on 127.0.0.1 for the failover tests: it stands for the link
// from a replica to its primary (which can be paused, so that the replica
// lags) and for the address verifiers reach Redis at (which can be moved to
// another server, as Sentinel or a managed service's endpoint does).

/** A running proxy. */
export interface RedisProxy {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** Stops forwarding bytes in either direction, and drops them. */
  pause(): void;
  /** Closes every connection; new ones go to `port`. */
  moveTo(port: number): void;
  /** Closes the listener and every connection. */
  stop(): void;
}

/** Starts a proxy to 127.0.0.1:`target`. */
export function startProxy(target: number): RedisProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  let paused = false;
  let listening = true;
  const close = () => {
    for (const conn of open) {
      try {
        conn.close();
      } catch { /* closed already */ }
    }
    open.clear();
  };
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (let n; (n = await from.read(buffer)) !== null;) {
        if (!paused) await to.write(buffer.subarray(0, n));
      }
    } catch { /* closed */ }
    for (const conn of [from, to]) {
      if (open.delete(conn)) conn.close();
    }
  };
  (async () => {
    for await (const client of listener) {
      try {
        const server = await Deno.connect({
          hostname: "127.0.0.1",
          port: target,
        });
        open.add(client).add(server);
        pipe(client, server);
        pipe(server, client);
      } catch {
        client.close(); // the target is down
      }
    }
  })().catch(() => {}); // the listener closed
  return {
    port: (listener.addr as Deno.NetAddr).port,
    pause: () => {
      paused = true;
    },
    moveTo: (port) => {
      target = port;
      paused = false;
      close();
    },
    stop: () => {
      if (listening) listener.close();
      listening = false;
      close();
    },
  };
}
