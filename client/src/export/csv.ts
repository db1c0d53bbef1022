import type { Cell, TableData } from "@/charts/define-chart";

/** Excel reads UTF-8 (and so Vietnamese) only when the file starts with a byte-order mark. */
export const BOM = "\uFEFF";

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / carriage return) as a formula:
 * such text gets a leading apostrophe. Numbers stay numbers.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV with the source line at the end (a journalist who forwards the file forwards
 * the citation). Numbers are written raw (696948, 0.546) so spreadsheets can compute with them.
 */
export function toCsv(table: TableData, citation: string): string {
  const lines = [table.columns.map((c) => csvField(c.label)), ...table.rows.map((row) => row.map(csvField))].map((fields) => fields.join(","));
  lines.push("", csvField(citation));
  return BOM + lines.join("\r\n") + "\r\n";
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

/** "cumulative-2022-05-31.csv": the chart and the date it is as of. */
export function fileNameOf(chartId: string, asOfDate: string, extension: string): string {
  const slug = chartId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${slug}-${asOfDate}.${extension}`;
}
