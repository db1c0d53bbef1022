import { formatDate } from "@/format/date-format";
import type { Locale } from "@/format/number-format";
import type { DashboardState } from "@/state/dashboard-state";
import { toQuery } from "@/state/dashboard-state";

/**
 * What a figure is, said the same way wherever it travels (caption, PNG, CSV's metadata, XLSX,
 * embed, copied link): the unit, every active filter in words, the as-of date, the release or data
 * version, the source and a permalink that reopens exactly these figures. Pure: tested without a DOM.
 */
export interface FigureIdentity {
  /** The chart's title, with the unit on a unit page: "LĐLĐ tỉnh Thanh Hóa · Diễn biến theo tháng". */
  title: string;
  unit?: { code: string; name: string };
  /** Each active filter in words: "Giai đoạn 2", "Khối: Doanh nghiệp". */
  filters: string[];
  /** "Bộ lọc: Giai đoạn 2; Khối: Doanh nghiệp", or "Không lọc". */
  filtersText: string;
  /** The effective as-of date (yyyy-mm-dd): the URL's, or the end of the data the answer was for. */
  asOfDate?: string;
  /** "Số liệu tính đến 24h ngày 6/10/2023". */
  asOfText: string;
  releaseId?: string;
  dataVersion?: string;
  /** "Bản phát hành 2023-10-06.1" or "Phiên bản dữ liệu 12 (dữ liệu trực tiếp, chưa phát hành)". */
  versionText: string;
  /** "Nguồn: Tổng LĐLĐ Việt Nam, Cổng sáng kiến (dữ liệu mẫu tổng hợp)". */
  source: string;
  synthetic: boolean;
  /** The one line to cite: source · as of · release. */
  citation: string;
  permalink: string;
  /** "thanh-hoa-dien-bien-theo-thang-giai-doan-2-2023-08-31": the file name before its extension. */
  fileBase: string;
}

export interface IdentityInput {
  locale: Locale;
  t: (key: string, named?: Record<string, unknown>) => string;
  label: (dimension: string, code: string) => string;
  state: DashboardState;
  chartId: string;
  chartTitle: string;
  unit?: { code: string; name: string };
  asOfDate?: string;
  dataVersion?: string;
  /** The release the answer is from (the API says), else the one the URL asks for. */
  releaseId?: string;
  synthetic: boolean;
  /** The page's address (origin + path): the permalink keeps the path and pins the state. */
  pageUrl: string;
}

/** Filters in words, in the order the filter bar shows them. */
export function filtersInWords(input: Pick<IdentityInput, "state" | "t" | "label">): string[] {
  const { state, t, label } = input;
  const words: string[] = [];
  if (state.phase) words.push(t("charts.phase", { n: state.phase }));
  if (state.category) words.push(`${t("controls.category")}: ${label("workerCategory", state.category)}`);
  if (state.field) words.push(`${t("controls.field")}: ${label("field", state.field)}`);
  return words;
}

/** Lower-case ASCII words joined by "-": "LĐLĐ Thanh Hóa" → "ldld-thanh-hoa". */
export function slugOf(text: string): string {
  return text
    .replace(/[đĐ]/g, "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A unit's name without the words every unit of its kind shares: "Liên đoàn Lao động tỉnh Thanh Hóa" → "Thanh Hóa". */
export function unitShortName(name: string): string {
  return name.replace(/^Liên đoàn Lao động (tỉnh |thành phố )?/i, "").replace(/^LĐLĐ (tỉnh |thành phố )?/i, "");
}

/**
 * The link that reopens these figures: the as-of date and the release pinned (the effective ones,
 * even at the default, so the next import cannot change what it shows), the filters, the chart.
 */
export function permalinkOf(
  input: Pick<IdentityInput, "state" | "pageUrl" | "asOfDate" | "releaseId">,
  options: { embed?: string; hash?: string; pinned?: boolean } = {},
): string {
  const pinned = options.pinned ?? true;
  const state: DashboardState = {
    ...input.state,
    asOf: pinned ? (input.asOfDate ?? input.state.asOf) : input.state.asOf,
    release: pinned ? (input.releaseId ?? input.state.release) : input.state.release,
    embed: options.embed,
  };
  const url = new URL(input.pageUrl);
  url.search = "";
  url.hash = options.hash ?? "";
  for (const [key, value] of Object.entries(toQuery(state))) url.searchParams.set(key, String(value));
  return url.toString();
}

export function figureIdentity(input: IdentityInput): FigureIdentity {
  const { t, locale } = input;
  const filters = filtersInWords(input);
  const title = input.unit ? `${input.unit.name} · ${input.chartTitle}` : input.chartTitle;
  const asOfText = t("identity.asOf", { date: input.asOfDate ? formatDate(input.asOfDate, locale) : "…" });
  const releaseId = input.releaseId ?? input.state.release;
  const versionText =
    releaseId && releaseId !== "live"
      ? t("identity.release", { id: releaseId })
      : t("identity.liveVersion", { version: input.dataVersion ?? "…" });
  const source = input.synthetic ? `${t("app.source")} (${t("app.sourceSynthetic")})` : t("app.source");
  const citation = `${t("identity.sourceLabel")}: ${source} · ${asOfText} · ${versionText}`;
  const fileBase = [
    input.unit ? slugOf(unitShortName(input.unit.name)) : "",
    slugOf(input.chartTitle),
    ...filters.map(slugOf),
    input.asOfDate ?? "",
    releaseId && releaseId !== "live" ? `r${slugOf(releaseId)}` : "",
  ]
    .filter(Boolean)
    .join("-");
  return {
    title,
    unit: input.unit,
    filters,
    filtersText: filters.length ? `${t("identity.filters")}: ${filters.join("; ")}` : t("identity.noFilters"),
    asOfDate: input.asOfDate,
    asOfText,
    releaseId: releaseId && releaseId !== "live" ? releaseId : undefined,
    dataVersion: input.dataVersion,
    versionText,
    source,
    synthetic: input.synthetic,
    citation,
    // Live data has nothing to pin but its date (a "live" the reader chose stays in the URL's state).
    permalink: permalinkOf(
      { ...input, releaseId: releaseId === "live" ? undefined : releaseId },
      { hash: input.chartId },
    ),
    fileBase,
  };
}
