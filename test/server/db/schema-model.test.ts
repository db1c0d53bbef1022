import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLUSTERS,
  PROVINCES,
  PROVINCES_2025,
  REGIONS,
  TOP_UNITS,
} from "../../../server/src/db/reference/reference-data";
import { createTestDatabase } from "../../setup/test-database";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("schema_model");
});

afterAll(async () => db?.drop());

describe("entities and migrations", () => {
  it("every entity column exists in the migrated database with the same nullability", async () => {
    const columns = await db.dataSource.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const inDb = new Map(
      columns.map((c: { table_name: string; column_name: string; is_nullable: string }) => [
        `${c.table_name}.${c.column_name}`,
        c.is_nullable === "YES",
      ]),
    );
    const missing: string[] = [];
    for (const entity of db.dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        if (!inDb.has(key)) missing.push(key);
        else expect(inDb.get(key), key).toBe(column.isNullable);
      }
    }
    expect(missing).toEqual([]);
  });

  it("reaches no pending migration", async () => {
    expect(await db.dataSource.showMigrations()).toBe(false);
  });
});

describe("reference data", () => {
  it("holds the 63 provinces of 2021–2023 in the six regions of NQ 81/2023 and their 34 successors", async () => {
    expect(PROVINCES).toHaveLength(63);
    expect(PROVINCES_2025).toHaveLength(34);
    expect(REGIONS).toHaveLength(6);
    const counts = await db.dataSource.query(
      `SELECT region_code, count(*)::int AS n FROM province GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(counts.map((r: { region_code: string; n: number }) => [r.region_code, r.n]))).toEqual({
      BTB_DHMT: 14,
      DBSCL: 13,
      DBSH: 11,
      DNB: 6,
      TDMNPB: 14,
      TN: 5,
    });
    for (const p2025 of PROVINCES_2025) {
      const members = PROVINCES.filter((p) => p.successor2025 === p2025.code)
        .map((p) => p.code)
        .sort();
      expect(members, p2025.name).toEqual([...p2025.formedFrom].sort());
    }
  });

  it("holds the 83 top-level units: 63 provincial federations and 20 central units, each in a cluster", () => {
    expect(TOP_UNITS).toHaveLength(83);
    expect(
      TOP_UNITS.filter((u) => u.kind === "PROVINCIAL_FEDERATION")
        .map((u) => u.provinceCode)
        .sort(),
    ).toEqual(PROVINCES.map((p) => p.code).sort());
    const clusters = new Set(CLUSTERS.map((c) => c.code));
    expect(TOP_UNITS.every((u) => clusters.has(u.cluster))).toBe(true);
    for (const name of ["Công đoàn Dầu khí Việt Nam", "Công đoàn Điện lực Việt Nam"]) {
      expect(
        TOP_UNITS.some((u) => u.name === name),
        name,
      ).toBe(true);
    }
  });

  it("stores every name in Unicode NFC, as users type it", () => {
    const names = [...PROVINCES.map((p) => p.name), ...TOP_UNITS.map((u) => u.name)];
    expect(names.filter((n) => n !== n.normalize("NFC"))).toEqual([]);
  });
});
