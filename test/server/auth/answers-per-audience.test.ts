import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * Every cache that keeps an answer keys it on whom it was computed for: asked by leadership first
 * and then by the public (and the other way round, on a fresh server), each gets its own answer,
 * on every dashboard field, by POST and by GET.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let leadership: Record<string, string>;
let small: string;
let parent: string;
const K = 5;

beforeAll(async () => {
  db = await createTestDatabase("answers_per_audience");
  await seedDemoData(db.url, 5, 0.01, new Progress(process.stderr, true));
  leadership = { authorization: `Bearer ${(await createToken(db.dataSource, "leadership", "Văn phòng")).token}` };
  // A grassroots union with fewer than K initiatives, whose parent also has bigger children.
  const [row] = await db.dataSource.query(
    `SELECT g.code, p.code AS parent FROM unit g JOIN unit p ON p.id = g.parent_id JOIN initiative i ON i.grassroots_unit_id = g.id
      WHERE g.tier = 3 GROUP BY g.code, p.code HAVING count(*) BETWEEN 1 AND $1 ORDER BY g.code LIMIT 1`,
    [K - 1],
  );
  small = row.code;
  parent = row.parent;
});

afterAll(async () => {
  await db?.drop();
});

const unitFilter = () => `[{ dimension: unit, values: ["${small}"] }]`;
const RESULT = "totalsSuppressed totals { measure value } rows { suppressed values { measure value share } }";
/** Every field of the dashboard, asked about a small grassroots union (or its parent's children). */
const FIELDS: Record<string, () => string> = {
  overview: () =>
    `overview(filters: ${unitFilter()}) { kpis { measure value previous change } phases { phase submissions valid progress } programmeProgress }`,
  ranking: () => `ranking(measure: submissions, by: province, filters: ${unitFilter()}) { rows { code value share } }`,
  timeSeries: () => `timeSeries(measures: [submissions], granularity: MONTH, filters: ${unitFilter()}) { ${RESULT} }`,
  shares: () => `shares(measure: submissions, dimension: workerCategory, filters: ${unitFilter()}) { ${RESULT} }`,
  unitDrilldown: () => `unitDrilldown(unit: "${parent}") { children { ${RESULT} } }`,
  targetAttainment: () => `targetAttainment(filters: ${unitFilter()}) { code phase valid attainment }`,
  milestones: () => `milestones { kind count reachedAt }`,
  analytics: () =>
    `analytics(query: { measures: [submissions, benefitVnd], dimensions: [workerCategory], filters: ${unitFilter()} }) { ${RESULT} }`,
};

type Ask = (server: TestServer, field: string, headers?: Record<string, string>) => Promise<unknown>;

const byPost: Ask = async (server, field, headers = {}) => {
  const { status, data, errors } = await server.graphql(`{ ${FIELDS[field]!()} }`, undefined, headers);
  expect(errors, `${field}: ${JSON.stringify(errors)}`).toBeUndefined();
  expect(status).toBe(200);
  return data;
};

const byGet: Ask = async (server, field, headers = {}) => {
  const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent(`{ ${FIELDS[field]!()} }`)}`, {
    headers,
  });
  const { data, errors } = (await response.json()) as { data: unknown; errors?: unknown };
  expect(errors, `${field}: ${JSON.stringify(errors)}`).toBeUndefined();
  expect(response.status).toBe(200);
  return data;
};

async function askInOrder(
  ask: Ask,
  leadershipFirst: boolean,
): Promise<{ public: Record<string, unknown>; leadership: Record<string, unknown> }> {
  const server = await startTestServer(db.dataSource, 30_000, { suppressionThreshold: K });
  try {
    const answers = { public: {} as Record<string, unknown>, leadership: {} as Record<string, unknown> };
    for (const field of Object.keys(FIELDS)) {
      // Twice each, so the second of every pair is a cache's answer where one applies.
      for (const who of leadershipFirst
        ? (["leadership", "public", "leadership", "public"] as const)
        : (["public", "leadership", "public", "leadership"] as const)) {
        const answer = JSON.stringify(await ask(server, field, who === "leadership" ? leadership : {}));
        const seen = answers[who][field];
        if (seen !== undefined) expect(answer, `${field} asked again by ${who}`).toBe(seen);
        answers[who][field] = answer;
      }
    }
    return answers;
  } finally {
    await server.close();
  }
}

describe("answers are kept per audience", () => {
  for (const [how, ask] of [
    ["POST", byPost],
    ["GET", byGet],
  ] as const) {
    it(`${how}: the public's answer is the public one whoever asked first, on every dashboard field`, async () => {
      const leadershipFirst = await askInOrder(ask, true);
      const publicFirst = await askInOrder(ask, false);
      for (const field of Object.keys(FIELDS)) {
        expect(leadershipFirst.public[field], `${field}: public after leadership`).toBe(publicFirst.public[field]);
        expect(publicFirst.leadership[field], `${field}: leadership after public`).toBe(
          leadershipFirst.leadership[field],
        );
      }
      // The test means something only where the audiences' answers differ: the small union's figures.
      for (const field of ["overview", "timeSeries", "shares", "unitDrilldown", "analytics"]) {
        expect(publicFirst.public[field], `${field} should differ between audiences`).not.toBe(
          publicFirst.leadership[field],
        );
      }
    });
  }
});
