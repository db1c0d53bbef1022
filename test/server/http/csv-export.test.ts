import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../../server/src/common/csv";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createToken } from "../../../server/src/auth/token.service";
import { parseCsv } from "../../e2e/parse-csv";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("csv_export");
  await seedDemoData(db.url, 4, 0.005, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const exportOf = (query: object | string, headers: Record<string, string> = {}, locale = "vi") =>
  fetch(
    `${server.base}/export.csv?locale=${locale}&query=${encodeURIComponent(typeof query === "string" ? query : JSON.stringify(query))}`,
    { headers },
  );

describe("CSV export of any analytics answer", () => {
  it("writes UTF-8 with BOM, codes and labels, raw numbers, shares, and the citation", async () => {
    const response = await exportOf({
      measures: ["submissions", "benefitVnd"],
      dimensions: ["workerCategory"],
      share: ["submissions"],
      asOf: "2022-05-31",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("analytics-2022-05-31.csv");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString("utf8")).filter((r) => r.some(Boolean));
    // Units in the headers; shares on the 0–100 scale of every percentage.
    expect(records[0]).toEqual(["Khối (mã)", "Khối", "Lượt nộp", "Lượt nộp (tỷ trọng, %)", "Giá trị làm lợi (đồng)"]);
    expect(records.slice(1, -1).reduce((sum, r) => sum + Number(r[3]), 0)).toBeCloseTo(100, 8);
    const api = (
      await server.graphql(
        `{ analytics(query: { measures: [submissions], dimensions: [workerCategory], asOf: "2022-05-31" }) { rows { dimensions { code } values { value } } } }`,
      )
    ).data.analytics.rows;
    expect(records.slice(1, -1).map((r) => [r[0], Number(r[2])])).toEqual(
      api.map((r: any) => [r.dimensions[0].code, r.values[0].value]),
    );
    expect(records.at(-1)![0]).toMatch(
      /^Nguồn: .*\(dữ liệu mẫu tổng hợp\) · Số liệu tính đến 24h ngày 31\/5\/2022 · phiên bản dữ liệu \S+ \(dữ liệu trực tiếp, chưa phát hành\)$/,
    );
  });

  it("a compared question adds compared, difference and change columns, equal to the API's figures", async () => {
    const question = {
      measures: ["submissions"],
      dimensions: ["region"],
      asOf: "2022-05-31",
      derived: [{ name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid" }],
      compare: { to: "PREVIOUS_PERIOD", days: 28 },
    };
    const response = await exportOf(question, {}, "en");
    expect(response.status).toBe(200);
    const records = parseCsv((await response.text()).replace(/^\uFEFF/, "")).filter((r) => r.some(Boolean));
    expect(records[0]!.slice(2, 6)).toEqual([
      "Submissions",
      "Submissions (compared)",
      "Submissions (difference)",
      "Submissions (change, %)",
    ]);
    expect(records[0]!.slice(6)).toEqual([
      "perValid",
      "perValid (compared)",
      "perValid (difference)",
      "perValid (change, %)",
    ]);
    const api = (
      await server.graphql(
        `query($q: AnalyticsQueryInput!) { analytics(query: $q) {
        rows { values { value compared difference percentChange } } } }`,
        { q: question },
      )
    ).data.analytics.rows;
    const cell = (v: number | null) => (v === null ? "" : String(v));
    expect(records.slice(1, -1).map((r) => r.slice(2))).toEqual(
      // The change is a fraction in the API and a percentage in the file (one scale for percentages).
      api.map((r: any) =>
        r.values.flatMap((v: any) =>
          [
            v.value,
            v.compared,
            v.difference,
            v.percentChange === null ? null : Number((v.percentChange * 100).toPrecision(12)),
          ].map(cell),
        ),
      ),
    );
    expect(records.at(-1)![0]).toMatch(
      /figures as of 24h on 31\/5\/2022, compared with 24h on 3\/5\/2022 · data version/,
    );
  });

  it("with citation=0, a plain table pandas reads; with metadata=1, the same answer's .metadata.json", async () => {
    const question = { measures: ["submissions", "validRate"], dimensions: ["workerCategory"], share: ["submissions"] };
    const plain = await (
      await fetch(`${server.base}/export.csv?citation=0&query=${encodeURIComponent(JSON.stringify(question))}`)
    ).text();
    // Nothing after the last row: every record is a row of the table, as wide as its header.
    expect(plain).not.toMatch(/\r\n\r\n/);
    const table = parseCsv(plain.replace(/^\uFEFF/, ""));
    expect(table[0]).toEqual(["Khối (mã)", "Khối", "Lượt nộp", "Lượt nộp (tỷ trọng, %)", "Tỷ lệ hợp lệ (%)"]);
    expect(table.length).toBe(5);
    for (const row of table) expect(row).toHaveLength(5);
    const python = process.env.PANDAS_PYTHON;
    if (python) {
      // pandas itself, where the machine has it (PANDAS_PYTHON=/path/to/python with pandas installed).
      const { execFileSync } = await import("node:child_process");
      const shape = execFileSync(python, ["-c", "import sys, pandas; print(pandas.read_csv(sys.stdin).shape)"], {
        input: plain,
      }).toString();
      expect(shape.trim()).toBe("(4, 5)");
    }
    const metadata = await (
      await fetch(`${server.base}/export.csv?metadata=1&query=${encodeURIComponent(JSON.stringify(question))}`)
    ).json();
    expect(metadata).toMatchObject({ release: null, synthetic: true, filters: [] });
    expect(metadata.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(metadata.dataVersion).toBeTruthy();
    expect(metadata.citation).toContain("Số liệu tính đến 24h ngày");
    expect(metadata.columns.map((c: { label: string }) => c.label)).toEqual(table[0]);
    // The permalink pins the effective as-of date: it answers the same figures after any later import.
    const permalink = new URL(metadata.permalink);
    expect(permalink.pathname).toBe("/export.csv");
    expect(JSON.parse(permalink.searchParams.get("query")!).asOf).toBe(metadata.asOf);
    const again = await (await fetch(`${metadata.permalink}&citation=0`)).text();
    expect(again).toBe(plain);
  });

  it("says what is wrong with a bad question, before running any SQL", async () => {
    const notJson = await exportOf("{measures:");
    // JSON with a code, as on /graphql: a script reads errors[0].extensions.code on every route.
    const refusal = async (response: Response) =>
      (await response.json()) as {
        errors: Array<{ message: string; extensions: { code: string; requestId: string } }>;
      };
    expect(notJson.status).toBe(400);
    expect((await refusal(notJson)).errors[0]).toMatchObject({
      message: expect.stringContaining("JSON"),
      extensions: { code: "BAD_USER_INPUT" },
    });
    const unknown = await exportOf({ measures: ["likes"] });
    expect(unknown.status).toBe(400);
    expect((await refusal(unknown)).errors[0]).toMatchObject({
      message: expect.stringMatching(/likes/),
      extensions: { code: "BAD_USER_INPUT" },
    });
    const tooMany = await exportOf({ measures: ["submissions"], limit: 20000 });
    expect(tooMany.status).toBe(400);
    const limitError = (await refusal(tooMany)).errors[0]!;
    expect(limitError).toMatchObject({
      message: expect.stringContaining("limit"),
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(limitError.extensions.requestId).toBeTruthy();
  });

  it("withholds small grassroots cells from the public, not from leadership", async () => {
    const [parent] = await db.dataSource.query(
      `SELECT p.code FROM unit p JOIN unit g ON g.parent_id = p.id AND g.tier = 3 JOIN initiative i ON i.grassroots_unit_id = g.id
        WHERE p.tier = 2 GROUP BY p.code, g.id HAVING count(*) < 5 ORDER BY p.code LIMIT 1`,
    );
    const query = { measures: ["submissions"], dimensions: ["unit"], parentUnit: parent.code };
    const open = parseCsv(
      await (
        await exportOf(query, {
          authorization: `Bearer ${(await createToken(db.dataSource, "leadership", "x")).token}`,
        })
      ).text(),
    );
    const hidden = parseCsv(await (await exportOf(query)).text());
    expect(hidden[0]!.at(-1)).toBe("Ẩn số liệu");
    const withheld = hidden.slice(1).filter((r) => r.at(-1) === "SMALL_CELL");
    expect(withheld.length).toBeGreaterThan(0);
    for (const row of withheld) expect(row[2]).toBe("");
    expect(open[0]).not.toContain("Ẩn số liệu");
  });
});

describe("CSV cells", () => {
  it("quote per RFC 4180 and neutralise formulas", () => {
    expect(csvLine(["a,b", 'say "hi"', 12.5, null, "=1+1", "-3", "@x", "\tx"])).toBe(
      '"a,b","say ""hi""",12.5,,\'=1+1,\'-3,\'@x,\'\tx\r\n',
    );
    expect(csvCell(-3)).toBe("-3");
  });
});
