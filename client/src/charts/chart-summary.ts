import { formatDate } from "@/format/date-format";
import { formatMeasure, formatShare } from "@/format/number-format";
import type { Cell, ChartContext, TableColumn, TableData } from "./define-chart";

/** Rows read out in full; a longer table (a daily series) is read as its first, last and highest rows. */
const READ_IN_FULL = 12;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function cellText(cell: Cell, column: TableColumn, ctx: ChartContext): string {
  if (typeof cell === "string") return ISO_DATE.test(cell) ? formatDate(cell, ctx.locale) : cell;
  if (column.unit === "share") return formatShare(cell, ctx.locale);
  return formatMeasure(cell, column.unit ?? "count", ctx.locale);
}

function rowText(row: Cell[], columns: TableColumn[], ctx: ChartContext): string {
  const [head, ...rest] = columns.map((column, i) => ({ column, text: cellText(row[i] ?? null, column, ctx) }));
  return `${head!.text}: ${rest.map((r) => `${r.column.label} ${r.text}`).join(", ")}`;
}

/**
 * What a chart shows, in words of the page's language with its figures formatted as on screen
 * (696.948; 54,6%; 31/5/2022): the chart's accessible description and its text summary, written
 * from the same table the reader can open or download. ECharts' own description would be English
 * with raw numbers ("This is a chart with type Pie chart…").
 */
export function describeChart(title: string, table: TableData, ctx: ChartContext): string {
  const { columns, rows } = table;
  if (!rows.length || columns.length < 2) return `${title}. ${ctx.t("charts.empty")}`;
  if (rows.length <= READ_IN_FULL) return `${title}. ${rows.map((row) => rowText(row, columns, ctx)).join("; ")}.`;
  const last = columns.length - 1;
  const highest = rows.reduce((best, row) =>
    Number(row[last] ?? -Infinity) > Number(best[last] ?? -Infinity) ? row : best,
  );
  return (
    `${title}. ${ctx.t("charts.summaryRows", { n: rows.length })} ${ctx.t("charts.summaryFirst")} ${rowText(rows[0]!, columns, ctx)}; ` +
    `${ctx.t("charts.summaryLast")} ${rowText(rows.at(-1)!, columns, ctx)}; ${ctx.t("charts.summaryHighest", { column: columns[last]!.label })} ${rowText(highest, columns, ctx)}.`
  );
}
