import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PLACEHOLDER_PAGE,
  PLACEHOLDER_SCRIPT_HASH,
  PLACEHOLDER_STYLE_HASH,
} from "../../../server/src/http/placeholder-page";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { rawRequest, type RawAnswer } from "./raw-request";

/** helmet's headers on every kind of answer; framing refused everywhere but the dashboard's embed views. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const ASSET = fs.readdirSync(path.join(ROOT, "client/dist/assets")).find((f) => f.endsWith(".css"))!;
const CSV = `/export.csv?query=${encodeURIComponent(JSON.stringify({ measures: ["submissions"] }))}`;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
    throw new Error("client/dist is missing: run npm run build:client (npm test does)");
  db = await createTestDatabase("security_headers");
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const policyOf = (answer: RawAnswer) =>
  new Map(
    String(answer.headers["content-security-policy"])
      .split(";")
      .map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(" ")];
      }),
  );

const ROUTES: Array<{ name: string; method?: string; path: string; headers?: Record<string, string>; body?: string }> =
  [
    { name: "the dashboard", path: "/" },
    { name: "a dashboard route", path: "/don-vi/LDLD-38" },
    { name: "the GraphQL IDE", path: "/graphql", headers: { accept: "text/html" } },
    {
      name: "a GraphQL POST",
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ __typename }"}',
    },
    { name: "a GraphQL GET", path: "/graphql?query=%7B__typename%7D" },
    { name: "the CSV export", path: CSV },
    { name: "an asset", path: `/assets/${ASSET}` },
    { name: "an error", path: "/assets/missing.js" },
    { name: "the health check", path: "/healthz" },
  ];

describe("security headers", () => {
  it.each(ROUTES)(
    "$name: nosniff, the same-origin policy, no framing",
    async ({ method, path: url, headers, body }) => {
      const answer = await rawRequest(server.base, { method, path: url, headers, body });
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      const policy = policyOf(answer);
      expect(policy.get("default-src")).toBe("'self'");
      expect(policy.get("script-src")).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
      expect(policy.get("style-src")).not.toContain("unsafe-inline");
      expect(policy.get("style-src-attr")).toBe("'unsafe-inline'");
      expect(policy.get("connect-src")).toBe("'self'");
      expect(policy.get("object-src")).toBe("'none'");
      expect(policy.get("frame-ancestors")).toBe("'none'");
      // Plain HTTP on a closed network must keep working: nothing may be upgraded to https.
      expect(policy.has("upgrade-insecure-requests")).toBe(false);
    },
  );

  it("an embed view may be framed by any site; the same page without ?embed= may not", async () => {
    const embedded = await rawRequest(server.base, { path: "/?embed=cumulative&asOf=2022-05-31" });
    expect(embedded.status).toBe(200);
    expect(policyOf(embedded).get("frame-ancestors")).toBe("*");
    expect(embedded.headers["x-frame-options"]).toBeUndefined();
    expect(policyOf(embedded).get("default-src")).toBe("'self'");
    const unitEmbed = await rawRequest(server.base, { path: "/don-vi/LDLD-38?embed=unitTrend" });
    expect(policyOf(unitEmbed).get("frame-ancestors")).toBe("*");
    for (const url of ["/?asOf=2022-05-31", "/?embed=", "/graphql?embed=x", `${CSV}&embed=x`]) {
      const answer = await rawRequest(server.base, { path: url, headers: { accept: "text/html" } });
      expect(policyOf(answer).get("frame-ancestors"), url).toBe("'none'");
      expect(answer.headers["x-frame-options"], url).toBe("DENY");
    }
  });

  it("only the IDE's page may add <style> elements (Monaco writes its rules into them at run time)", async () => {
    const ide = policyOf(await rawRequest(server.base, { path: "/graphql", headers: { accept: "text/html" } }));
    expect(ide.get("style-src-elem")).toBe("'self' 'unsafe-inline'");
    expect(ide.get("script-src")).not.toContain("unsafe-inline");
    for (const route of ROUTES.filter((r) => r.name !== "the GraphQL IDE")) {
      const answer = await rawRequest(server.base, {
        method: route.method,
        path: route.path,
        headers: route.headers,
        body: route.body,
      });
      expect(policyOf(answer).has("style-src-elem"), route.name).toBe(false);
    }
  });

  it("the dashboard and the IDE pages hold no inline script or style the policy would block", async () => {
    for (const url of ["/", "/graphql"]) {
      const html = (await rawRequest(server.base, { path: url, headers: { accept: "text/html" } })).text;
      expect(html, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, url).not.toMatch(/<style|\sstyle=/);
    }
  });

  it("the placeholder page (before the dashboard is built) has its inline script and style allowed by their hashes", async () => {
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(hash(/<script>([\s\S]*?)<\/script>/.exec(PLACEHOLDER_PAGE)![1]!)).toBe(PLACEHOLDER_SCRIPT_HASH);
    expect(hash(/<style>([\s\S]*?)<\/style>/.exec(PLACEHOLDER_PAGE)![1]!)).toBe(PLACEHOLDER_STYLE_HASH);
    const policy = policyOf(await rawRequest(server.base, { path: "/" }));
    expect(policy.get("script-src")).toContain(PLACEHOLDER_SCRIPT_HASH);
    expect(policy.get("style-src")).toContain(PLACEHOLDER_STYLE_HASH);
  });
});
