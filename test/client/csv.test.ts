import { describe, expect, it } from "vitest";
import { CSV_BOM as BOM, csvCell as csvField, fileNameOf, toCsv } from "@/export/csv";

describe("CSV downloads", () => {
  it("start with a BOM, quote per RFC 4180 and keep numbers as numbers", () => {
    const csv = toCsv(
      {
        columns: [
          { key: "name", label: "Tên, đơn vị" },
          { key: "n", label: "Lượt nộp", unit: "count" },
          { key: "s", label: "Tỷ trọng", unit: "share" },
        ],
        rows: [
          ['LĐLĐ "Thanh Hóa"', 170263, 0.546],
          ["Dòng\nhai", null, 0],
        ],
      },
      "Nguồn: X · Số liệu tính đến 24h ngày 31/5/2022",
    );
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe('"Tên, đơn vị",Lượt nộp,Tỷ trọng');
    expect(lines[1]).toBe('"LĐLĐ ""Thanh Hóa""",170263,0.546');
    // A line break inside a quoted field is kept as it is (records end with CRLF).
    expect(lines[2]).toBe('"Dòng\nhai",,0');
    expect(lines[3]).toBe("");
    expect(lines[4]).toBe("Nguồn: X · Số liệu tính đến 24h ngày 31/5/2022");
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
      toCsv({ columns: [{ key: "name", label: "Đơn vị" }], rows: [["\0=cmd|' /C calc'!A0"]] }, "Nguồn: X").split(
        "\r\n",
      )[1],
    ).toBe("'\0=cmd|' /C calc'!A0");
  });

  it("names files after the chart and its date", () => {
    expect(fileNameOf("workerShares", "2022-05-31", "csv")).toBe("worker-shares-2022-05-31.csv");
  });
});
