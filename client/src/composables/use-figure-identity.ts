import { computed, type ComputedRef } from "vue";
import { useI18n } from "vue-i18n";
import { figureIdentity, type FigureIdentity } from "@/export/figure-identity";
import type { Locale } from "@/format/number-format";
import { useDashboardState } from "./use-dashboard-state";
import { useMeta } from "./use-meta";
import { useReleases } from "./use-releases";

/** What an answer says about itself: the as-of date, the data version, the release (when the API has releases). */
interface AnswerStamp {
  asOfDate?: string;
  dataVersion?: string;
  release?: { id: string } | null;
  children?: AnswerStamp;
}

export interface FigureSource {
  chartId: () => string;
  chartTitle: () => string;
  unit: () => { code: string; name: string } | undefined;
  /** The panel's answers, by alias: the first that carries a stamp says what the figures are. */
  answers: () => unknown[];
}

/** A panel's identity, recomputed as its answers, the URL and the language change. */
export function useFigureIdentity(source: FigureSource): ComputedRef<FigureIdentity> {
  const { t, locale } = useI18n();
  const { state } = useDashboardState();
  const { meta, label } = useMeta();
  const { releases } = useReleases();
  return computed(() => {
    const stamps = source
      .answers()
      .map((a) => a as AnswerStamp | undefined)
      .flatMap((a) => (a ? [a, a.children ?? {}] : []));
    const stamp = (key: keyof AnswerStamp) => stamps.map((s) => s[key]).find((v) => v !== undefined && v !== null);
    const current = locale.value as Locale;
    // The answer says which release it is from (null: live data); a panel whose answers do not say (a ranking)
    // reads what the URL asks for, else the API's default for the public: the newest release.
    const answered = stamps.find((s) => "release" in s);
    const releaseId = answered
      ? (answered.release?.id ?? "live")
      : (state.value.release ?? releases.value?.[0]?.id ?? undefined);
    return figureIdentity({
      locale: current,
      t: (key, named) => (named ? t(key, named) : t(key)),
      label: (dimension, code) => label(current, dimension, code),
      state: state.value,
      chartId: source.chartId(),
      chartTitle: source.chartTitle(),
      unit: source.unit(),
      asOfDate: (stamp("asOfDate") as string | undefined) ?? state.value.asOf ?? meta.value?.lastDate,
      dataVersion: (stamp("dataVersion") as string | undefined) ?? meta.value?.dataVersion,
      releaseId,
      synthetic: meta.value?.synthetic ?? false,
      pageUrl: `${window.location.origin}${window.location.pathname}`,
    });
  });
}
