import { computed, type ComputedRef } from "vue";
import { useI18n } from "vue-i18n";
import { formatMeasure, type Locale } from "@/format/number-format";
import { useReleases } from "./use-releases";

const UNITS: Record<string, string> = { benefitVnd: "vnd" };

/**
 * "Đã điều chỉnh" lines for a panel: the figures of its scope (national, topUnit, province,
 * workerCategory, field) that the revision log lists for the release shown, old → new, with R or C.
 * The log compares whole releases at their own dates, unfiltered: a panel showing anything else
 * (a filter, another date, a unit's subset) is not what was revised, and is not marked.
 */
export function useRevisionMarks(
  scope: () => string | undefined,
  release: () => string | undefined,
  comparable: () => boolean,
  /** The measures the panel shows (its table's columns): a revision of another measure is not on it. */
  measures: () => string[] | undefined = () => undefined,
): ComputedRef<string[]> {
  const { t, locale } = useI18n();
  const { revisionsOf } = useReleases();
  return computed(() => {
    const id = release();
    const wanted = scope();
    if (!id || !wanted || !comparable()) return [];
    const loc = locale.value as Locale;
    return revisionsOf(id)
      .value.filter((r) => r.scope === wanted && (measures()?.includes(r.measure) ?? true))
      .map(
        (r) =>
          `${t("identity.revisedItem", {
            label: r.label,
            measure: t(`measures.${r.measure}`),
            previous: formatMeasure(r.previousValue, UNITS[r.measure] ?? "count", loc),
            value: formatMeasure(r.value, UNITS[r.measure] ?? "count", loc),
          })} (${t(`releases.kind${r.reason === "PLANNED" ? "PLANNED_REVISION" : "CORRECTION"}`)}, ${t("identity.revisedBy", { previous: r.previousRelease })})`,
      );
  });
}
