import type { AnalyticsQueryResult } from "@/graphql/result-types";
import type { ChartContext } from "../define-chart";
import type { ExplorerQuery } from "./explorer-query";

/** A measure's name for people: the catalogue's label, or the analyst's own for a derived measure. */
export function measureLabel(name: string, query: ExplorerQuery, ctx: ChartContext): string {
  const derived = query.derived.find((d) => d.name === name);
  if (derived) return derived.label ?? derived.name;
  return ctx.t(`measures.${name}`);
}

/** The unit a column is in, as the answer declares it (derived measures say theirs). */
export const unitOf = (data: AnalyticsQueryResult, measure: string) =>
  data.columns.find((c) => c.name === measure)?.unit ?? "count";

/** The measures of an answer, in the question's order. */
export const answerMeasures = (data: AnalyticsQueryResult) =>
  data.columns.filter((c) => c.kind === "measure").map((c) => c.name);

/** "Lượt nộp, Hợp lệ theo Lĩnh vực, Tháng": what is charted, named from the question. */
export function questionTitle(query: ExplorerQuery, ctx: ChartContext): string {
  const measures = [...query.measures, ...query.derived.map((d) => d.name)].map((m) => measureLabel(m, query, ctx));
  const by = [
    ...query.dimensions.map((d) => ctx.t(`dimensions.${d}`)),
    ...(query.granularity ? [ctx.t(`explorer.grain.${query.granularity}`)] : []),
  ];
  return by.length
    ? ctx.t("explorer.titleBy", { measures: measures.join(", "), by: by.join(", ") })
    : measures.join(", ");
}
