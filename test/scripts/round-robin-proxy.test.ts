import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoundRobinProxy } from "../../scripts/load/round-robin-proxy";
import { freePort } from "../setup/processes";

/** Two stand-in instances that say who answered, echo what they got, and count their TCP connections. */
function instance(name: string) {
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json", "x-instance": name });
      res.end(
        JSON.stringify({
          name,
          method: req.method,
          url: req.url,
          body,
          forwardedFor: req.headers["x-forwarded-for"] ?? null,
        }),
      );
    });
  });
  server.on("connection", () => connections++);
  return { server, connections: () => connections };
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const a = instance("a");
const b = instance("b");
let proxy: http.Server;
let base: string;

beforeAll(async () => {
  const targets = [new URL(await listen(a.server)), new URL(await listen(b.server))];
  proxy = createRoundRobinProxy(targets);
  base = await listen(proxy);
});

afterAll(async () => {
  proxy.closeAllConnections();
  await close(proxy);
  for (const s of [a.server, b.server]) s.closeAllConnections();
  await Promise.all([close(a.server), close(b.server)]);
});

describe("round-robin proxy", () => {
  it("sends each request to the next instance in turn, over kept-alive connections", async () => {
    const names: string[] = [];
    for (let i = 0; i < 6; i++)
      names.push(((await (await fetch(`${base}/graphql?i=${i}`)).json()) as { name: string }).name);
    expect(names).toEqual(["a", "b", "a", "b", "a", "b"]);
    // Requests one after another reuse one connection per instance.
    expect([a.connections(), b.connections()]).toEqual([1, 1]);
  });

  it("passes method, path, body, status and headers through, and says who the client was", async () => {
    const answers = await Promise.all([
      fetch(`${base}/missing`),
      fetch(`${base}/graphql?x=1`, {
        method: "POST",
        body: '{"query":"{ meta { lastDate } }"}',
        headers: { "content-type": "application/json" },
      }),
    ]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{
      method: string;
      url: string;
      body: string;
      forwardedFor: string;
    }>;
    expect(answers.map((r) => r.status)).toEqual([404, 200]);
    expect(answers.map((r) => r.headers.get("x-instance")).sort()).toEqual(["a", "b"]);
    expect(bodies[1]).toMatchObject({ method: "POST", url: "/graphql?x=1", body: '{"query":"{ meta { lastDate } }"}' });
    expect(bodies[0]!.forwardedFor).toBe("127.0.0.1");
  });

  it("sends a GET again on a new connection when the instance drops the kept-alive one as it is reused, never a POST", async () => {
    // Each connection serves one request, then is dropped when reused: the race of an idle-timeout close.
    const served = new WeakSet<object>();
    const dropping = http.createServer((req, res) => {
      if (served.has(req.socket)) return req.socket.destroy();
      served.add(req.socket);
      req.resume();
      req.on("end", () => res.end(req.method));
    });
    const lonely = createRoundRobinProxy([new URL(await listen(dropping))]);
    const url = await listen(lonely);
    try {
      for (let i = 0; i < 3; i++) expect(await (await fetch(`${url}/graphql?i=${i}`)).text()).toBe("GET");
      const posted = await fetch(`${url}/graphql`, { method: "POST", body: "{}" });
      expect(posted.status).toBe(502);
      expect(await posted.text()).toMatch(/did not answer \(ECONNRESET\)/);
    } finally {
      lonely.closeAllConnections();
      dropping.closeAllConnections();
      await Promise.all([close(lonely), close(dropping)]);
    }
  });

  it("answers 502 naming the instance that does not answer", async () => {
    const port = await freePort();
    const lonely = createRoundRobinProxy([new URL(`http://127.0.0.1:${port}`)]);
    const url = await listen(lonely);
    try {
      const answer = await fetch(`${url}/graphql`);
      expect(answer.status).toBe(502);
      expect(await answer.text()).toBe(`Bad gateway: 127.0.0.1:${port} did not answer (ECONNREFUSED).`);
    } finally {
      await close(lonely);
    }
  });
});
