import { formatMeasure, formatNumber, formatPercent } from "@/format/number-format";
import type { Measure } from "@/graphql/panel-query";
import { valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { analyticsField } from "../common-fields";
import { defineChart, isNarrow, type ChartContext } from "../define-chart";
import { loadProvinceGeometry, type IslandLabel, type MapVariant } from "./province-geometry";

export interface ProvinceMapData {
  provinceMap: AnalyticsResult;
  islands?: IslandLabel[];
}

export const MAP_MEASURES = ["submissions", "valid", "submissionsPerThousandMembers", "targetAttainment"] as const;
const UNITS: Record<string, string> = {
  submissions: "count",
  valid: "count",
  submissionsPerThousandMembers: "ratio",
  targetAttainment: "percent",
};
/** Members and targets are not split by worker category or field: under those filters the map shows counts only. */
const PER_UNIT_MEASURES = ["submissionsPerThousandMembers", "targetAttainment"];

function mapHeight(ctx: ChartContext): number {
  return isNarrow(ctx) ? Math.round(ctx.width! * 1.12) + 56 : 560;
}

export function mapVariant(ctx: Pick<ChartContext, "state">): MapVariant {
  return ctx.state.options.map === "2025" ? "34" : "63";
}

export function mapMeasure(ctx: Pick<ChartContext, "state">): string {
  const chosen = ctx.state.options.mapMeasure ?? "submissions";
  const narrowed = Boolean(ctx.state.category || ctx.state.field);
  if (!MAP_MEASURES.includes(chosen as (typeof MAP_MEASURES)[number])) return "submissions";
  return narrowed && PER_UNIT_MEASURES.includes(chosen) ? "submissions" : chosen;
}

/** A choropleth of the 63 provinces (or the 34 of 2025), Hoàng Sa and Trường Sa included. */
export const provinceMapChart = defineChart<ProvinceMapData>({
  id: "provinceMap",
  titleKey: "charts.provinceMap",
  revisionScope: "province",
  // A phone's map is as tall as the country drawn across its width, plus the scale beneath: no blank above.
  height: (_data, ctx) => mapHeight(ctx),
  heightBeforeData: (ctx) => mapHeight(ctx),
  noteKey: "charts.provinceMapNote",
  controls: [
    {
      key: "mapMeasure",
      labelKey: "charts.mapMeasure",
      choices: MAP_MEASURES.map((m) => ({ value: m, labelKey: `measures.${m}` })),
    },
    {
      key: "map",
      labelKey: "charts.mapVariant",
      choices: [
        { value: "63", labelKey: "charts.map63" },
        { value: "2025", labelKey: "charts.map34" },
      ],
    },
  ],
  fields: (input) => {
    const narrowed = Boolean(input.state.category || input.state.field);
    const measures: Measure[] = narrowed ? ["submissions", "valid"] : [...MAP_MEASURES];
    const dimension = input.state.options.map === "2025" ? "province2025" : "province";
    return [analyticsField("provinceMap", { measures, dimensions: [dimension], limit: 100 }, input)];
  },
  isEmpty: (data) => data.provinceMap.rows.length === 0,
  async prepare(ctx) {
    const { islands } = await loadProvinceGeometry(mapVariant(ctx));
    return { islands };
  },
  linkOf(item, ctx) {
    // A province of 2021–2023 has its labour federation; the merged provinces of 2025 had none.
    const code = (item.data as { name?: string } | undefined)?.name;
    return mapVariant(ctx) === "63" && code ? `/don-vi/LDLD-${code}` : undefined;
  },
  toOption(data, ctx) {
    const measure = mapMeasure(ctx);
    const dimension = mapVariant(ctx) === "34" ? "province2025" : "province";
    const values = data.provinceMap.rows.map((r) => ({
      name: r.dimensions[0]!.code,
      value: valueOf(r.values, measure),
      row: r,
    }));
    const max = Math.max(1, ...values.map((v) => v.value ?? 0));
    const narrow = isNarrow(ctx);
    const lines = (row: ProvinceMapData["provinceMap"]["rows"][number]) =>
      row.values
        .map(
          (v) =>
            `${ctx.t(`measures.${v.measure}`)}: ${formatMeasure(v.value, UNITS[v.measure] ?? "count", ctx.locale)}`,
        )
        .join("<br/>");
    return {
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; data?: { row: ProvinceMapData["provinceMap"]["rows"][number] } }) =>
          p.data?.row
            ? `<strong>${ctx.label(dimension, p.name)}</strong><br/>${lines(p.data.row)}`
            : ctx.label(dimension, p.name),
      },
      visualMap: {
        type: "continuous",
        min: 0,
        max,
        ...(narrow
          ? { orient: "horizontal", left: "center", bottom: 4, itemWidth: 12, itemHeight: 160 }
          : { left: 8, bottom: 8, itemHeight: 120 }),
        calculable: true,
        realtime: false,
        inRange: { color: ["#e8f0f8", "#9ec3e6", "#3b7fc4", "#123f73"] },
        formatter: (v: number) =>
          UNITS[measure] === "percent" ? formatPercent(v, ctx.locale, 0) : formatNumber(v, ctx.locale),
      },
      geo: {
        map: `vn${mapVariant(ctx)}`,
        nameProperty: "code",
        // cos 16°: Vietnam's mid latitude; ECharts' default 0.75 stretches the country.
        aspectScale: 0.96,
        roam: false,
        layoutCenter: narrow ? ["50%", "44%"] : ["50%", "50%"],
        layoutSize: narrow ? "88%" : "95%",
        itemStyle: { borderColor: "#fff", borderWidth: 0.5, areaColor: "#eee" },
        emphasis: { itemStyle: { areaColor: "#f4b860" }, label: { show: false } },
        select: { disabled: true },
      },
      series: [
        { type: "map", geoIndex: 0, name: ctx.t(`measures.${measure}`), data: values },
        {
          type: "scatter",
          coordinateSystem: "geo",
          silent: true,
          symbolSize: 0,
          // On a phone the archipelagos' names wrap, left of them, over the sea, so they stay on the canvas.
          label: narrow
            ? {
                show: true,
                formatter: "{b}",
                fontSize: 9,
                color: "#334",
                position: "left",
                align: "right",
                width: 76,
                overflow: "break",
                lineHeight: 11,
              }
            : { show: true, formatter: "{b}", fontSize: 10, color: "#334" },
          data: (data.islands ?? []).map((island) => ({ name: island.name[ctx.locale], value: island.coord })),
        },
      ],
    };
  },
  toTable(data, ctx) {
    const dimension = mapVariant(ctx) === "34" ? "province2025" : "province";
    const measures = data.provinceMap.rows[0]?.values.map((v) => v.measure) ?? [];
    return {
      columns: [
        { key: "code", label: ctx.t("table.code") },
        { key: "province", label: ctx.t(`dimensions.${dimension}`) },
        ...measures.map((m) => ({ key: m, label: ctx.t(`measures.${m}`), unit: UNITS[m] ?? "count" })),
      ],
      rows: data.provinceMap.rows.map((r) => [
        r.dimensions[0]!.code,
        ctx.label(dimension, r.dimensions[0]!.code, r.dimensions[0]!.label),
        ...measures.map((m) => valueOf(r.values, m)),
      ]),
    };
  },
});
