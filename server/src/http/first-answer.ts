import type { ApolloServer } from "@apollo/server";
import { describeChart } from "../../../client/src/charts/chart-summary";
import {
  cumulativeSubmissionsChart,
  type CumulativeData,
} from "../../../client/src/charts/cumulative-submissions/cumulative-submissions.chart";
import type { ChartContext, ChartInput } from "../../../client/src/charts/define-chart";
import { drawnOption } from "../../../client/src/charts/drawn-option";
import { overviewField } from "../../../client/src/graphql/overview.field";
import { composeDocument, type PanelField } from "../../../client/src/graphql/panel-query";
import type { Meta, Overview } from "../../../client/src/graphql/result-types";
import { createAppI18n } from "../../../client/src/plugins/i18n";
import type { DashboardState } from "../../../client/src/state/dashboard-state";
import type { RequestContext } from "../common/request-context";
import { chartSvg } from "./first-chart-svg";

/**
 * The width the overview's first chart is drawn at on the server: its box at a 360 px screen (the
 * page's and the panel's paddings taken off, in ChartPanel's steps of 8). The client shows the
 * drawing in a narrow box of any width from this one up (centred, unscaled), until the live chart.
 */
export const FIRST_CHART_WIDTH = 320;

/**
 * What `/` shows first, asked of the API as the dashboard asks it (for the public: the newest
 * release's figures, else the live data's), with the data version and the release all of it is of.
 */
export interface FirstAnswer {
  dataVersion: string;
  /** The release that answered (null: the live data): the client keeps the answer only while it is still the public's default. */
  release: string | null;
  /** The questions, by alias, as the dashboard composes them: the client uses an answer only for the same question. */
  fields: PanelField[];
  /** The answers by alias (the overview: KPI cards, phases, synthetic flag, as-of date). */
  data: Record<string, unknown>;
  /** The first chart, drawn as SVG from the same answer (absent if it could not be). */
  chart?: {
    id: string;
    /** Its questions and language: the client shows the drawing only where the live chart would ask the same. */
    fields: PanelField[];
    lang: string;
    width: number;
    height: number;
    description: string;
    svg: string;
  };
}

/**
 * Asks the overview's first figures through Apollo itself (`executeOperation`): the same resolvers,
 * engine, privacy step and response cache as a reader's GraphQL request, so a warm cache answers
 * without touching the database and the figures are the API's, never a second computation of them.
 * The first chart's data comes in the same execution, so it is of the same data version.
 */
export async function askFirstAnswer(
  apollo: ApolloServer<RequestContext>,
  context: RequestContext,
  state: DashboardState,
): Promise<FirstAnswer | undefined> {
  const input: ChartInput = { state };
  const overview = overviewField(input);
  const chartFields = cumulativeSubmissionsChart.fields(input);
  const meta: PanelField = { alias: "meta", field: "meta", args: {} };
  const { query, variables } = composeDocument("FirstAnswer", [overview, ...chartFields, meta]);
  const response = await apollo.executeOperation(
    { query, variables, operationName: "FirstAnswer" },
    { contextValue: context },
  );
  if (response.body.kind !== "single") return undefined;
  const { data, errors } = response.body.singleResult;
  if (!data || errors?.length) return undefined;
  const first = data.overview as Overview;
  const chartData = Object.fromEntries(chartFields.map((f) => [f.alias, data[f.alias]])) as unknown as CumulativeData;
  const sameVersion = [chartData.cumulativeDaily, chartData.cumulativeTotal].every(
    (answer) => answer.dataVersion === first.dataVersion,
  );
  return {
    dataVersion: first.dataVersion,
    release: first.release?.id ?? null,
    fields: [overview],
    data: { overview: first },
    chart: sameVersion ? drawFirstChart(chartData, chartFields, chartContext(state, data.meta as Meta)) : undefined,
  };
}

/** The context a chart is drawn in on the client (use-chart-context.ts), at the first chart's width. */
function chartContext(state: DashboardState, meta: Meta): ChartContext {
  const i18n = createAppI18n();
  // A ref at run time (legacy: false), as the client's App.vue sets it; typed as the legacy API's string.
  (i18n.global.locale as unknown as { value: string }).value = state.lang;
  const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
  const labels = new Map(
    meta.dimensions.flatMap((d) =>
      d.members.map((m) => [`${d.name}|${m.code}`, state.lang === "vi" ? m.labelVi : m.labelEn]),
    ),
  );
  return {
    locale: state.lang,
    t: (key, named) => (named ? t(key, named) : t(key)),
    label: (dimension, code, fallback) => labels.get(`${dimension}|${code}`) ?? fallback ?? code,
    state,
    width: FIRST_CHART_WIDTH,
  };
}

function drawFirstChart(data: CumulativeData, fields: PanelField[], ctx: ChartContext): FirstAnswer["chart"] {
  const chart = cumulativeSubmissionsChart;
  if (chart.isEmpty(data)) return undefined;
  const height = typeof chart.height === "number" ? chart.height : 320;
  const description = describeChart(ctx.t(chart.titleKey), chart.toTable(data, ctx), ctx);
  const svg = chartSvg(drawnOption(chart, data, ctx, description), FIRST_CHART_WIDTH, height);
  return { id: chart.id, fields, lang: ctx.locale, width: FIRST_CHART_WIDTH, height, description, svg };
}
