import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../../server/src/common/request-context";
import { importCsv } from "../../../../server/src/db/import/import.service";
import { createTestEngine, type TestEngine, type TestQuestion } from "../../../setup/test-engine";

import {
  rebuildRollups,
  rollupsMatchRegistry,
  rollupTables,
} from "../../../../server/src/db/aggregates/rollup-builder";
import { Progress } from "../../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { writeDemoExport } from "../../../../scripts/import/demo-export";
import { descendants, isAlive, runTs } from "../../../setup/processes";
import { createTestDatabase } from "../../../setup/test-database";
import { dataChecksum, goodRow, portalCsv } from "./portal-csv";

/**
 * `npm run import` as an operator meets it: a real process against the test database, SIGKILL
 * half-way, then run again to the end; the whole demo dataset, exported as a portal file, is
 * what it imports, so the demo's own figures are what the import must give.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-import-cli-"));
let bigFile: string;
let rowsInBigFile: number;
let ctx: RequestContext;
let service: TestEngine;
/** The demo's figures before any import: those of the file written from it. */
let demoFigures: Figures;
let demoAnswers: Answer[];

const questions: TestQuestion[] = [
  {
    measures: ["submissions", "valid", "invalid", "pending", "benefitVnd", "submitters"],
    dimensions: ["workerCategory"],
  },
  { measures: ["submissions", "valid", "benefitVnd"], dimensions: ["topUnit", "phase"], asOf: "2022-05-31" },
  {
    measures: ["submissions", "benefitVnd"],
    dimensions: ["field"],
    timeDimension: { granularity: "MONTH", cumulative: true },
  },
  { measures: ["submitters", "submissions"], dimensions: ["topUnit"], asOf: "2023-06-30" },
  {
    measures: ["valid", "validRate"],
    dimensions: ["province"],
    filters: [{ dimension: "solutionType", operator: "IN", values: ["TECHNICAL"] }],
  },
];
type Answer = Pick<Awaited<ReturnType<TestEngine["run"]>>, "rows" | "totals">;
const answer = async (query: TestQuestion): Promise<Answer> => {
  const result = await service.run(ctx, query);
  return { rows: result.rows, totals: result.totals };
};

class RolledBack extends Error {}

/** Each rollup table's rows, as one checksum per table (sorted: row order is not part of a rollup). */
async function rollupContents(
  manager: { query: (sql: string) => Promise<unknown> } = db.dataSource,
): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const table of rollupTables()) {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS sum FROM ${table} t`,
    )) as Array<{ n: number; sum: string }>;
    contents[table] = `${row!.n} rows, ${row!.sum}`;
  }
  return contents;
}

interface Figures {
  rows: number;
  byStatus: Record<string, number>;
  benefitVnd: string;
  validBenefitVnd: string;
  leadAuthors: number;
}
/** The counts an interrupted import could get wrong, read straight from the base table. */
async function figures(): Promise<Figures> {
  const [row] = await db.dataSource.query(`
    SELECT count(*)::int AS rows, sum(i.benefit_vnd)::text AS "benefitVnd",
           coalesce(sum(i.benefit_vnd) FILTER (WHERE s.code = 'VALID'), 0)::text AS "validBenefitVnd",
           count(DISTINCT i.lead_author_id)::int AS "leadAuthors",
           (SELECT json_object_agg(code, n) FROM (SELECT s2.code, count(*)::int AS n FROM initiative i2
              JOIN initiative_status s2 ON s2.id = i2.status_id GROUP BY s2.code) per) AS "byStatus"
      FROM initiative i JOIN initiative_status s ON s.id = i.status_id`);
  return row as Figures;
}

const importCli = (args: string[]) =>
  runTs("server/src/db/import/import.cli.ts", args, { DATABASE_URL: db.url.toString() });

beforeAll(async () => {
  db = await createTestDatabase("import_cli");
  await seedDemoData(db.url, 5, 0.1, new Progress(process.stderr, true));
  // A portal file holds each initiative's last decision, not the decisions it superseded: without
  // those (the demo's re-decisions) the demo's figures are the ones its file can give.
  await db.dataSource.query(`DELETE FROM initiative_status_change h USING initiative i
    WHERE h.initiative_id = i.id AND h.status_id <> 1 AND h.changed_at IS DISTINCT FROM i.decided_at`);
  await db.dataSource.query(`TRUNCATE status_correction`);
  await db.dataSource.transaction((manager) => rebuildRollups(manager));
  bigFile = path.join(dir, "big.csv");
  rowsInBigFile = await writeDemoExport(db.url, bigFile);
  ctx = { requestId: "test", locale: "vi", role: "admin" };
  service = createTestEngine(db.dataSource, { dataVersionRecheckMs: 0, statementTimeoutMs: 60_000, answersKept: 0 });
  demoFigures = await figures();
  demoAnswers = await Promise.all(questions.map((q) => answer({ ...q, useRollups: false })));
});

afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("an import killed half-way leaves no trace", () => {
  for (const stage of [/reading: [2-8]0%/, /writing initiatives/, /rebuilding rollups/]) {
    it(`SIGKILL at ${stage.source}`, async () => {
      const before = await dataChecksum(db.url);
      const run = importCli([bigFile]);
      await run.waitFor(stage, 120_000);
      // tsx runs the script in a child node process: that one is the importer to kill.
      const importers = descendants(run.child.pid!);
      expect(importers.length).toBeGreaterThan(0);
      for (const pid of importers) process.kill(pid, "SIGKILL");
      await run.exited;
      for (const pid of importers) expect(isAlive(pid)).toBe(false);
      expect(await dataChecksum(db.url)).toBe(before);
      expect(
        await db.dataSource.query(`SELECT kind, initiative_count::int AS n FROM dataset WHERE is_current`),
      ).toEqual([{ kind: "demo", n: rowsInBigFile }]);
      expect(fs.readdirSync(dir)).toEqual(["big.csv"]);
    }, 180_000);
  }
});

describe("the killed import, run again", () => {
  it("completes, with exactly the file's figures; the rollups answer what the base table answers", async () => {
    const run = importCli([bigFile]);
    expect(await run.exited).toBe(0);
    const n = rowsInBigFile.toLocaleString("vi-VN");
    expect(run.output()).toContain(
      `${n} dòng / rows · mới / inserted ${n} · cập nhật / updated 0 · không đổi / unchanged 0 · lỗi / rejected 0`,
    );
    expect(run.output()).toMatch(/the synthetic demo data was replaced by the imported data/);
    expect(await figures()).toEqual(demoFigures);
    expect(demoFigures.rows).toBe(rowsInBigFile);
    // Titles and history went in batch by batch while the file was read: each initiative has its
    // title, and its history is pending at submission, then its decision.
    const [written] = await db.dataSource.query(`
      SELECT (SELECT count(*) FROM initiative i JOIN initiative_detail d ON d.initiative_id = i.id AND d.title LIKE 'Sáng kiến % số %')::int AS titled,
             (SELECT count(*) FROM initiative_status_change)::int AS changes,
             (SELECT count(*) FROM initiative i JOIN initiative_status_change h ON h.initiative_id = i.id
               AND ((h.status_id = 1 AND h.changed_at = i.submitted_at) OR (h.status_id = i.status_id AND h.changed_at = i.decided_at)))::int AS matching,
             (SELECT count(*) + count(decided_at) FROM initiative)::int AS expected`);
    expect(written).toEqual({
      titled: rowsInBigFile,
      changes: written.expected,
      matching: written.expected,
      expected: written.expected,
    });
    for (const [i, query] of questions.entries()) {
      const viaBase = await answer({ ...query, useRollups: false });
      expect(viaBase, `query ${i} on the base table`).toEqual(demoAnswers[i]);
      expect(await answer(query), `query ${i} via rollups`).toEqual(viaBase);
    }
    // The import built its rollups from the staged rows, beside the live ones: each table holds
    // exactly what a rebuild from the initiative table gives.
    const imported = await rollupContents();
    await db.dataSource
      .transaction(async (manager) => {
        await rebuildRollups(manager);
        expect(await rollupContents(manager)).toEqual(imported);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    // Stamped as built by this code, whichever session built them: a restart keeps them.
    expect(await rollupsMatchRegistry(db.dataSource)).toBe(true);
    // Built aside without autovacuum, the live rollups have it back.
    expect(
      await db.dataSource.query(
        `SELECT relname FROM pg_class WHERE relname LIKE 'rollup\\_%' AND reloptions IS NOT NULL`,
      ),
    ).toEqual([]);
    // Neither the killed imports' working tables nor this one's are left.
    expect(await db.dataSource.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'import\\_%'`)).toEqual([]);
  }, 180_000);

  it("once more, in-process: every row unchanged, nothing written", async () => {
    const checksum = await dataChecksum(db.url);
    const report = await importCsv(db.dataSource, bigFile);
    expect(report).toMatchObject({
      rows: rowsInBigFile,
      inserted: 0,
      updated: 0,
      unchanged: rowsInBigFile,
      rejected: 0,
      changed: false,
      replacedDemoData: false,
    });
    expect(await dataChecksum(db.url)).toBe(checksum);
    expect(await figures()).toEqual(demoFigures);
  }, 180_000);
});

describe("the command line", () => {
  it("imports a file, prints each bad row without personal data, and says what changed", async () => {
    const [unit] = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 1`);
    const file = path.join(dir, "small.csv");
    fs.writeFileSync(
      file,
      portalCsv([
        goodRow("CLI-1", unit.code),
        goodRow("CLI-2", unit.code, { "Tác giả": " ", "Mã tác giả": "MÃ-BÍ-MẬT" }),
        goodRow("CLI-3", unit.code, { "Ngày nộp": "hôm qua", "Tác giả": "Phạm Kín Đáo" }),
      ]),
    );
    const run = importCli([file, "--errors", path.join(dir, "bad-rows.csv")]);
    expect(await run.exited).toBe(0);
    const output = run.output();
    expect(output).toMatch(/dòng\/line 3, cột\/column "Tác giả": tên tác giả trống \/ the author's name is empty/);
    expect(output).toMatch(/dòng\/line 4, cột\/column "Ngày nộp" \["hôm qua"\]: .*not a date written dd\/mm\/yyyy/);
    expect(output).toMatch(
      /small\.csv: 3 dòng \/ rows · mới \/ inserted 1 · cập nhật \/ updated 0 · không đổi \/ unchanged 0 · lỗi \/ rejected 2/,
    );
    expect(output).toMatch(/Data version \d+; [\d.]+ sáng kiến/);
    expect(output).toContain(path.join(dir, "bad-rows.csv"));
    for (const secret of ["MÃ-BÍ-MẬT", "Phạm Kín Đáo", "Người Thử"]) expect(output).not.toContain(secret);
    expect(fs.readFileSync(path.join(dir, "bad-rows.csv"), "utf8")).not.toMatch(/MÃ-BÍ-MẬT|Phạm Kín Đáo/);
  });

  it("takes its limits from IMPORT_DATE_FROM, IMPORT_DATE_TO and IMPORT_MAX_BENEFIT_VND, and refuses a bad one before reading", async () => {
    const [unit] = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 1`);
    const file = path.join(dir, "limits.csv");
    fs.writeFileSync(
      file,
      portalCsv([
        goodRow("LIM-1", unit.code),
        goodRow("LIM-2", unit.code, { "Ngày nộp": "01/01/2099" }), // line 3
        goodRow("LIM-3", unit.code, { "Giá trị làm lợi (đồng)": "2.000.000.000" }), // 4
        goodRow("LIM-4", unit.code, { "Ngày nộp": "01/12/2021", "Ngày duyệt": "02/12/2021" }), // 5: before the portal opened
      ]),
    );
    const limits = {
      IMPORT_DATE_FROM: "2022-01-08",
      IMPORT_DATE_TO: "2023-12-31",
      IMPORT_MAX_BENEFIT_VND: "1000000000",
    };
    const run = runTs("server/src/db/import/import.cli.ts", [file, "--errors", path.join(dir, "limits-errors.csv")], {
      DATABASE_URL: db.url.toString(),
      ...limits,
    });
    expect(await run.exited).toBe(0);
    const outside =
      "the date is outside the programme's window 08/01/2022–31/12/2023 (IMPORT_DATE_FROM, IMPORT_DATE_TO)";
    expect(run.output()).toContain(
      `dòng/line 3, cột/column "Ngày nộp" ["01/01/2099"]: ngày ngoài khoảng 08/01/2022–31/12/2023 của chương trình / ${outside}`,
    );
    expect(run.output()).toContain(
      `dòng/line 4, cột/column "Giá trị làm lợi (đồng)" ["2.000.000.000"]: số tiền vượt mức trần 1.000.000.000 đồng / the amount is above the ceiling of 1,000,000,000 đồng (IMPORT_MAX_BENEFIT_VND)`,
    );
    expect(run.output()).toContain(`dòng/line 5, cột/column "Ngày nộp" ["01/12/2021"]: ngày ngoài khoảng`);
    expect(run.output()).toMatch(/limits\.csv: 4 dòng \/ rows · mới \/ inserted 1 · .* lỗi \/ rejected 3/);

    const bad = runTs("server/src/db/import/import.cli.ts", [file], {
      DATABASE_URL: db.url.toString(),
      IMPORT_MAX_BENEFIT_VND: "33 nghìn tỷ",
    });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(
      /configuration error: IMPORT_MAX_BENEFIT_VND="33 nghìn tỷ" is not valid: expected a whole number from 0 to 9007199254740991/,
    );
    expect(fs.existsSync(path.join(dir, "limits.errors.csv"))).toBe(false);
  });

  it("fails with one line and status 1 when the file cannot be imported", async () => {
    const file = path.join(dir, "headers.csv");
    fs.writeFileSync(file, "Mã sáng kiến,Tên sáng kiến\nX,Y\n");
    for (const [args, message] of [
      [[file], /import failed, nothing changed: thiếu cột \/ missing columns: "Lĩnh vực"/],
      [[path.join(dir, "nowhere.csv")], /cannot read the file .*nowhere\.csv/],
      [[], /name the CSV file to import\nusage: npm run import/],
    ] as const) {
      const run = importCli([...args]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(message);
      expect(run.output()).not.toMatch(/\n\s+at /);
    }
  });
});
