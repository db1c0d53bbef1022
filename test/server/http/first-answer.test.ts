import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overviewField } from "../../../client/src/graphql/overview.field";
import { composeDocument } from "../../../client/src/graphql/panel-query";
import { parseState } from "../../../client/src/state/dashboard-state";
import { createToken } from "../../../server/src/auth/token.service";
import { applyDemoCorrection } from "../../../server/src/db/releases/demo-correction";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** Issue 18: `/` carries the overview's first answer and first chart, so a phone shows figures without waiting for GraphQL. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
    throw new Error("client/dist/index.html is missing: run npm run build:client (npm test does)");
  db = await createTestDatabase("first_answer");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

async function overviewPage(route = "/") {
  const response = await fetch(`${server.base}${route}`, { headers: { "accept-language": "vi" } });
  expect(response.status).toBe(200);
  const html = await response.text();
  const meta = /<meta name="first-answer" content="([^"]*)" \/>/.exec(html);
  const template = /<template id="first-chart"([^>]*)>([\s\S]*?)<\/template>/.exec(html);
  return {
    headers: response.headers,
    html,
    first: meta
      ? (JSON.parse(unescape(meta[1]!)) as {
          dataVersion: string;
          release: string | null;
          fields: unknown[];
          data: any;
        })
      : undefined,
    chart: template && { attributes: template[1]!, svg: template[2]! },
  };
}

/** The overview as the dashboard asks GraphQL for it at its default state. */
async function graphqlOverview() {
  const field = overviewField({ state: parseState({}) });
  const { query, variables } = composeDocument("OverviewPage", [field]);
  const answer = await server.graphql(query, variables, { "accept-language": "vi" });
  expect(answer.errors).toBeUndefined();
  return { field, overview: answer.data.overview };
}

describe("the overview's first answer in its HTML", () => {
  it("is the GraphQL overview answer (same figures, same data version), with the first chart drawn as SVG", async () => {
    const { first, chart, headers } = await overviewPage();
    const { field, overview } = await graphqlOverview();
    expect(first).toBeDefined();
    expect(first!.fields).toEqual([field]);
    expect(first!.data.overview).toEqual(overview);
    expect(first!.dataVersion).toBe(overview.dataVersion);
    expect(overview.kpis.length).toBeGreaterThan(0);
    // The chart: of the same data version, with our own description, and nothing the page's policy would block.
    expect(chart).toBeTruthy();
    expect(chart!.attributes).toContain(`data-version="${overview.dataVersion}"`);
    expect(chart!.attributes).toMatch(
      /data-drawn-chart="cumulative" data-version="[^"]+" data-width="\d+" data-height="420" data-lang="vi"/,
    );
    expect(chart!.attributes).toMatch(/data-description="[^"]*Lượt nộp[^"]*"/);
    expect(chart!.svg).toMatch(/^<svg width="100%" height="100%"[^>]* viewBox="0 0 \d+ 420"/);
    expect(chart!.svg).not.toMatch(/<style|<script|ecmeta_|zr\d+-cls/);
    // Every cache must ask again; the validator changes with the data.
    expect(headers.get("cache-control")).toBe("no-cache");
    expect(headers.get("etag")).toBeTruthy();
    expect(headers.get("vary")).toMatch(/Accept-Language/i);
  });

  it("is absent where the page shows something else than the overview at its default state", async () => {
    for (const route of ["/?phase=1", "/?asOf=2022-05-31", "/?embed=cumulative", "/chi-tieu", "/don-vi/LDLD-38"]) {
      const { first, chart } = await overviewPage(route);
      expect(first, route).toBeUndefined();
      expect(chart, route).toBeNull();
    }
  });

  it("changes with the data version after a load", async () => {
    const before = await overviewPage();
    // What an import does to the dataset record: another version.
    await db.dataSource.query(`UPDATE dataset SET data_version = nextval('data_version_seq') WHERE is_current`);
    await expect
      .poll(async () => (await overviewPage()).first?.dataVersion, { timeout: 5000 })
      .not.toBe(before.first!.dataVersion);
    const after = await overviewPage();
    const { overview } = await graphqlOverview();
    expect(after.first!.dataVersion).toBe(overview.dataVersion);
    expect(after.first!.data.overview).toEqual(overview);
    expect(after.chart!.attributes).toContain(`data-version="${overview.dataVersion}"`);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("is the newest release's answer once one is published, and stays so after a later load", async () => {
    const admin = { authorization: `Bearer ${(await createToken(db.dataSource, "admin", "Quản trị")).token}` };
    const published = await server.graphql(
      `mutation { publishRelease(title: "Bản đầu", kind: FIRST) { id dataVersion } }`,
      {},
      admin,
    );
    expect(published.errors).toBeUndefined();
    const release = published.data.publishRelease as { id: string; dataVersion: string };
    // A publication changes no figure of the live data, but what the public reads: the page's answer follows it.
    await expect.poll(async () => (await overviewPage()).first?.release, { timeout: 5000 }).toBe(release.id);

    // New data: the live version moves on, the public still reads the release by default.
    const correction = await applyDemoCorrection(db.url);
    expect(correction.dataVersion).not.toBe(release.dataVersion);
    await expect
      .poll(async () => (await server.graphql(`{ meta { dataVersion } }`)).data.meta.dataVersion, { timeout: 5000 })
      .toBe(correction.dataVersion);
    const { first, chart } = await overviewPage();
    const { field, overview } = await graphqlOverview();
    expect(overview.release).toEqual({ id: release.id, kind: "FIRST" });
    expect(overview.dataVersion).toBe(release.dataVersion);
    expect(first!.fields).toEqual([field]);
    expect(first!.data.overview).toEqual(overview);
    expect(first!.release).toBe(release.id);
    expect(first!.dataVersion).toBe(release.dataVersion);
    expect(chart!.attributes).toContain(`data-version="${release.dataVersion}"`);
  });
});
