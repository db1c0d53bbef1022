/**
 * What an import did, for the command line and (later) the admin upload endpoint.
 * Nothing here holds personal data: errors in author columns carry no value.
 */

/** One bad cell (or a whole bad row): its row is not loaded. */
export interface RowError {
  /** Line of the file where the row starts; the header is line 1. */
  line: number;
  /** The column as the file names it, or "(cả dòng / whole row)". */
  column: string;
  /** Why, in Vietnamese / English. */
  reason: string;
  /** The cell as written (at most 200 characters); null for personal columns and whole-row errors. */
  value: string | null;
  /** The column holds personal data (author name, member code): its value is withheld everywhere. */
  personal: boolean;
  /** The row's portal code as written, to find the row in the portal; null when empty. */
  portalCode: string | null;
}

export interface ImportReport {
  /** The file name (or the name given for a stream). */
  source: string;
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows whose portal code was new: added. */
  inserted: number;
  /** Rows whose record differed: updated, a status change appended to the history. */
  updated: number;
  /** Rows identical to what is stored: nothing written. */
  unchanged: number;
  /** Bad rows, not loaded; each has at least one entry in `errors`. */
  rejected: number;
  /** Every bad cell, ordered by line. */
  errors: RowError[];
  /** Where the errors were written as CSV; null when there were none or no path was given for a stream. */
  errorFile: string | null;
  /** True when this import replaced the synthetic demo data (the first import does). */
  replacedDemoData: boolean;
  /** Whether the database changed; when false the data version is the previous one. */
  changed: boolean;
  /** The current data version after the import (caches and ETags follow it). */
  dataVersion: string | null;
  /** Initiatives in the database after the import. */
  initiativeCount: number;
  /** Headers the import does not use (ignored). */
  ignoredColumns: string[];
  seconds: number;
}

/** Stages of an import, in order, for a progress display. */
export type ImportStage = "read" | "write" | "rollups";

export interface ImportProgress {
  stage: ImportStage;
  /** Bytes read so far and the total when known (a file's size), during "read". */
  bytesRead: number;
  totalBytes: number | null;
  rowsRead: number;
}

/** One line per bad cell, as the command line prints them. */
export function formatError(e: RowError): string {
  const value = e.value === null ? "" : ` [${JSON.stringify(e.value)}]`;
  return `dòng/line ${e.line}, cột/column "${e.column}"${value}: ${e.reason}`;
}

/** The summary the command line prints after the errors. */
export function formatSummary(r: ImportReport): string[] {
  const n = (x: number) => x.toLocaleString("vi-VN");
  const lines = [
    `${r.source}: ${n(r.rows)} dòng / rows · mới / inserted ${n(r.inserted)} · cập nhật / updated ${n(r.updated)} · ` +
      `không đổi / unchanged ${n(r.unchanged)} · lỗi / rejected ${n(r.rejected)} · ${r.seconds.toFixed(1)} s`,
  ];
  if (r.ignoredColumns.length > 0)
    lines.push(`Bỏ qua cột / ignored columns: ${r.ignoredColumns.map((c) => `"${c}"`).join(", ")}`);
  if (r.replacedDemoData)
    lines.push(
      "Dữ liệu mẫu tổng hợp đã được thay bằng dữ liệu nhập / the synthetic demo data was replaced by the imported data",
    );
  lines.push(
    r.changed
      ? `Data version ${r.dataVersion}; ${n(r.initiativeCount)} sáng kiến / initiatives`
      : `Không có thay đổi / nothing changed (data version ${r.dataVersion ?? "none"})`,
  );
  if (r.errorFile) lines.push(`Các dòng lỗi / rejected rows: ${r.errorFile}`);
  return lines;
}
