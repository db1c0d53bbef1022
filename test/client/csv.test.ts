import { describe, expect, it } from "vitest";
import { CSV_BOM as BOM, csvCell as csvField, toCsv } from "@/export/csv";
import { contextFor } from "./charts/fixtures";
import { parseCsv } from "../e2e/parse-csv";

const { t } = contextFor();
const TABLE = {
  columns: [
    { key: "name", label: "Tên, đơn vị" },
    { key: "n", label: "Lượt nộp", unit: "count" as const },
    { key: "r", label: "Tỷ lệ hợp lệ", unit: "percent" as const },
    { key: "s", label: "Tỷ trọng", unit: "share" as const },
    { key: "b", label: "Giá trị làm lợi", unit: "vnd" as const },
  ],
  rows: [
    ['LĐLĐ "Thanh Hóa"; tỉnh', 170263, 86.23, 0.539, 584_200_000_000],
    ["Dòng\nhai", null, 0, 0.1234, 1.5],
  ],
};

describe("CSV downloads", () => {
  it("start with a BOM, quote per RFC 4180, keep numbers as numbers, and hold nothing but the table", () => {
    const csv = toCsv(TABLE, t);
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    // Units in the headers; every percentage on one scale, 0–100.
    expect(lines[0]).toBe('"Tên, đơn vị",Lượt nộp,Tỷ lệ hợp lệ (%),Tỷ trọng (%),Giá trị làm lợi (đồng)');
    expect(lines[1]).toBe('"LĐLĐ ""Thanh Hóa""; tỉnh",170263,86.23,53.9,584200000000');
    // A line break inside a quoted field is kept as it is (records end with CRLF).
    expect(lines[2]).toBe('"Dòng\nhai",,0,12.34,1.5');
    // No citation line: it is in the .metadata.json beside the file, so pandas and R read the file as a table.
    expect(lines.slice(3)).toEqual([""]);
    expect(parseCsv(csv.slice(1)).filter((r) => r.some(Boolean))).toHaveLength(3);
  });

  it("in the Vietnamese-Excel dialect: semicolons and decimal commas", () => {
    const lines = toCsv(TABLE, t, "vietnamese").slice(1).split("\r\n");
    expect(lines[0]).toBe('"Tên, đơn vị";Lượt nộp;Tỷ lệ hợp lệ (%);Tỷ trọng (%);Giá trị làm lợi (đồng)');
    expect(lines[1]).toBe('"LĐLĐ ""Thanh Hóa""; tỉnh";170263;86,23;53,9;584200000000');
    expect(lines[2]).toBe('"Dòng\nhai";;0;12,34;1,5');
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+84 912")).toBe("'+84 912");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField(-5)).toBe("-5");
    // Behind control characters or spaces a spreadsheet may skip.
    expect(csvField("\0=cmd|' /C calc'!A0")).toBe("'\0=cmd|' /C calc'!A0");
    expect(csvField("\u0007@SUM(A1)")).toBe("'\u0007@SUM(A1)");
    expect(csvField(" =1+1")).toBe("' =1+1");
    expect(
      toCsv({ columns: [{ key: "name", label: "Đơn vị" }], rows: [["\0=cmd|' /C calc'!A0"]] }, t).split("\r\n")[1],
    ).toBe("'\0=cmd|' /C calc'!A0");
  });
});
