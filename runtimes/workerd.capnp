# workerd config for `deno task runtimes`: one module worker that runs the
# checks and answers them as JSON. run.ts copies this file beside the bundle
# and the worker, and sets the socket's address (--socket-addr http=...).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "checks", worker = .checksWorker)],
  sockets = [(name = "http", address = "127.0.0.1:8080", http = (), service = "checks")],
);

const checksWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "oauth1_steps.js", esModule = embed "oauth1_steps.js"),
    (name = "checks.js", esModule = embed "checks.js"),
    (name = "vectors.js", esModule = embed "vectors.js"),
  ],
  # The oldest date the library supports: from 2022-10-31 on, Workers have
  # the WHATWG URL (url_standard), and with it URL.parse.
  compatibilityDate = "2022-10-31",
);
