import { fixedDigits, type Signs } from "./fixed-digits";

/** Figures the way each language writes them: vi 696.948 · 54,6% · 584,2 tỷ đồng; en 696,948 · 54.6% · 584.2 bn VND. */
export type Locale = "vi" | "en";
/** Intl's signs for vi-VN and en-GB (the test holds fixedDigits equal to Intl with them). */
export const SIGNS: Record<Locale, Signs> = { vi: { group: ".", decimal: "," }, en: { group: ",", decimal: "." } };

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    cache.set(key, format);
  }
  return format;
}

/** "—" stands for a figure that does not exist (a ratio with nothing to divide by). */
export const MISSING = "—";

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  // Vietnamese groups thousands with "." even for four digits (1.234); Intl's vi-VN agrees.
  return fixedDigits(value, digits, SIGNS[locale]) ?? numberFormat(locale, digits).format(value);
}

/** A percentage given as 0–100 (the API's percent unit). */
export function formatPercent(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value, locale, digits)}%`;
}

/** A share given as 0–1. */
export function formatShare(share: number | null | undefined, locale: Locale, digits = 1): string {
  return share === null || share === undefined ? MISSING : formatPercent(share * 100, locale, digits);
}

/** Đồng in billions (tỷ đồng), the unit the programme reports benefit in. */
export function formatBillions(vnd: number | null | undefined, locale: Locale, digits = 1): string {
  if (vnd === null || vnd === undefined || !Number.isFinite(vnd)) return MISSING;
  return `${formatNumber(vnd / 1e9, locale, digits)} ${locale === "vi" ? "tỷ đồng" : "bn VND"}`;
}

/** A signed change: "+1.234" or "−56" (a real minus sign, easier to read than a hyphen). */
export function formatChange(
  value: number | null | undefined,
  locale: Locale,
  format: (v: number) => string = (v) => formatNumber(v, locale),
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value === 0) return format(0);
  return `${value > 0 ? "+" : "−"}${format(Math.abs(value))}`;
}

export type MeasureUnit = "count" | "vnd" | "percent" | "ratio" | string;

/** A measure value by its unit, as the API declares it in `meta`. */
export function formatMeasure(value: number | null | undefined, unit: MeasureUnit, locale: Locale): string {
  switch (unit) {
    case "vnd":
      return formatBillions(value, locale);
    case "percent":
      return formatPercent(value, locale);
    case "ratio":
      return formatNumber(value, locale, 1);
    default:
      return formatNumber(value, locale);
  }
}

const compactCache = new Map<Locale, Intl.NumberFormat>();

/** Short figures for axis ticks on a phone: vi 200 N · 1,5 Tr; en 200K · 1.5M. */
export function formatCompact(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  let format = compactCache.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { notation: "compact", maximumFractionDigits: 1 });
    compactCache.set(locale, format);
  }
  return format.format(value);
}
