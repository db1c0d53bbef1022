import fs from "node:fs";
import path from "node:path";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** GET /graphql: browsers get the self-hosted IDE; the API's GETs and POSTs are untouched. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/ide.html")))
    throw new Error("client/dist/ide.html is missing: run npm run build:client (npm test does)");
  db = await createTestDatabase("graphql_ide_http");
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe("GET /graphql", () => {
  it("serves the IDE page to a browser, with scripts and styles from this server only", async () => {
    const response = await fetch(`${server.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("vary")).toMatch(/Accept/);
    const html = await response.text();
    expect(html).toContain('<div id="ide">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((url) => !url.startsWith("data:"));
    expect(assets.length).toBeGreaterThan(1);
    for (const url of assets) {
      expect(url).toMatch(/^\//);
      expect((await fetch(`${server.base}${url}`)).status, url).toBe(200);
    }
  });

  it("still answers an API GET (?query=) with JSON, even from a browser", async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent("{__typename}")}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("does not send the page to clients that accept anything (curl)", async () => {
    const response = await fetch(`${server.base}/graphql`, { headers: { accept: "*/*" } });
    expect(response.headers.get("content-type")).not.toMatch(/html/);
  });
});

describe("POST /graphql", () => {
  it("is unaffected, whatever the request accepts", async () => {
    const response = await fetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BROWSER_ACCEPT },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.headers.get("content-type")).toMatch(/json/);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers the standard introspection query the IDE sends (its docs come from it)", async () => {
    const { status, data, errors } = await server.graphql(
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
    );
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data.__schema.queryType.name).toBe("Query");
  });

  it("still refuses a deeper introspection than that", async () => {
    let selection = "name";
    for (let i = 0; i < 9; i++) selection = `fields { type { ${selection} } }`;
    const { errors } = await server.graphql(`{ __type(name: "Query") { ${selection} } }`);
    expect(errors?.[0]?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(errors?.map((e) => e.message).join(" ")).toMatch(/introspection depth|depth limit of 12/);
  });
});
