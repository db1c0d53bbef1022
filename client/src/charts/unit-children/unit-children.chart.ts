import { formatNumber } from "@/format/number-format";
import { valueOf } from "@/graphql/result-types";
import { defineChart, PALETTE } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";
import { rankingHeight, shortName } from "../unit-ranking/unit-ranking.chart";
import { unitDrilldownField, type UnitDrilldown } from "./unit-drilldown.field";

export interface UnitChildrenData {
  unitDrilldown: UnitDrilldown;
}

/** Bars for the first children; the table lists them all. */
export const CHILDREN_SHOWN = 15;
const TABLE_MEASURES = [
  "submissions",
  "valid",
  "validRate",
  "benefitVnd",
  "members",
  "submissionsPerThousandMembers",
  "target",
  "targetAttainment",
];
const UNITS: Record<string, string> = {
  validRate: "percent",
  benefitVnd: "vnd",
  submissionsPerThousandMembers: "ratio",
  targetAttainment: "percent",
};

/** The unit's children ranked by submissions; a click opens the child. */
export const unitChildrenChart = defineChart<UnitChildrenData>({
  id: "unitChildren",
  titleKey: "charts.unitChildren",
  revisionScope: "topUnit",
  height: (data, ctx) =>
    rankingHeight(
      Math.min(
        data.unitDrilldown.children.rows.length,
        ctx.state.options.all === "unitChildren" ? Infinity : CHILDREN_SHOWN,
      ),
    ),
  heightBeforeData: rankingHeight(CHILDREN_SHOWN),
  expandable: { shown: CHILDREN_SHOWN, total: (data) => data.unitDrilldown.children.rows.length },
  fields: (input) => [unitDrilldownField(input)],
  isEmpty: (data) => data.unitDrilldown.children.rows.length === 0,
  linkOf: (item) => {
    const code = (item.data as { code?: string } | undefined)?.code;
    return code ? `/don-vi/${encodeURIComponent(code)}` : undefined;
  },
  toOption(data, ctx) {
    const rows = data.unitDrilldown.children.rows
      .slice(0, ctx.state.options.all === "unitChildren" ? undefined : CHILDREN_SHOWN)
      .reverse();
    return {
      color: [PALETTE[0]],
      grid: { left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: number) => formatNumber(v, ctx.locale),
      },
      xAxis: valueAxis(ctx),
      yAxis: {
        type: "category",
        data: rows.map((r) => shortName(r.dimensions[0]!.label)),
        axisLabel: categoryLabels(ctx, 170),
      },
      series: [
        {
          type: "bar",
          name: ctx.t("measures.submissions"),
          // A withheld cell (small grassroots union, public answer) has no bar and says why.
          data: rows.map((r) => ({ value: valueOf(r.values, "submissions"), code: r.dimensions[0]!.code })),
          label: {
            show: true,
            position: "right",
            formatter: (p: { value: number | null }) =>
              p.value === null ? ctx.t("charts.withheldShort") : formatNumber(p.value, ctx.locale),
          },
        },
      ],
    };
  },
  toTable(data, ctx) {
    const present = TABLE_MEASURES.filter((m) =>
      data.unitDrilldown.children.rows[0]?.values.some((v) => v.measure === m),
    );
    return {
      columns: [
        { key: "code", label: ctx.t("table.code") },
        { key: "unit", label: ctx.t("dimensions.unit") },
        ...present.map((m) => ({ key: m, label: ctx.t(`measures.${m}`), unit: UNITS[m] ?? "count" })),
      ],
      rows: data.unitDrilldown.children.rows.map((r) => [
        r.dimensions[0]!.code,
        r.dimensions[0]!.label,
        ...present.map((m) => valueOf(r.values, m)),
      ]),
    };
  },
});
