import type { ChartContext } from "@/charts/define-chart";
import type { Dimension, Measure } from "@/graphql/panel-query";
import type { AnalyticsResult, AnalyticsRow } from "@/graphql/result-types";
import en from "@/locales/en.json";
import vi from "@/locales/vi.json";
import { parseState } from "@/state/dashboard-state";

const MESSAGES = { vi, en } as const;

/** A chart context without Vue: messages looked up from the locale files, labels from a small table. */
export function contextFor(query: Record<string, string> = {}, labels: Record<string, string> = {}): ChartContext {
  const state = parseState(query);
  const messages = MESSAGES[state.lang] as unknown as Record<string, Record<string, string>>;
  return {
    locale: state.lang,
    state,
    label: (dimension, code, fallback) => labels[`${dimension}|${code}`] ?? fallback ?? code,
    t: (key, named) => {
      const [group, name] = key.split(".");
      const text = messages[group!]?.[name!] ?? key;
      return text.replace(/\{(\w+)\}/g, (_, k: string) => String(named?.[k] ?? `{${k}}`));
    },
  };
}

export function row(
  dimensions: Array<[string, string, string]>,
  values: Record<string, number | null>,
  shares: Record<string, number> = {},
  time: string | null = null,
): AnalyticsRow {
  return {
    time,
    suppressed: null,
    perturbed: false,
    dimensions: dimensions.map(([dimension, code, label]) => ({ dimension: dimension as Dimension, code, label })),
    values: Object.entries(values).map(([measure, value]) => ({
      measure: measure as Measure,
      value,
      share: shares[measure] ?? null,
    })),
  };
}

export function result(rows: AnalyticsRow[], totals: Record<string, number> = {}): AnalyticsResult {
  return {
    asOfDate: "2022-05-31",
    dataVersion: "1",
    release: null,
    source: "rollup_category_daily",
    synthetic: true,
    rows,
    totalsSuppressed: null,
    totalsPerturbed: false,
    suppressionThreshold: null,
    totals: Object.entries(totals).map(([measure, value]) => ({ measure: measure as Measure, value, share: null })),
  };
}

/** The published split of the 696,948 submissions by 24h on 31/5/2022. */
export const WORKER_SHARES_2022_05_31 = result(
  [
    row(
      [["workerCategory", "PUBLIC_SERVICE", "Đơn vị sự nghiệp"]],
      { submissions: 380656 },
      { submissions: 380656 / 696948 },
    ),
    row(
      [["workerCategory", "ENTERPRISE", "Khu vực doanh nghiệp"]],
      { submissions: 168921 },
      { submissions: 168921 / 696948 },
    ),
    row(
      [["workerCategory", "UNION_OFFICER", "Cán bộ công đoàn"]],
      { submissions: 110976 },
      { submissions: 110976 / 696948 },
    ),
    row(
      [["workerCategory", "GOVERNMENT", "Cơ quan Đảng, Nhà nước"]],
      { submissions: 36395 },
      { submissions: 36395 / 696948 },
    ),
  ],
  { submissions: 696948 },
);
