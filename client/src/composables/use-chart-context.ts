import { computed, type ComputedRef } from "vue";
import { useI18n } from "vue-i18n";
import type { ChartContext } from "@/charts/define-chart";
import type { Locale } from "@/format/number-format";
import { useDashboardState } from "./use-dashboard-state";
import { useMeta } from "./use-meta";

/** Language, labels and URL state for charts. (What a figure is, and its citation: use-figure-identity.ts.) */
export function useChartContext(): {
  ctx: ComputedRef<ChartContext>;
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
  return { ctx, synthetic };
}
