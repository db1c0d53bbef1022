import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, revokeToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** Roles, tokens, small-cell suppression and rate limits, through the real HTTP API. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let leadership: Record<string, string>;
let admin: Record<string, string>;
const K = 5;

beforeAll(async () => {
  db = await createTestDatabase("roles_privacy");
  await seedDemoData(db.url, 3, 0.01, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 30_000, { suppressionThreshold: K });
  leadership = { authorization: `Bearer ${(await createToken(db.dataSource, "leadership", "Văn phòng")).token}` };
  admin = { authorization: `Bearer ${(await createToken(db.dataSource, "admin", "Quản trị")).token}` };
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const DRILL = `query($unit: String!) { unitDrilldown(unit: $unit) {
  children { suppressionThreshold totalsSuppressed totals { measure value } rows { suppressed dimensions { code } values { measure value share } } } } }`;

type Row = {
  suppressed: string | null;
  dimensions: Array<{ code: string }>;
  values: Array<{ measure: string; value: number | null; share: number | null }>;
};
const value = (row: { values: Row["values"] }, measure: string) =>
  row.values.find((v) => v.measure === measure)?.value ?? null;

/** Upper-level unions whose grassroots children include small ones (fewer than K initiatives). */
async function unitsWithSmallChildren(limit: number): Promise<string[]> {
  const rows = await db.dataSource.query(
    `SELECT p.code FROM unit p JOIN unit g ON g.parent_id = p.id AND g.tier = 3
       LEFT JOIN initiative i ON i.grassroots_unit_id = g.id
      WHERE p.tier = 2 GROUP BY p.code, g.id HAVING count(i.id) BETWEEN 1 AND $1 ORDER BY p.code LIMIT $2`,
    [K - 1, limit * 5],
  );
  return [...new Set((rows as Array<{ code: string }>).map((r) => r.code))].slice(0, limit);
}

describe("small cells are withheld from the public, and cannot be recovered from the same answer", () => {
  it("the public sees small grassroots cells withheld; leadership sees every figure", async () => {
    const [unit] = await unitsWithSmallChildren(1);
    const open = (await server.graphql(DRILL, { unit }, leadership)).data.unitDrilldown.children;
    const hidden = (await server.graphql(DRILL, { unit })).data.unitDrilldown.children;
    expect(open.suppressionThreshold).toBeNull();
    expect(open.rows.every((r: Row) => r.suppressed === null && value(r, "submissions") !== null)).toBe(true);
    expect(hidden.suppressionThreshold).toBe(K);
    const small = open.rows.filter((r: Row) => value(r, "submissions")! < K).map((r: Row) => r.dimensions[0]!.code);
    expect(small.length).toBeGreaterThan(0);
    for (const row of hidden.rows as Row[]) {
      if (small.includes(row.dimensions[0]!.code)) {
        expect(row.suppressed).toBe("SMALL_CELL");
        expect(row.values.every((v) => v.value === null && v.share === null)).toBe(true);
      }
    }
  });

  it("no withheld row can be computed as totals minus the other rows, over many units and splits", async () => {
    const units = await unitsWithSmallChildren(25);
    expect(units.length).toBeGreaterThan(5);
    const split = `query($unit: String!) { analytics(query: { measures: [submissions, valid, benefitVnd], dimensions: [unit, workerCategory], parentUnit: $unit, limit: 10000 }) {
      totalsSuppressed totals { measure value } rows { suppressed dimensions { code } values { measure value share } } } }`;
    for (const unit of units) {
      for (const answer of [
        (await server.graphql(DRILL, { unit })).data.unitDrilldown.children,
        (await server.graphql(split, { unit })).data.analytics,
      ]) {
        const withheld = (answer.rows as Row[]).filter((r) => r.suppressed);
        // One withheld row with published totals would be total − the rest: the rule never allows it.
        if (!answer.totalsSuppressed)
          expect(
            withheld.length === 0 || withheld.length >= 2,
            `${unit}: ${JSON.stringify(answer).slice(0, 1500)}`,
          ).toBe(true);
        for (const row of withheld) expect(row.values.every((v) => v.value === null)).toBe(true);
      }
    }
  });

  it("a grassroots union's own small totals are withheld too", async () => {
    const [small] = await db.dataSource.query(
      `SELECT g.code FROM unit g JOIN initiative i ON i.grassroots_unit_id = g.id WHERE g.tier = 3 GROUP BY g.code HAVING count(*) < $1 ORDER BY g.code LIMIT 1`,
      [K],
    );
    const query = `query($unit: String!) { analytics(query: { measures: [submissions, benefitVnd], filters: [{ dimension: unit, operator: EQUALS, values: [$unit] }] }) { totalsSuppressed totals { value } } }`;
    const hidden = (await server.graphql(query, { unit: small.code })).data.analytics;
    expect(hidden.totalsSuppressed).toBe("SMALL_CELL");
    expect(hidden.totals.every((t: { value: number | null }) => t.value === null)).toBe(true);
    const open = (await server.graphql(query, { unit: small.code }, leadership)).data.analytics;
    expect(open.totals[0].value).toBeGreaterThan(0);
  });

  it("figures above grassroots level are never withheld", async () => {
    const answer = (
      await server.graphql(
        `{ analytics(query: { measures: [submissions], dimensions: [topUnit], limit: 100 }) { suppressionThreshold rows { suppressed values { value } } } }`,
      )
    ).data.analytics;
    expect(answer.rows.every((r: Row) => r.suppressed === null && r.values[0]!.value !== null)).toBe(true);
  });
});

describe("tokens", () => {
  it("a revoked token is refused, as are malformed and unknown ones", async () => {
    const { info, token } = await createToken(db.dataSource, "leadership", "Tạm thời");
    const ask = (authorization: string) => server.graphql("{ dataset { kind } }", undefined, { authorization });
    expect((await ask(`Bearer ${token}`)).status).toBe(200);
    await revokeToken(db.dataSource, info.id);
    const refused = await ask(`Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    expect((await ask("Bearer sk_notarealtoken")).status).toBe(401);
    expect((await ask(`Bearer sk_${"A".repeat(43)}`)).status).toBe(401);
    expect((await ask("Basic dXNlcjpwYXNz")).status).toBe(401);
  });

  it("records when a token was last used, writing at most once a minute rather than on every request", async () => {
    const { info, token } = await createToken(db.dataSource, "leadership", "Lần dùng");
    const lastUsed = async () =>
      (
        (await db.dataSource.query(`SELECT last_used_at FROM api_token WHERE id = $1`, [info.id])) as Array<{
          last_used_at: Date | null;
        }>
      )[0]!.last_used_at;
    const ask = () => server.graphql("{ dataset { kind } }", undefined, { authorization: `Bearer ${token}` });
    expect(await lastUsed()).toBeNull();
    expect((await ask()).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect((await ask()).status).toBe(200);
    expect(await lastUsed()).toEqual(first);
    await db.dataSource.query(`UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [
      info.id,
    ]);
    const stale = await lastUsed();
    expect((await ask()).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime());
  });

  it("tokens are stored hashed: the database never holds one", async () => {
    const { token } = await createToken(db.dataSource, "admin", "Kiểm tra");
    const [row] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM api_token WHERE position($1 in encode(token_sha256, 'escape')) > 0 OR name = $1 OR prefix = $1`,
      [token],
    );
    expect(row.n).toBe(0);
  });

  it("answers to a token holder are private, never in a shared cache", async () => {
    const response = await fetch(`${server.base}/graphql?query=${encodeURIComponent("{ dataset { kind } }")}`, {
      headers: admin,
    });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const anonymous = await fetch(`${server.base}/graphql?query=${encodeURIComponent("{ dataset { kind } }")}`);
    expect(anonymous.headers.get("cache-control")).toContain("public");
  });
});

describe("authors' names", () => {
  it("never appear in any answer to the public or to leadership", async () => {
    const authors = (await db.dataSource.query(
      `SELECT full_name, member_code FROM author ORDER BY id LIMIT 200`,
    )) as Array<{ full_name: string; member_code: string }>;
    const [grassroots] = await db.dataSource.query(
      `SELECT g.code, p.code AS parent FROM unit g JOIN unit p ON p.id = g.parent_id WHERE g.tier = 3 ORDER BY g.id LIMIT 1`,
    );
    const queries = [
      `{ overview { kpis { label value } } meta { dimensions { members { code labelVi labelEn } } } topUnits { name } provinces { name } }`,
      `{ unitDrilldown(unit: "${grassroots.parent}") { unit { name } ancestors { name } children { rows { dimensions { code label } } } } }`,
      `{ unitDrilldown(unit: "${grassroots.code}") { unit { name } children { totals { value } } } }`,
      `{ searchUnits(text: "cong doan", limit: 50) { code name topUnitName } }`,
      `{ analytics(query: { measures: [submitters], dimensions: [unit], parentUnit: "${grassroots.parent}" }) { rows { dimensions { label } } explain { sql parameters } } }`,
      `{ ranking(measure: submitters, by: topUnit, limit: 100) { rows { label } } milestones { label } }`,
    ];
    for (const headers of [{}, leadership]) {
      for (const query of queries) {
        const text = JSON.stringify(await server.graphql(query, undefined, headers));
        for (const author of authors) {
          expect(text).not.toContain(author.full_name);
          expect(text).not.toContain(author.member_code);
        }
      }
    }
  });

  it("no field of the public schema can return an author", async () => {
    const { data } = await server.graphql(`{ __schema { types { name fields { name } } } }`);
    const names = (data.__schema.types as Array<{ name: string; fields: Array<{ name: string }> | null }>)
      .flatMap((t) => [t.name, ...(t.fields ?? []).map((f) => `${t.name}.${f.name}`)])
      .map((n) => n.toLowerCase());
    // Provinces have a full name (Thành phố Hà Nội); people have none in the schema.
    expect(names.filter((n) => /author|membercode|tacgia|fullname/.test(n) && n !== "provinceinfo.fullname")).toEqual(
      [],
    );
  });
});

describe("rate limits for public callers", () => {
  it("answer 429 with Retry-After past the limit, and leave token holders alone", async () => {
    const limited = await startTestServer(db.dataSource, 5000, { rateLimitPerMinute: 20 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await limited.graphql("{ dataset { kind } }")).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      const refused = await limited.graphql("{ dataset { kind } }");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refused.errors![0]!.extensions.code).toBe("RATE_LIMITED");
      expect((await limited.graphql("{ dataset { kind } }", undefined, leadership)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
