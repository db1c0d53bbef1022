import type { TableData } from "@/charts/define-chart";
// One CSV writer for everything the product writes (BOM, RFC 4180, formula injection neutralised).
import { CSV_BOM, csvCell } from "../../../server/src/common/csv";
import { exportColumns, exportRows, type Translate } from "./export-columns";

export { CSV_BOM, csvCell };

/**
 * Two dialects: the international one (",", "." decimals: pandas, R, Google Sheets, an English Excel)
 * and the one a Vietnamese-locale Excel splits into columns when opened (";", "," decimals).
 */
export type CsvDialect = "international" | "vietnamese";

function cell(value: string | number | null, dialect: CsvDialect): string {
  if (dialect === "international" || typeof value !== "number") {
    const text = csvCell(value);
    // The Vietnamese dialect separates with ";", so a cell holding one is quoted like one holding a comma.
    return dialect === "vietnamese" && text.includes(";") && !text.startsWith('"') ? `"${text}"` : text;
  }
  return Number.isFinite(value) ? String(value).replace(".", ",") : "";
}

/**
 * The table as CSV: a header with units, then the rows, numbers raw (696948, 54.6) so spreadsheets
 * compute with them, and nothing else — the citation and the rest of the metadata travel in the
 * `.metadata.json` beside it (and in the XLSX's citation sheet), so pandas and R read the file as it is.
 */
export function toCsv(table: TableData, t: Translate, dialect: CsvDialect = "international"): string {
  const separator = dialect === "vietnamese" ? ";" : ",";
  const columns = exportColumns(table, t);
  const lines = [columns.map((c) => c.header), ...exportRows(table, columns)];
  return CSV_BOM + lines.map((cells) => `${cells.map((c) => cell(c, dialect)).join(separator)}\r\n`).join("");
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
