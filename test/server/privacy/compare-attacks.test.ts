import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../setup/test-server";
import {
  attackTarget,
  Asker,
  earlyCells,
  eq,
  judge,
  MEASURES,
  parentsWithSeveralSmallChildren,
  smallUnions,
  summary,
  type Figures,
  type Outcome,
} from "./attack-kit";

/**
 * Comparisons and derived measures must not open a door around the privacy step (docs/privacy.md):
 * a compared figure is what asking at that point shows the public, so a difference or a percent
 * change is made of two shown figures and never of a withheld one; a derived measure is computed
 * from shown parts and never orders withheld rows.
 */
const K = 5;
let db: Awaited<ReturnType<typeof attackTarget>>["db"];
let server: TestServer;
let lead: Asker;
const outcomes: Outcome[] = [];

const COMPARED = `query($q: AnalyticsQueryInput!) { analytics(query: $q) {
  totals { measure value compared difference percentChange }
  rows { suppressed dimensions { code } values { measure value compared difference percentChange } } } }`;
type Cell = { measure: string; value: number | null; compared: number | null; difference: number | null };
type Row = { suppressed: string | null; dimensions: Array<{ code: string }>; values: Cell[] };

beforeAll(async () => {
  ({ db, server, lead } = await attackTarget("privacy_compare", K, 0.01));
}, 300_000);

afterAll(async () => {
  if (outcomes.length) process.stderr.write(`\ncompare attacks:\n${summary(outcomes)}\n`);
  await server?.close();
  await db?.drop();
});

async function compared(q: Record<string, unknown>): Promise<{ totals: Cell[]; rows: Row[] }> {
  const r = await server.graphql(COMPARED, { q: { measures: [...MEASURES], limit: 10_000, ...q } });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.analytics;
}
/** What each cell gives away about the compared point: compared itself, or value − difference. */
const comparedEstimate = (cells: Cell[]): Figures =>
  Object.fromEntries(
    MEASURES.map((m) => {
      const c = cells.find((x) => x.measure === m)!;
      const recovered = c.value !== null && c.difference !== null ? c.value - c.difference : null;
      return [m, c.compared ?? recovered];
    }),
  ) as Figures;
const valueEstimate = (cells: Cell[]): Figures =>
  Object.fromEntries(
    MEASURES.map((m) => {
      const c = cells.find((x) => x.measure === m)!;
      return [m, c.value ?? (c.compared !== null && c.difference !== null ? c.compared + c.difference : null)];
    }),
  ) as Figures;

describe("a comparison recovers no withheld cell", () => {
  it("a small union withheld now: compared with before the programme, its difference is withheld too", async () => {
    const targets = await smallUnions(db.dataSource, K, 6);
    expect(targets.length).toBeGreaterThanOrEqual(4);
    const found: Outcome[] = [];
    for (const g of targets) {
      const truth = await lead.totals({ filters: [eq("unit", g.code)] });
      const compare = { to: "AS_OF", asOf: "2021-12-31" };
      const alone = await compared({ filters: [eq("unit", g.code)], compare });
      found.push(...judge("union now vs nothing (totals)", g.code, valueEstimate(alone.totals), truth));
      const children = await compared({ dimensions: ["unit"], parentUnit: g.parent, compare });
      const row = children.rows.find((r) => r.dimensions[0]!.code === g.code)!;
      expect(row.suppressed, g.code).not.toBeNull();
      for (const cell of row.values)
        expect([cell.value, cell.difference], `${g.code} ${cell.measure}`).toEqual([null, null]);
      found.push(...judge("union now vs nothing (children)", g.code, valueEstimate(row.values), truth));
    }
    outcomes.push(...found);
    expect(found.filter((o) => o.exact && o.truth !== 0)).toEqual([]);
  });

  it("a union small on its first day: compared with that day, the early figure stays withheld", async () => {
    const cells = await earlyCells(db.dataSource, K, 10);
    expect(cells.length).toBeGreaterThanOrEqual(4);
    const found: Outcome[] = [];
    for (const c of cells) {
      const truth = await lead.totals({ filters: [eq("unit", c.union)], asOf: c.day });
      const compare = { to: "AS_OF", asOf: c.day };
      const alone = await compared({ filters: [eq("unit", c.union)], compare });
      const submissions = alone.totals.find((t) => t.measure === "submissions")!;
      expect([submissions.compared, submissions.difference], c.union).toEqual([null, null]);
      found.push(...judge("now vs first day (totals)", `${c.union}@${c.day}`, comparedEstimate(alone.totals), truth));
      const children = await compared({ dimensions: ["unit"], parentUnit: c.parent, compare });
      const row = children.rows.find((r) => r.dimensions[0]!.code === c.union);
      if (row)
        found.push(...judge("now vs first day (children)", `${c.union}@${c.day}`, comparedEstimate(row.values), truth));
    }
    outcomes.push(...found);
    expect(found.filter((o) => o.exact && o.truth !== 0)).toEqual([]);
  });
});

describe("derived measures go through the privacy step", () => {
  it("withheld rows are not ordered by a hidden derived value, and their derived figures are withheld", async () => {
    const parents = await parentsWithSeveralSmallChildren(db.dataSource, K, 8);
    expect(parents.length).toBeGreaterThan(2);
    for (const parent of parents) {
      const answer = await compared({
        dimensions: ["unit"],
        parentUnit: parent,
        derived: [
          { name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid" },
          { name: "notValid", op: "DIFFERENCE", left: "submissions", right: "valid" },
        ],
        order: [{ by: "notValid", direction: "DESC" }],
      });
      const withheld = answer.rows.filter((r) => r.suppressed);
      const codes = withheld.map((r) => r.dimensions[0]!.code);
      expect(codes, `${parent}: withheld rows in the order of a hidden derived value`).toEqual([...codes].sort());
      expect(answer.rows.slice(-withheld.length)).toEqual(withheld);
      for (const row of withheld) expect(row.values.map((v) => v.value)).toEqual(row.values.map(() => null));
    }
  });
});
