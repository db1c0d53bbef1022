import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

/**
 * The simplest load balancer in front of several instances: each request goes to the next target
 * in turn, over kept-alive connections, with status, headers and body passed through as they come.
 * What a production balancer (nginx, a cloud one) would add — health checks, retries — is left out
 * on purpose: the load test measures the instances, not the balancer.
 * Usage: tsx scripts/load/round-robin-proxy.ts --port 4310 --targets http://127.0.0.1:4311,http://127.0.0.1:4312
 */
export function createRoundRobinProxy(targets: URL[]): http.Server {
  if (targets.length === 0) throw new Error("round-robin proxy: give at least one target");
  // Kept-alive sockets per target: opening a TCP connection per request would cost more than many answers.
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  let next = 0;
  return http.createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    const target = targets[index]!;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const send = (retry: boolean) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          agent: agents[index],
          headers: { ...req.headers, "x-forwarded-for": forwardedFor },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        // The instance closed an idle kept-alive connection just as it was reused: a request
        // without a body is sent again once, on a new connection (what Node's documentation advises).
        if (
          retry &&
          upstream.reusedSocket &&
          error.code === "ECONNRESET" &&
          !res.headersSent &&
          (req.method === "GET" || req.method === "HEAD")
        ) {
          return send(false);
        }
        if (res.headersSent) return res.destroy(error);
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end(`Bad gateway: ${target.host} did not answer (${error.code ?? error.message}).`);
      });
      // A caller that goes away stops the upstream request too.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (req.method === "GET" || req.method === "HEAD") upstream.end();
      else req.pipe(upstream);
    };
    send(true);
  });
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { port: { type: "string" }, targets: { type: "string" } } });
  const port = Number(values.port);
  const targets = (values.targets ?? "")
    .split(",")
    .filter(Boolean)
    .map((t) => new URL(t));
  if (!Number.isInteger(port) || port < 1 || port > 65535 || targets.length === 0) {
    console.error(
      "usage: tsx scripts/load/round-robin-proxy.ts --port 4310 --targets http://127.0.0.1:4311,http://127.0.0.1:4312",
    );
    process.exit(2);
  }
  const server = createRoundRobinProxy(targets);
  server.listen(port, "127.0.0.1", () => {
    console.log(
      `round-robin proxy on http://127.0.0.1:${(server.address() as AddressInfo).port} → ${targets.map((t) => t.host).join(", ")}`,
    );
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
