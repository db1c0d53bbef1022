import { formatBucket } from "@/format/bucket-format";
import type { AnalyticsQueryResult } from "@/graphql/result-types";
import { analyticsField } from "../common-fields";
import { defineChart, type TableColumn } from "../define-chart";
import { analyticsInput } from "./explorer-input";
import { explorerHeight, explorerHeightBefore, explorerOption, memberLabel } from "./explorer-option";
import { activeFilters, allMeasures, isComparing, parseExplorer } from "./explorer-query";
import { figureOf } from "./pivot";
import { answerMeasures, measureLabel, questionTitle, unitOf } from "./measure-labels";

export interface ExplorerData {
  explorer: AnalyticsQueryResult;
}

/** The comparison's figures, each a column of the table when the question compares. */
const COMPARED = [
  { figure: "compared", key: "explorer.compared" },
  { figure: "difference", key: "explorer.difference" },
  { figure: "percentChange", key: "explorer.percentChange" },
] as const;

/** The Explorer's answer as a chart (one small multiple per measure) and as a table. */
export const explorerChart = defineChart<ExplorerData>({
  id: "explorer",
  titleKey: "explorer.result",
  title: (input, ctx) => questionTitle(parseExplorer(input.state.options), ctx),
  height: (data, ctx) => explorerHeight(data.explorer, parseExplorer(ctx.state.options), ctx),
  heightBeforeData: (ctx) => explorerHeightBefore(allMeasures(parseExplorer(ctx.state.options)).length),
  fields: (input) => {
    const query = parseExplorer(input.state.options);
    return [analyticsField("explorer", analyticsInput(query), input, activeFilters(query))];
  },
  isEmpty: (data) => data.explorer.rows.length === 0,
  toOption: (data, ctx) => explorerOption(data.explorer, parseExplorer(ctx.state.options), ctx),
  toTable(data, ctx) {
    const query = parseExplorer(ctx.state.options);
    const answer = data.explorer;
    const rows = answer.rows;
    const hasTime = rows.some((r) => r.time);
    const columns: TableColumn[] = hasTime ? [{ key: "time", label: ctx.t("explorer.period") }] : [];
    for (const d of answer.columns.filter((c) => c.kind === "dimension"))
      columns.push(
        { key: `${d.name}Code`, label: `${d.label} (${ctx.t("table.code")})` },
        { key: d.name, label: d.label },
      );
    const shared = new Set<string>(rows.flatMap((r) => r.values.filter((v) => v.share !== null).map((v) => v.measure)));
    const figures = answerMeasures(answer).flatMap((measure) => {
      const label = measureLabel(measure, query, ctx);
      const unit = unitOf(answer, measure);
      return [
        { measure, figure: "value" as const, column: { key: measure, label, unit } },
        ...(shared.has(measure)
          ? [
              {
                measure,
                figure: "share" as const,
                column: { key: `${measure}Share`, label: ctx.t("table.shareOf", { measure: label }), unit: "share" },
              },
            ]
          : []),
        ...(isComparing(query)
          ? COMPARED.map(({ figure, key }) => ({
              measure,
              figure,
              column: {
                key: `${measure}-${figure}`,
                label: `${label}: ${ctx.t(key)}`,
                unit: figure === "percentChange" ? "share" : unit,
              },
            }))
          : []),
      ];
    });
    columns.push(...figures.map((f) => f.column));
    return {
      columns,
      rows: rows.map((row) => [
        ...(hasTime ? [formatBucket(row.time ?? "", query.granularity, ctx.locale)] : []),
        ...row.dimensions.flatMap((d, i) => [d.code, memberLabel(row, i, ctx)]),
        ...figures.map((f) => figureOf(row.values, f.measure, f.figure)),
      ]),
    };
  },
});
