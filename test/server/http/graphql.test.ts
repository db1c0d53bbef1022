import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { buildAppSchema, printContract } from "../../../server/src/graphql/schema";
import { SemanticEngine } from "../../../server/src/semantic";
import { createHttpApp } from "../../../server/src/http/app";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: http.Server;
let base: string;

const post = async (query: string) => {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: Array<{ message: string }> },
  };
};

beforeAll(async () => {
  db = await createTestDatabase("graphql_http");
  server = http.createServer();
  const engine = new SemanticEngine({ dataSource: db.dataSource, statementTimeoutMs: 5000 });
  const { app } = await createHttpApp(
    { schema: await buildAppSchema({ engine, dataSource: db.dataSource }), state: engine.data },
    db.dataSource,
    server,
  );
  server.on("request", app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await db?.drop();
});

describe("the GraphQL contract", () => {
  it("schema/schema.graphql is what the code prints (run `npm run schema:print` after changing the API)", async () => {
    const committed = fs.readFileSync(path.join(ROOT, "schema/schema.graphql"), "utf8");
    expect(printContract(await buildAppSchema())).toBe(committed);
  });
});

describe("/graphql over HTTP on a real database", () => {
  it("says no dataset is loaded, and /readyz is not ready, before a load", async () => {
    expect((await post("{ dataset { kind } }")).body.data.dataset).toBeNull();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it("describes the loaded dataset as synthetic, with a data version that changes on every load", async () => {
    await seedDemoData(db.url, 3, 0.005, new Progress(process.stderr, true));
    const first = (await post("{ dataset { kind synthetic initiativeCount dataVersion seed scale checksum } }")).body
      .data.dataset;
    const [{ n }] = await db.dataSource.query("SELECT count(*)::int AS n FROM initiative");
    expect(first).toMatchObject({ kind: "demo", synthetic: true, initiativeCount: n, seed: 3, scale: 0.005 });
    expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);
    await seedDemoData(db.url, 3, 0.005, new Progress(process.stderr, true));
    const second = (await post("{ dataset { dataVersion checksum } }")).body.data.dataset;
    expect(second.checksum).toBe(first.checksum);
    expect(second.dataVersion).not.toBe(first.dataVersion);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("lists the 63 provinces with their 2025 successors and the 83 top-level units", async () => {
    const { data } = (await post("{ provinces { code name successor2025Code regionCode } topUnits { code kind } }"))
      .body;
    expect(data.provinces).toHaveLength(63);
    expect(data.provinces.find((p: { code: string }) => p.code === "38")).toMatchObject({
      name: "Thanh Hóa",
      successor2025Code: "38",
    });
    expect(data.provinces.find((p: { code: string }) => p.code === "74")).toMatchObject({
      name: "Bình Dương",
      successor2025Code: "79",
    });
    expect(data.topUnits).toHaveLength(83);
    expect(data.topUnits.filter((u: { kind: string }) => u.kind === "PROVINCIAL_FEDERATION")).toHaveLength(63);
  });

  it("answers a wrong query with a clear error and keeps serving", async () => {
    const bad = await post("{ dataset { nope } }");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
    expect((await post("{ dataset { kind } }")).status).toBe(200);
  });
});
