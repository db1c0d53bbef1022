import type { Cell, TableColumn, TableData } from "@/charts/define-chart";

/**
 * The columns of a downloaded table: each header says its unit ("Giá trị làm lợi (đồng)", "Tỷ trọng (%)"),
 * and every percentage is on one scale, 0–100 — shares (0–1 on screen) are multiplied by 100, so a file
 * never holds 86.23 beside 0.539. Every download (CSV, XLSX, metadata) reads its columns from here.
 */
export interface ExportColumn {
  key: string;
  /** The header, with its unit. */
  header: string;
  /** The column's label without the unit (metadata's description). */
  label: string;
  /** "count", "vnd", "percent", "ratio", or undefined for text. */
  unit?: string;
  /** The cell as written: a share becomes a percentage. */
  value(cell: Cell): Cell;
}

export type Translate = (key: string, named?: Record<string, unknown>) => string;

/** What each unit adds to a header (nothing for counts and ratios: their label says what they count). */
const SUFFIX: Record<string, string> = { vnd: "units.vnd", percent: "units.percent", share: "units.percent" };

/** 0.1234 × 100 without binary noise (12.340000000000002): round to 12 significant digits. */
const percentOf = (share: number) => Number((share * 100).toPrecision(12));

export function exportColumns(table: TableData, t: Translate): ExportColumn[] {
  return table.columns.map((column: TableColumn) => {
    const suffix = column.unit ? SUFFIX[column.unit] : undefined;
    const share = column.unit === "share";
    return {
      key: column.key,
      label: column.label,
      header: suffix && !column.label.includes("(") ? `${column.label} (${t(suffix)})` : column.label,
      unit: share ? "percent" : column.unit,
      value: (cell) => (share && typeof cell === "number" ? percentOf(cell) : cell),
    };
  });
}

/** The table's rows as they are written, column by column. */
export function exportRows(table: TableData, columns: ExportColumn[]): Cell[][] {
  return table.rows.map((row) => row.map((cell, i) => columns[i]!.value(cell)));
}
