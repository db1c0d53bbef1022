/**
 * Turns page states (JSON on standard input) into the HTTP requests the dashboard itself sends for
 * them (JSON on standard output), by running the client's own code: its GraphQL client (GET, its
 * headers), `useMeta` and `usePageData` with each page's charts, so the load script asks exactly
 * what browsers ask, and keeps doing so when the client changes. Run with the client's path aliases:
 *   tsx --tsconfig client/tsconfig.json scripts/load/requests/page-requests.ts < states.json
 */
import { createApp, type App } from "vue";
import { explorerFields, exportPath as explorerExportPath } from "@/charts/explorer/explorer-input";
import { categoryBenefitChart } from "@/charts/category-benefit/category-benefit.chart";
import { cumulativeSubmissionsChart } from "@/charts/cumulative-submissions/cumulative-submissions.chart";
import type { ChartInput } from "@/charts/define-chart";
import { fieldBreakdownChart } from "@/charts/field-breakdown/field-breakdown.chart";
import { provinceMapChart } from "@/charts/province-map/province-map.chart";
import { unitChildrenChart } from "@/charts/unit-children/unit-children.chart";
import { provinceRankingChart, sectorRankingChart } from "@/charts/unit-ranking/unit-ranking.chart";
import { unitTrendChart } from "@/charts/unit-trend/unit-trend.chart";
import { workerSharesChart } from "@/charts/worker-shares/worker-shares.chart";
import { GRAPHQL_CLIENT_KEY } from "@/composables/use-graphql-client";
import { useMeta } from "@/composables/use-meta";
import { usePageData } from "@/composables/use-page-data";
import { overviewField } from "@/graphql/overview.field";
import { createGraphQLClient } from "@/graphql/graphql-client";
import { composeDocument, type PanelField } from "@/graphql/panel-query";
import { unitTargetsField } from "@/graphql/unit-targets.field";
import { filtersOf, parseState } from "@/state/dashboard-state";
import type { HttpRequest, PageRequests, PageState, TranslatedPages } from "../page-request";

// The charts of each view, in the order of OverviewView.vue and UnitView.vue.
const OVERVIEW = [
  cumulativeSubmissionsChart,
  workerSharesChart,
  categoryBenefitChart,
  fieldBreakdownChart,
  provinceRankingChart,
  sectorRankingChart,
  provinceMapChart,
];
const UNIT = [unitChildrenChart, unitTrendChart, workerSharesChart];

/** Each view's fields and operation name, as its <script setup> composes them (views are .vue files, not importable here). */
function pageFields(state: PageState): { operation: string; fields: PanelField[] } {
  const input: ChartInput = { state: parseState(state.query), unit: state.unit };
  switch (state.page) {
    case "overview":
      return { operation: "OverviewPage", fields: [overviewField(input), ...OVERVIEW.flatMap((c) => c.fields(input))] };
    case "unit": {
      const targets = unitTargetsField(input);
      return {
        operation: "UnitPage",
        fields: [...UNIT.flatMap((c) => c.fields(input)), ...(targets ? [targets] : [])],
      };
    }
    case "targets":
      return {
        operation: "TargetsPage",
        fields: [
          {
            alias: "targets",
            field: "targetAttainment",
            args: { asOf: input.state.asOf, filters: filtersOf(input.state).filter((f) => f.dimension === "phase") },
          },
        ],
      };
    case "explorer":
      return { operation: "Explorer", fields: explorerFields(input) };
  }
}

/** ExplorerView.vue's export link: the server's CSV of the same question. */
function exportPath(state: PageState): string {
  return explorerExportPath(parseState(state.query));
}

/** Every request the client sends lands here; it answers an empty result, so no panel falls back to asking field by field. */
const sent: HttpRequest[] = [];
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  sent.push({
    method: (init?.method ?? "GET") as HttpRequest["method"],
    path: String(input),
    headers,
    ...(typeof init?.body === "string" ? { body: init.body } : {}),
  });
  return new Response(JSON.stringify({ data: {} }), { headers: { "content-type": "application/json" } });
};

async function settled(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error(`the client never finished ${what}`);
}

/** The requests one call of the client's code sends, and only those. */
async function capture(app: App, what: string, ask: () => () => boolean): Promise<HttpRequest[]> {
  const before = sent.length;
  const done = app.runWithContext(ask);
  await settled(done, what);
  return sent.slice(before);
}

function single(requests: HttpRequest[], what: string): HttpRequest {
  if (requests.length !== 1) throw new Error(`${what}: expected one request, the client sent ${requests.length}`);
  return requests[0]!;
}

const states = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as PageState[];
const app = createApp({});
app.provide(GRAPHQL_CLIENT_KEY, createGraphQLClient({ uri: "/graphql" }));
const meta = single(
  await capture(app, "the catalogue", () => {
    const { meta: catalogue, error } = useMeta();
    return () => catalogue.value !== null || error.value !== null;
  }),
  "meta",
);
const pages: PageRequests[] = [];
// The client does not ask again for a document it has loaded (settings a page ignores give the same one): reuse that request.
const byDocument = new Map<string, HttpRequest>();
for (const state of states) {
  const { operation, fields } = pageFields(state);
  const composed = composeDocument(operation, fields);
  const key = `${composed.query}|${JSON.stringify(composed.variables)}`;
  const batch =
    byDocument.get(key) ??
    single(
      await capture(app, `the ${state.page} page`, () => {
        const { loading } = usePageData(operation, () => fields);
        return () => !loading.value;
      }),
      `${state.page} page ${JSON.stringify(state)}`,
    );
  byDocument.set(key, batch);
  pages.push({
    state,
    batch,
    ...(state.exportCsv ? { export: { method: "GET", path: exportPath(state), headers: {} } } : {}),
  });
}
process.stdout.write(JSON.stringify({ meta, pages } satisfies TranslatedPages));
