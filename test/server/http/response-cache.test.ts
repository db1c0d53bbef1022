import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** The response cache of public reads, in one process's memory, through the real HTTP app. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let leadership: string;

beforeAll(async () => {
  db = await createTestDatabase("response_cache");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
  leadership = (await createToken(db.dataSource, "leadership", "Lãnh đạo")).token;
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const QUESTION = `query Totals($asOf: AsOf) { dataset { dataVersion } analytics(query: { measures: [submissions], dimensions: [workerCategory], asOf: $asOf }) { totals { value } columns { label } } }`;

const get = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(
    `${server.base}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`,
    { headers },
  );

describe("public reads", () => {
  it("are answered from the cache the second time, over POST and GET alike, with the same body", async () => {
    const first = await server.graphql(QUESTION, { asOf: "2022-05-31" });
    expect(first.headers.get("x-cache")).toBe("miss");
    const again = await server.graphql(QUESTION, { asOf: "2022-05-31" });
    expect(again.headers.get("x-cache")).toBe("hit");
    expect(again.data).toEqual(first.data);
    const viaGet = await get(QUESTION, { asOf: "2022-05-31" });
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.get("x-cache")).toBe("hit");
    expect(((await viaGet.json()) as any).data).toEqual(first.data);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const hits = /^sangkien_response_cache_lookups_total\{store="memory",result="hit"\} (\d+)$/m.exec(metrics);
    expect(Number(hits?.[1])).toBeGreaterThanOrEqual(2);
  });

  it("share an entry whatever the spacing, but not across variables or locales", async () => {
    await server.graphql(QUESTION, { asOf: "2022-06-30" });
    const respaced = await server.graphql(`# the same question\n${QUESTION.replace(/ \{ /g, " {\n  ")}`, {
      asOf: "2022-06-30",
    });
    expect(respaced.headers.get("x-cache")).toBe("hit");
    expect((await server.graphql(QUESTION, { asOf: "2022-07-31" })).headers.get("x-cache")).toBe("miss");
    const english = await server.graphql(QUESTION, { asOf: "2022-06-30" }, { "accept-language": "en" });
    expect(english.headers.get("x-cache")).toBe("miss");
    expect(english.data.analytics.columns[0].label).toBe("Worker category");
  });

  it("are not kept when the answer has errors", async () => {
    // Refused by the engine, not by validation (a bad asOf never reaches the cache: the AsOf scalar refuses it first).
    const bad = `{ analytics(query: { measures: [submissions], limit: 10001 }) { source } }`;
    for (let i = 0; i < 2; i++) {
      const answer = await server.graphql(bad);
      expect(answer.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
      expect(answer.headers.get("x-cache")).toBe("miss");
    }
  });

  it("follow a data load at once: the old answers are not served", async () => {
    const before = await server.graphql(QUESTION, { asOf: "2022-08-31" });
    expect((await server.graphql(QUESTION, { asOf: "2022-08-31" })).headers.get("x-cache")).toBe("hit");
    await seedDemoData(db.url, 5, 0.003, new Progress(process.stderr, true));
    const after = await server.graphql(QUESTION, { asOf: "2022-08-31" });
    expect(after.headers.get("x-cache")).toBe("miss");
    expect(after.data.dataset.dataVersion).not.toBe(before.data.dataset.dataVersion);
    expect(after.data.analytics.totals[0].value).not.toBe(before.data.analytics.totals[0].value);
  });
});

describe("reads with a token", () => {
  it("never go through the response cache", async () => {
    const auth = { authorization: `Bearer ${leadership}` };
    await server.graphql(QUESTION, { asOf: "2022-09-30" });
    for (let i = 0; i < 2; i++) {
      const answer = await server.graphql(QUESTION, { asOf: "2022-09-30" }, auth);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-cache")).toBeNull();
    }
    expect((await get(QUESTION, { asOf: "2022-09-30" }, auth)).headers.get("x-cache")).toBeNull();
  });
});
