import type { TableData } from "@/charts/define-chart";
// One CSV writer for everything the product writes (BOM, RFC 4180, formula injection neutralised).
import { CSV_BOM, csvCell, csvLine } from "../../../server/src/common/csv";

export { CSV_BOM, csvCell };

/**
 * The table as CSV with the source line at the end (a journalist who forwards the file forwards
 * the citation). Numbers are written raw (696948, 0.546) so spreadsheets can compute with them.
 */
export function toCsv(table: TableData, citation: string): string {
  return (
    CSV_BOM + [table.columns.map((c) => c.label), ...table.rows, [], [citation]].map((cells) => csvLine(cells)).join("")
  );
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
