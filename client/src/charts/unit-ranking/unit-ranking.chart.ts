import { formatNumber, formatShare } from "@/format/number-format";
import type { PanelField } from "@/graphql/panel-query";
import type { Ranking } from "@/graphql/result-types";
import { scopeFilters } from "../common-fields";
import { defineChart, PALETTE, type ChartDefinition, type ChartInput } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";

/** Shown until the reader asks for all. */
export const TOP_N = 10;

function rankingField(alias: string, kinds: string[], input: ChartInput): PanelField {
  return {
    alias,
    field: "ranking",
    args: {
      measure: "submissions",
      by: "topUnit",
      limit: 100,
      asOf: input.state.asOf,
      filters: scopeFilters(input, [{ dimension: "topUnitKind", operator: "IN", values: kinds }]),
    },
  };
}

/**
 * Top-level units ranked by submissions. Provincial federations and the central sector and
 * corporation unions are ranked apart: the latter are not provinces and differ in size.
 */
function unitRankingChart(
  id: "provinceRanking" | "sectorRanking",
  kinds: string[],
  color: string,
): ChartDefinition<Record<string, Ranking>> {
  const rowsShown = (ranking: Ranking, all: boolean) => (all ? ranking.rows : ranking.rows.slice(0, TOP_N));
  return defineChart<Record<string, Ranking>>({
    id,
    titleKey: `charts.${id}`,
    revisionScope: "topUnit",
    height: (data, ctx) => rankingHeight(rowsShown(data[id]!, ctx.state.options.all === id).length),
    heightBeforeData: rankingHeight(TOP_N),
    expandable: { shown: TOP_N, total: (data) => data[id]!.rows.length },
    fields: (input) => [rankingField(id, kinds, input)],
    isEmpty: (data) => data[id]!.rows.length === 0,
    toOption(data, ctx) {
      const rows = [...rowsShown(data[id]!, ctx.state.options.all === id)].reverse();
      return {
        color: [color],
        grid: { left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: (items: Array<{ dataIndex: number }>) => {
            const row = rows[items[0]!.dataIndex]!;
            return `${row.rank}. ${row.label}<br/>${formatNumber(row.value, ctx.locale)} · ${formatShare(row.share, ctx.locale)}`;
          },
        },
        xAxis: valueAxis(ctx),
        yAxis: {
          type: "category",
          data: rows.map((r) => `${r.rank}. ${shortName(r.label)}`),
          axisLabel: categoryLabels(ctx),
        },
        series: [
          {
            type: "bar",
            name: ctx.t("measures.submissions"),
            data: rows.map((r) => ({ value: r.value ?? 0, code: r.code })),
            label: {
              show: true,
              position: "right",
              formatter: (p: { value: number }) => formatNumber(p.value, ctx.locale),
            },
          },
        ],
      };
    },
    toTable(data, ctx) {
      return {
        columns: [
          { key: "rank", label: ctx.t("table.rank"), unit: "count" },
          { key: "unit", label: ctx.t("dimensions.topUnit") },
          { key: "submissions", label: ctx.t("measures.submissions"), unit: "count" },
          { key: "share", label: ctx.t("table.share"), unit: "share" },
        ],
        rows: data[id]!.rows.map((r) => [r.rank, r.label, r.value, r.share]),
      };
    },
  });
}

/** "Liên đoàn Lao động tỉnh Thanh Hóa" reads as "LĐLĐ Thanh Hóa" on a bar's label. */
export function shortName(name: string): string {
  return name.replace(/^Liên đoàn Lao động (tỉnh |thành phố )?/i, "LĐLĐ ").replace(/^Công đoàn /i, "CĐ ");
}

export const provinceRankingChart = unitRankingChart("provinceRanking", ["PROVINCIAL_FEDERATION"], PALETTE[0]!);
export const sectorRankingChart = unitRankingChart(
  "sectorRanking",
  ["CENTRAL_SECTOR_UNION", "CORPORATION_UNION"],
  PALETTE[4]!,
);

/** Bars are as tall as the rows they show. */
export function rankingHeight(rows: number): number {
  return Math.max(160, 28 * rows + 24);
}
