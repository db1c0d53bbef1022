import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { figureIdentity, permalinkOf, slugOf } from "@/export/figure-identity";
import { toMetadata } from "@/export/metadata";
import { toXlsx } from "@/export/xlsx";
import { contextFor } from "./charts/fixtures";

const LABELS = { "workerCategory|ENTERPRISE": "Doanh nghiệp" };

function identityFor(query: Record<string, string>, extra: Partial<Parameters<typeof figureIdentity>[0]> = {}) {
  const ctx = contextFor(query, LABELS);
  return figureIdentity({
    locale: ctx.locale,
    t: ctx.t,
    label: (d, c) => ctx.label(d, c),
    state: ctx.state,
    chartId: "unitTrend",
    chartTitle: ctx.t("charts.unitTrend"),
    asOfDate: "2023-08-31",
    dataVersion: "7",
    synthetic: true,
    pageUrl: "https://sangkien.example/don-vi/L38",
    ...extra,
  });
}

const TABLE = {
  columns: [
    { key: "month", label: "Tháng" },
    { key: "submissions", label: "Lượt nộp", unit: "count" as const },
    { key: "share", label: "Tỷ trọng", unit: "share" as const },
    { key: "benefitVnd", label: "Giá trị làm lợi", unit: "vnd" as const },
  ],
  rows: [
    ["2023-07", 12345, 0.25, 1_500_000_000],
    ["2023-08", 23456, 0.75, 2_250_000_000],
  ],
};

describe("a figure's identity", () => {
  it("names the unit, every filter in words, the as-of date and the release, in the title, citation and file name", () => {
    const id = identityFor(
      { phase: "2", category: "ENTERPRISE", release: "2023-10-06.1" },
      { unit: { code: "L38", name: "Liên đoàn Lao động tỉnh Thanh Hóa" } },
    );
    expect(id.title).toBe("Liên đoàn Lao động tỉnh Thanh Hóa · Diễn biến theo tháng");
    expect(id.filters).toEqual(["Giai đoạn 2", "Khối: Doanh nghiệp"]);
    expect(id.filtersText).toBe("Bộ lọc: Giai đoạn 2; Khối: Doanh nghiệp");
    expect(id.asOfText).toBe("Số liệu tính đến 24h ngày 31/8/2023");
    expect(id.citation).toBe(
      "Nguồn: Tổng LĐLĐ Việt Nam, Cổng sáng kiến (dữ liệu mẫu tổng hợp) · Số liệu tính đến 24h ngày 31/8/2023 · bản phát hành 2023-10-06.1",
    );
    expect(id.fileBase).toBe("thanh-hoa-dien-bien-theo-thang-giai-doan-2-khoi-doanh-nghiep-2023-08-31-r2023-10-06-1");
  });

  it("labels live data with its data version, not a bare number", () => {
    expect(identityFor({}).versionText).toBe("phiên bản dữ liệu 7 (dữ liệu trực tiếp, chưa phát hành)");
    expect(identityFor({}).filtersText).toBe("Không lọc (toàn bộ)");
    expect(identityFor({}).fileBase).toBe("dien-bien-theo-thang-2023-08-31");
  });

  it("pins the effective as-of date and the release in the permalink, even at the default", () => {
    const url = new URL(identityFor({ phase: "2" }, { releaseId: "2023-10-06.1" }).permalink);
    expect(url.pathname).toBe("/don-vi/L38");
    expect(url.searchParams.get("asOf")).toBe("2023-08-31");
    expect(url.searchParams.get("release")).toBe("2023-10-06.1");
    expect(url.searchParams.get("phase")).toBe("2");
    expect(url.hash).toBe("#unitTrend");
    const live = permalinkOf(
      { state: contextFor({ phase: "2" }).state, pageUrl: "https://x.example/", asOfDate: "2023-08-31" },
      { embed: "unitTrend", pinned: false },
    );
    expect(live).toBe("https://x.example/?phase=2&embed=unitTrend");
  });

  it("slugs Vietnamese without its marks", () => {
    expect(slugOf("LĐLĐ Thanh Hóa · Diễn biến")).toBe("ldld-thanh-hoa-dien-bien");
  });
});

describe("metadata beside a CSV", () => {
  it("holds the title, unit, filters, as-of, release, data version, permalink, source, licence, synthetic flag and columns", () => {
    const id = identityFor(
      { phase: "2" },
      { unit: { code: "L38", name: "LĐLĐ Thanh Hóa" }, releaseId: "2023-10-06.1" },
    );
    const meta = toMetadata(TABLE, id, contextFor().t);
    expect(meta).toMatchObject({
      title: "LĐLĐ Thanh Hóa · Diễn biến theo tháng",
      unit: { code: "L38", name: "LĐLĐ Thanh Hóa" },
      filters: ["Giai đoạn 2"],
      asOf: "2023-08-31",
      release: "2023-10-06.1",
      dataVersion: "7",
      synthetic: true,
    });
    expect(meta.permalink).toContain("release=2023-10-06.1");
    expect(meta.citation).toContain(meta.permalink);
    expect(meta.licence).toMatch(/MIT/);
    expect(meta.columns.map((c) => [c.name, c.label, c.unit])).toEqual([
      ["month", "Tháng", null],
      ["submissions", "Lượt nộp", "count"],
      ["share", "Tỷ trọng (%)", "percent"],
      ["benefitVnd", "Giá trị làm lợi (đồng)", "vnd"],
    ]);
  });
});

describe("the XLSX download", () => {
  it("reads back with exceljs: numbers as numbers with formats, shares as percentages, the citation on its own sheet", async () => {
    const ctx = contextFor();
    const id = identityFor({ phase: "2" }, { releaseId: "2023-10-06.1" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await toXlsx(TABLE, id, ctx.t));
    const [data, citation] = workbook.worksheets;
    expect(data!.name).toBe("Số liệu");
    expect(data!.getRow(1).values).toEqual([undefined, "Tháng", "Lượt nộp", "Tỷ trọng (%)", "Giá trị làm lợi (đồng)"]);
    expect(data!.getRow(2).values).toEqual([undefined, "2023-07", 12345, 25, 1_500_000_000]);
    expect(data!.getCell("B2").numFmt).toBe("#,##0");
    expect(data!.getCell("C3").value).toBe(75);
    expect(citation!.name).toBe("Trích dẫn");
    const text = citation!.getSheetValues().flat().join("\n");
    expect(text).toContain(id.citation);
    expect(text).toContain("release=2023-10-06.1");
    expect(text).toContain("Giai đoạn 2");
  });
});
