import { computed, type ComputedRef } from "vue";
import { useI18n } from "vue-i18n";
import type { ChartContext } from "@/charts/define-chart";
import { formatDate } from "@/format/date-format";
import type { Locale } from "@/format/number-format";
import { useDashboardState } from "./use-dashboard-state";
import { useMeta } from "./use-meta";

/** Language, labels and URL state for charts, plus the citation every chart carries. */
export function useChartContext(): {
  ctx: ComputedRef<ChartContext>;
  citation: (asOfDate: string | undefined) => string;
  synthetic: ComputedRef<boolean>;
} {
  const { t, locale } = useI18n();
  const { state } = useDashboardState();
  const { meta, label } = useMeta();
  const ctx = computed<ChartContext>(() => {
    const current = locale.value as Locale;
    return {
      locale: current,
      t: (key, named) => (named ? t(key, named) : t(key)),
      label: (dimension, code, fallback) => label(current, dimension, code, fallback),
      state: state.value,
    };
  });
  const synthetic = computed(() => meta.value?.synthetic ?? false);
  function citation(asOfDate: string | undefined): string {
    const source = synthetic.value ? `${t("app.source")} (${t("app.sourceSynthetic")})` : t("app.source");
    const date = asOfDate ?? meta.value?.lastDate;
    return t("charts.citation", { source, date: date ? formatDate(date, locale.value as Locale) : "…" });
  }
  return { ctx, citation, synthetic };
}
