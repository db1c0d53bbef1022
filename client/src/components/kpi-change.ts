import { formatDate } from "@/format/date-format";
import { formatChange, formatNumber, formatShare, type Locale } from "@/format/number-format";
import type { Comparison } from "@/state/comparison";

/**
 * A KPI's change line: "+182.491 (+35,5%) trong 7 ngày", "… so với 24h ngày 24/10/2022 (cùng ngày
 * giai đoạn 1)". Percent units change in points, not percent of percent.
 */
export function kpiChange(
  figure: { change: number | null; percentChange: number | null; unit: string },
  comparison: Comparison,
  comparedDate: string | null | undefined,
  format: (v: number) => string,
  t: (key: string, named?: Record<string, unknown>) => string,
  locale: Locale,
): string | undefined {
  if (figure.change === null) return undefined;
  const points = figure.unit === "percent";
  const change = formatChange(
    figure.change,
    locale,
    points ? (v) => `${formatNumber(v, locale, 2)} ${t("kpi.points")}` : format,
  );
  const percent =
    !points && figure.percentChange !== null
      ? ` (${formatChange(figure.percentChange, locale, (v) => formatShare(v, locale))})`
      : "";
  const date = comparedDate ? formatDate(comparedDate, locale) : "…";
  return t(`kpi.change.${comparison}`, { change: `${change}${percent}`, date });
}
