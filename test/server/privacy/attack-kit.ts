import type { DataSource } from "typeorm";
import { createToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { parseCsv } from "../../e2e/parse-csv";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * What the attack suite needs: public questions over every surface (POST, GET, CSV, the
 * dashboard's fields), the same questions with a leadership token for the truth, and the
 * withheld cells to aim at, found by plain SQL on the seeded rows.
 */
export const MEASURES = ["submissions", "valid", "benefitVnd"] as const;
export type Measure = (typeof MEASURES)[number];
export type Figures = Record<Measure, number | null>;
export type Filter = { dimension: string; operator: "EQUALS" | "IN" | "NOT_IN"; values: string[] };
export type Question = {
  filters?: Filter[];
  dateRange?: { from?: string; to?: string };
  asOf?: string;
  dimensions?: string[];
  parentUnit?: string;
};
type Value = { measure: string; value: number | null };

export const eq = (dimension: string, ...values: string[]): Filter => ({
  dimension,
  operator: values.length > 1 ? "IN" : "EQUALS",
  values,
});
export const notIn = (dimension: string, ...values: string[]): Filter => ({ dimension, operator: "NOT_IN", values });

const ANALYTICS = `query($q: AnalyticsQueryInput!) { analytics(query: $q) { totals { measure value } rows { suppressed dimensions { code } values { measure value } } } }`;

/**
 * A seeded database (seed 3) with a fixed record-key secret, so that a suite sees the same noise on
 * every run, and the API on it withholding cells under k; `lead` asks with a leadership token.
 */
export async function attackTarget(name: string, k: number, scale: number) {
  const db = await createTestDatabase(name);
  await seedDemoData(db.url, 3, scale, new Progress(process.stderr, true));
  await db.dataSource.query(`UPDATE cell_key_secret SET seed = 20211215`).catch(() => undefined);
  const server = await startTestServer(db.dataSource, 30_000, { suppressionThreshold: k });
  const token = (await createToken(db.dataSource, "leadership", "Văn phòng")).token;
  return { db, server, pub: new Asker(server), lead: new Asker(server, { authorization: `Bearer ${token}` }) };
}

export function figuresOf(values: Value[]): Figures {
  const out = {} as Figures;
  for (const m of MEASURES) out[m] = values.find((v) => v.measure === m)?.value ?? null;
  return out;
}

export const minus = (a: Figures, b: Figures): Figures => {
  const out = {} as Figures;
  for (const m of MEASURES) out[m] = a[m] === null || b[m] === null ? null : a[m]! - b[m]!;
  return out;
};

export class Asker {
  constructor(
    private readonly server: TestServer,
    readonly headers: Record<string, string> = {},
  ) {}

  /** The totals of a question, through POST /graphql. */
  async totals(q: Question): Promise<Figures> {
    const answer = await this.analytics({ ...q, measures: [...MEASURES] });
    return figuresOf(answer.totals);
  }

  async analytics(q: Record<string, unknown>): Promise<{
    totals: Value[];
    rows: Array<{ suppressed: string | null; dimensions: Array<{ code: string }>; values: Value[] }>;
  }> {
    const response = await this.server.graphql(ANALYTICS, { q: { limit: 10_000, ...q } }, this.headers);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data.analytics;
  }

  /** The totals of a question through GET /graphql (what an embed or a shared link sends). */
  async totalsByGet(q: Question): Promise<Figures> {
    const query = `query($q: AnalyticsQueryInput!) { analytics(query: $q) { totals { measure value } } }`;
    const variables = JSON.stringify({ q: { ...q, measures: [...MEASURES] } });
    const response = await fetch(
      `${this.server.base}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`,
      { headers: this.headers },
    );
    const body = (await response.json()) as { data: { analytics: { totals: Value[] } }; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return figuresOf(body.data.analytics.totals);
  }

  /** The sum of a CSV export's rows, per measure (the export has no totals line: an analyst adds the rows). */
  async csvSum(q: Question): Promise<Figures> {
    const question = { ...q, measures: [...MEASURES], dimensions: ["phase"] };
    const response = await fetch(
      `${this.server.base}/export.csv?locale=en&query=${encodeURIComponent(JSON.stringify(question))}`,
      { headers: this.headers },
    );
    if (response.status !== 200) throw new Error(`export.csv ${response.status}: ${await response.text()}`);
    const records = parseCsv((await response.text()).replace(/^\uFEFF/, "")).filter((r) => r.length > 2);
    const header = records[0]!;
    const column = (label: string) => header.findIndex((h) => h === label);
    const columns: Record<Measure, number> = {
      submissions: column("Submissions"),
      valid: column("Valid"),
      benefitVnd: column("Benefit (VND)"),
    };
    const out = {} as Figures;
    for (const m of MEASURES) {
      const cells = records.slice(1).map((r) => r[columns[m]]!);
      out[m] = cells.some((c) => c === "" || c === undefined) ? null : cells.reduce((s, c) => s + Number(c), 0);
    }
    return out;
  }

  /** One row of a ranking (or of the map's shares) for one measure, by code. */
  async ranked(
    field: "ranking" | "shares",
    measure: Measure,
    by: string,
    code: string,
    filters: Filter[] = [],
  ): Promise<number | null> {
    if (field === "ranking") {
      const r = await this.server.graphql(
        `query($f: [FilterInput!]) { ranking(measure: ${measure}, by: ${by}, limit: 1000, filters: $f) { rows { code value } } }`,
        { f: filters },
        this.headers,
      );
      return (
        (r.data.ranking.rows as Array<{ code: string; value: number | null }>).find((row) => row.code === code)
          ?.value ?? null
      );
    }
    const r = await this.server.graphql(
      `query($f: [FilterInput!]) { shares(measure: ${measure}, dimension: ${by}, filters: $f) { rows { dimensions { code } values { value } } } }`,
      { f: filters },
      this.headers,
    );
    return (
      (r.data.shares.rows as Array<{ dimensions: Array<{ code: string }>; values: Value[] }>).find(
        (row) => row.dimensions[0]!.code === code,
      )?.values[0]!.value ?? null
    );
  }

  /** The totals of a time series (the dashboard's trend) under filters. */
  async seriesTotals(filters: Filter[]): Promise<Figures> {
    const r = await this.server.graphql(
      `query($f: [FilterInput!]) { timeSeries(measures: [submissions, valid, benefitVnd], granularity: MONTH, filters: $f) { totals { measure value } } }`,
      { f: filters },
      this.headers,
    );
    return figuresOf(r.data.timeSeries.totals);
  }
}

export interface SmallUnion {
  code: string;
  parent: string;
  sibling: string;
  topUnit: string;
  province: string;
}

/**
 * Grassroots unions counting 1 … k−1 initiatives whose parent has at least one other grassroots
 * union with k or more (a visible sibling): half under second-tier units, half right under top units.
 */
export async function smallUnions(db: DataSource, k: number, perKind: number): Promise<SmallUnion[]> {
  const rows = (await db.query(
    `
    WITH counts AS (SELECT g.id, g.code, g.parent_id, g.depth, g.province_code, count(i.id)::int AS n
                      FROM unit g LEFT JOIN initiative i ON i.grassroots_unit_id = g.id WHERE g.tier = 3 GROUP BY g.id)
    SELECT DISTINCT ON (s.code) s.code, p.code AS parent, s.depth, t.code AS top_unit, s.province_code AS province,
           (SELECT v.code FROM counts v WHERE v.parent_id = s.parent_id AND v.n >= $1 ORDER BY v.code LIMIT 1) AS sibling
      FROM counts s JOIN unit p ON p.id = s.parent_id JOIN unit t ON t.id = (string_to_array(trim(both '/' from p.path), '/'))[2]::int
     WHERE s.n BETWEEN 1 AND $1 - 1 AND EXISTS (SELECT 1 FROM counts v WHERE v.parent_id = s.parent_id AND v.n >= $1)
     ORDER BY s.code`,
    [k],
  )) as Array<{ code: string; parent: string; depth: number; top_unit: string; province: string; sibling: string }>;
  const pick = (depth: number) =>
    spread(
      rows.filter((r) => r.depth === depth),
      perKind,
    );
  return [...pick(3), ...pick(2)].map((r) => ({
    code: r.code,
    parent: r.parent,
    sibling: r.sibling,
    topUnit: r.top_unit,
    province: r.province,
  }));
}

export interface CategoryCell {
  union: string;
  parent: string;
  category: string;
  others: string[];
}

/** Visible unions (k or more initiatives) with a worker category counting 1 … k−1 of them. */
export async function smallCategoryCells(db: DataSource, k: number, count: number): Promise<CategoryCell[]> {
  const rows = (await db.query(
    `
    SELECT g.code AS union, p.code AS parent, c.code AS category, count(*)::int AS n
      FROM initiative i JOIN unit g ON g.id = i.grassroots_unit_id JOIN unit p ON p.id = g.parent_id JOIN worker_category c ON c.id = i.worker_category_id
     WHERE g.id IN (SELECT grassroots_unit_id FROM initiative GROUP BY 1 HAVING count(*) >= $1)
     GROUP BY g.code, p.code, c.code HAVING count(*) < $1 ORDER BY g.code, c.code`,
    [k],
  )) as Array<{ union: string; parent: string; category: string }>;
  const categories = (
    (await db.query(`SELECT code FROM worker_category ORDER BY code`)) as Array<{ code: string }>
  ).map((r) => r.code);
  return spread(rows, count).map((r) => ({ ...r, others: categories.filter((c) => c !== r.category) }));
}

export interface AsOfCell {
  union: string;
  parent: string;
  day: string;
  dayAfter: string;
}

/** Visible unions (k or more now) that counted 1 … k−1 as of 24h on the day of their first submission. */
export async function earlyCells(db: DataSource, k: number, count: number): Promise<AsOfCell[]> {
  const rows = (await db.query(
    `
    WITH firsts AS (SELECT grassroots_unit_id AS id, ((min(submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS day
                      FROM initiative GROUP BY 1 HAVING count(*) >= $1)
    SELECT g.code AS union, p.code AS parent, to_char(f.day, 'YYYY-MM-DD') AS day, to_char(f.day + 1, 'YYYY-MM-DD') AS day_after
      FROM firsts f JOIN unit g ON g.id = f.id JOIN unit p ON p.id = g.parent_id
     WHERE (SELECT count(*) FROM initiative i WHERE i.grassroots_unit_id = f.id
             AND i.submitted_at < ((f.day + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) < $1
     ORDER BY g.code`,
    [k],
  )) as Array<{ union: string; parent: string; day: string; day_after: string }>;
  return spread(rows, count).map((r) => ({ union: r.union, parent: r.parent, day: r.day, dayAfter: r.day_after }));
}

/** Parents with two or more children withheld from the public whose hidden order differs from their codes' order. */
export async function parentsWithSeveralSmallChildren(db: DataSource, k: number, count: number): Promise<string[]> {
  const rows = (await db.query(
    `
    SELECT p.code FROM unit p JOIN unit g ON g.parent_id = p.id AND g.tier = 3
      JOIN LATERAL (SELECT count(*) AS n FROM initiative i WHERE i.grassroots_unit_id = g.id) c ON true
     WHERE c.n BETWEEN 1 AND $1 - 1 GROUP BY p.code HAVING count(*) >= 3 AND count(DISTINCT c.n) >= 2 ORDER BY p.code`,
    [k],
  )) as Array<{ code: string }>;
  return spread(rows, count).map((r) => r.code);
}

/** `count` items evenly spread over the list (deterministic: the seeded data decides). */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** One attack's outcome on one target: whether it gave the leadership figure exactly, per measure. */
export interface Outcome {
  attack: string;
  target: string;
  measure: Measure;
  estimate: number | null;
  truth: number | null;
  exact: boolean;
}

export function judge(attack: string, target: string, estimate: Figures, truth: Figures): Outcome[] {
  return MEASURES.map((m) => {
    const e = estimate[m];
    const t = truth[m];
    return {
      attack,
      target,
      measure: m,
      estimate: e,
      truth: t,
      exact: e !== null && t !== null && Math.abs(e - t) < 1e-6,
    };
  });
}

/** "attack: 7 of 24 non-zero figures exact" lines, for the log and the report. */
export function summary(outcomes: Outcome[]): string {
  const by = new Map<string, Outcome[]>();
  for (const o of outcomes) by.set(o.attack, [...(by.get(o.attack) ?? []), o]);
  return [...by]
    .map(([attack, list]) => {
      const nonzero = list.filter((o) => o.truth !== 0);
      const zero = list.filter((o) => o.truth === 0);
      return (
        `${attack}: ${nonzero.filter((o) => o.exact).length} of ${nonzero.length} non-zero figures exact` +
        (zero.length
          ? `; ${zero.filter((o) => o.exact).length} of ${zero.length} zero figures (identical sets) exact`
          : "")
      );
    })
    .join("\n");
}
