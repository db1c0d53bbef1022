import type { AnalyticsQueryInput, Dimension, Granularity, Measure, PanelField } from "@/graphql/panel-query";
import type { CompareInput } from "../../../generated/graphql/schema";
import { filtersOf, type DashboardState } from "@/state/dashboard-state";
import { analyticsField } from "../common-fields";
import type { ChartInput } from "../define-chart";
import { isComplete, type ExplorerCompare } from "./explorer-parts";
import { activeFilters, allMeasures, parseExplorer, type ExplorerQuery } from "./explorer-query";

type QuestionInput = Omit<AnalyticsQueryInput, "asOf" | "filters">;

/** The API's CompareInput for the analyst's choice. */
function compareInput(compare: ExplorerCompare): CompareInput {
  return {
    to: compare.to,
    ...(compare.days ? { days: compare.days } : {}),
    ...(compare.asOf ? { asOf: compare.asOf } : {}),
    ...(compare.from || compare.until
      ? {
          dateRange: {
            ...(compare.from ? { from: compare.from } : {}),
            ...(compare.until ? { to: compare.until } : {}),
          },
        }
      : {}),
  };
}

/** A sort or a share left over from a measure or breakdown since removed is dropped, not sent to be refused. */
function stillAsked(query: ExplorerQuery) {
  const columns = [...allMeasures(query), ...query.dimensions, ...(query.granularity ? ["time"] : [])];
  return {
    order: query.order && columns.includes(query.order.by) ? query.order : undefined,
    share: query.share.filter((m) => query.measures.includes(m)),
  };
}

/** The `analytics(query)` input for a question, without filters: analyticsField adds them with the page's. */
export function analyticsInput(query: ExplorerQuery): QuestionInput {
  const { order, share } = stillAsked(query);
  return {
    measures: query.measures as Measure[],
    ...(query.dimensions.length ? { dimensions: query.dimensions as Dimension[] } : {}),
    ...(query.granularity
      ? { timeDimension: { granularity: query.granularity as Granularity, cumulative: query.cumulative } }
      : {}),
    ...(query.dimensions.includes("unit") && query.parentUnit ? { parentUnit: query.parentUnit } : {}),
    ...(query.dateRange ? { dateRange: query.dateRange } : {}),
    ...(order ? { order: [order] } : {}),
    ...(share.length ? { share: share as Measure[] } : {}),
    ...(query.compare && isComplete(query.compare) ? { compare: compareInput(query.compare) } : {}),
    ...(query.derived.length
      ? {
          derived: query.derived.map((d) => ({
            ...d,
            left: d.left as Measure,
            right: d.right as Measure,
            ...(d.label ? { labelEn: d.label } : {}),
          })),
        }
      : {}),
    limit: query.limit,
  };
}

/** The pivot's rows and columns: two dimensions, or one dimension and the time buckets. */
export interface PivotAxes {
  rows: string;
  columns: string;
}

/** Null when the question cannot be pivoted: exactly two breakdowns are needed (time counts as one). */
export function pivotAxes(query: ExplorerQuery): PivotAxes | null {
  const [first, second] = query.dimensions;
  if (query.dimensions.length === 2 && !query.granularity) return { rows: first!, columns: second! };
  if (query.dimensions.length === 1 && query.granularity) return { rows: first!, columns: "time" };
  return null;
}

/**
 * The pivot's margins asked from the API, so its totals are the API's totals (a ratio's or a
 * distinct count's total is not the sum of its cells): the question by rows alone and by columns alone.
 */
function marginInput(query: ExplorerQuery, keep: string): QuestionInput {
  const input = analyticsInput({ ...query, order: undefined });
  if (keep === "time") return { ...input, dimensions: undefined };
  return { ...input, dimensions: [keep as Dimension], timeDimension: undefined };
}

/** Every field the Explorer page asks: the question, and the pivot's margins when it is shown. */
export function explorerFields(input: ChartInput): PanelField[] {
  const query = parseExplorer(input.state.options);
  const filters = activeFilters(query);
  const fields = [analyticsField("explorer", analyticsInput(query), input, filters)];
  const axes = query.pivot ? pivotAxes(query) : null;
  if (axes)
    fields.push(
      analyticsField("explorerRows", marginInput(query, axes.rows), input, filters),
      analyticsField("explorerColumns", marginInput(query, axes.columns), input, filters),
    );
  return fields;
}

/** The server's CSV of the same question (every row up to the limit, streamed), with the page's filters. */
export function exportPath(state: DashboardState): string {
  const query = parseExplorer(state.options);
  const filters = [...filtersOf(state), ...activeFilters(query)];
  const question = {
    ...analyticsInput(query),
    ...(state.asOf ? { asOf: state.asOf } : {}),
    ...(filters.length ? { filters } : {}),
  };
  // The release shown (?release=) is the one exported: the file's figures are the table's.
  const release = state.release ? `&release=${encodeURIComponent(state.release)}` : "";
  return `/export.csv?locale=${state.lang}${release}&query=${encodeURIComponent(JSON.stringify(question))}`;
}
