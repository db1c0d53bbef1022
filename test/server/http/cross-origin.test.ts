import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { rawRequest } from "./raw-request";

/**
 * The CORS policy: anonymous reads of /graphql and /export.csv from any origin, without
 * credentials; a token only from this site's own pages; /admin/* from this origin only.
 * Requests carry the headers a browser would (Origin, Sec-Fetch-Site, the preflight's).
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let leadership: string;
let admin: string;
const NEWSROOM = "https://bao.example";
const QUERY = JSON.stringify({ query: "{ dataset { kind } }" });
const CSV = `/export.csv?query=${encodeURIComponent(JSON.stringify({ measures: ["submissions"] }))}`;

beforeAll(async () => {
  db = await createTestDatabase("cross_origin");
  await seedDemoData(db.url, 3, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
  leadership = `Bearer ${(await createToken(db.dataSource, "leadership", "cors")).token}`;
  admin = `Bearer ${(await createToken(db.dataSource, "admin", "cors")).token}`;
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const fromNewsroom = { origin: NEWSROOM, "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" };
const preflight = (path: string, method: string, headers: string) =>
  rawRequest(server.base, {
    method: "OPTIONS",
    path,
    headers: { ...fromNewsroom, "access-control-request-method": method, "access-control-request-headers": headers },
  });
const listed = (value: string | string[] | undefined) =>
  String(value ?? "")
    .toLowerCase()
    .split(/\s*,\s*/);

describe("anonymous reads from another origin", () => {
  it("a JSON POST's preflight is allowed, without credentials and without Authorization", async () => {
    const answer = await preflight("/graphql", "POST", "content-type");
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    expect(listed(answer.headers["access-control-allow-methods"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(listed(answer.headers["access-control-allow-headers"])).toContain("content-type");
    expect(listed(answer.headers["access-control-allow-headers"])).not.toContain("authorization");
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(Number(answer.headers["access-control-max-age"])).toBeGreaterThan(0);
  });

  it("the POST itself is answered, readable by the page (Access-Control-Allow-Origin: *)", async () => {
    const answer = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: { ...fromNewsroom, "content-type": "application/json" },
      body: QUERY,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(listed(answer.headers["access-control-expose-headers"])).toEqual(
      expect.arrayContaining(["etag", "ratelimit-remaining", "retry-after"]),
    );
    expect(JSON.parse(answer.text).data.dataset.kind).toBe("demo");
  });

  it("a simple GET of /graphql and of /export.csv needs no preflight and is readable", async () => {
    const get = await rawRequest(server.base, { path: "/graphql?query=%7B__typename%7D", headers: fromNewsroom });
    expect(get.status).toBe(200);
    expect(get.headers["access-control-allow-origin"]).toBe("*");
    const csv = await rawRequest(server.base, { path: CSV, headers: fromNewsroom });
    expect(csv.status).toBe(200);
    expect(csv.headers["access-control-allow-origin"]).toBe("*");
    expect(listed(csv.headers["access-control-expose-headers"])).toContain("content-disposition");
    const csvPreflight = await preflight(CSV, "GET", "accept-language");
    expect(csvPreflight.status).toBe(204);
    expect(csvPreflight.headers["access-control-allow-origin"]).toBe("*");
  });

  it("older browsers that send only Origin are told apart from this site's own pages by it", async () => {
    const foreign = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: { origin: NEWSROOM, "content-type": "application/json", authorization: leadership },
      body: QUERY,
    });
    expect(foreign.status).toBe(403);
    const own = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: { origin: server.base, "content-type": "application/json", authorization: leadership },
      body: QUERY,
    });
    expect(own.status).toBe(200);
  });
});

describe("tokens from another origin", () => {
  it("are refused: 403 FORBIDDEN on /graphql and /export.csv, before the token is even looked at", async () => {
    for (const [method, path] of [
      ["POST", "/graphql"],
      ["GET", CSV],
    ] as const) {
      const answer = await rawRequest(server.base, {
        method,
        path,
        headers: { ...fromNewsroom, "content-type": "application/json", authorization: leadership },
        body: method === "POST" ? QUERY : undefined,
      });
      expect(answer.status, path).toBe(403);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe("FORBIDDEN");
    }
    const badToken = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: { ...fromNewsroom, "content-type": "application/json", authorization: "Bearer sk_nope" },
      body: QUERY,
    });
    expect(badToken.status).toBe(403);
  });

  it("are accepted from this site's own pages (the IDE) and from clients that are not browsers (curl)", async () => {
    const own = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: {
        origin: server.base,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
        authorization: leadership,
      },
      body: QUERY,
    });
    expect(own.status).toBe(200);
    const curl = await rawRequest(server.base, {
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", authorization: leadership },
      body: QUERY,
    });
    expect(curl.status).toBe(200);
  });
});

describe("/admin/*", () => {
  it("is same-origin only: another origin's preflight and request get 403 and no CORS header", async () => {
    const pre = await preflight("/admin/import", "POST", "authorization, content-type");
    expect(pre.status).toBe(403);
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    const post = await rawRequest(server.base, {
      method: "POST",
      path: "/admin/import",
      headers: { ...fromNewsroom, "content-type": "text/csv", authorization: admin },
      body: "x",
    });
    expect(post.status).toBe(403);
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
    expect(JSON.parse(post.text).errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("still answers its own origin and curl (here: an import without a token is 401)", async () => {
    const own = await rawRequest(server.base, {
      method: "POST",
      path: "/admin/import",
      headers: { origin: server.base, "sec-fetch-site": "same-origin", "content-type": "text/csv" },
      body: "x",
    });
    expect(own.status).toBe(401);
    expect(own.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("everything else", () => {
  it("sends no CORS header: the dashboard, the health checks and the metrics stay this origin's", async () => {
    for (const path of ["/", "/healthz", "/metrics"]) {
      const answer = await rawRequest(server.base, { path, headers: fromNewsroom });
      expect(answer.headers["access-control-allow-origin"], path).toBeUndefined();
    }
  });
});
