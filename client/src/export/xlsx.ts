import type { TableData } from "@/charts/define-chart";
import { exportColumns, exportRows, type Translate } from "./export-columns";
import type { FigureIdentity } from "./figure-identity";
import { toMetadata } from "./metadata";

/**
 * Excel number formats written the Vietnamese way by a Vietnamese Excel and the English way by an
 * English one: a format code names the grouping and decimal marks abstractly ("#,##0" shows 696.948
 * in vi-VN), so the cells stay numbers and each reader sees their own convention.
 */
const FORMATS: Record<string, string> = { count: "#,##0", vnd: "#,##0", percent: "0.00", ratio: "#,##0.0" };

/**
 * The table as an .xlsx: the figures on one sheet (header with units, numbers as numbers with
 * their format), and the citation and metadata on a sheet of their own. exceljs is large (~250 kB
 * gzip) and only this download needs it, so it is imported here, when the reader asks for a file.
 */
export async function toXlsx(table: TableData, identity: FigureIdentity, t: Translate): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = identity.source;
  workbook.title = identity.title;
  const columns = exportColumns(table, t);
  const data = workbook.addWorksheet(t("exports.sheetData"), { views: [{ state: "frozen", ySplit: 1 }] });
  data.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(48, Math.max(10, c.header.length + 2)),
    style: c.unit && FORMATS[c.unit] ? { numFmt: FORMATS[c.unit] } : {},
  }));
  data.getRow(1).font = { bold: true };
  data.addRows(exportRows(table, columns));
  const metadata = toMetadata(table, identity, t);
  const citation = workbook.addWorksheet(t("exports.sheetCitation"));
  citation.columns = [{ width: 24 }, { width: 100 }];
  const rows: Array<[string, string]> = [
    [t("identity.sourceLabel"), metadata.citation],
    ["title", metadata.title],
    [t("identity.unit"), metadata.unit ? `${metadata.unit.name} (${metadata.unit.code})` : ""],
    [t("identity.filters"), metadata.filters.join("; ") || t("identity.noFilters")],
    ["asOf", metadata.asOfText],
    ["release", identity.versionText],
    ["dataVersion", metadata.dataVersion ?? ""],
    [t("identity.permalink"), metadata.permalink],
    ["source", metadata.source],
    ["licence", metadata.licence],
    ["synthetic", String(metadata.synthetic)],
    ...metadata.columns.map((c): [string, string] => [c.label, c.description]),
  ];
  citation.addRows(rows);
  citation.getColumn(1).font = { bold: true };
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}
