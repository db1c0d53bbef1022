import { Rng } from "../../server/src/db/seed/random";
import type { PageState } from "./page-request";

/** What the mix draws from: the catalogue's members and dates (from `meta`) and the units (from the database). */
export interface MixSource {
  firstDate: string;
  lastDate: string;
  workerCategories: string[];
  fields: string[];
  topUnits: string[];
  /** Units one level below the top units (districts, sector branches). */
  secondTierUnits: string[];
}

/** Explorer questions some rollup answers (URL settings of /kham-pha), as an analyst's first clicks would ask. */
export const ROLLUP_EXPLORER_QUESTIONS: Array<Record<string, string>> = [
  {},
  { m: "submissions,valid", d: "field" },
  { m: "benefitVnd", d: "province" },
  { m: "submissions", d: "-", g: "MONTH", cum: "1" },
  { m: "valid", d: "topUnit", g: "QUARTER" },
  { m: "validRate", d: "workerCategory,solutionType" },
];

/** Explorer questions no rollup answers: each scans the whole initiative table. */
export const BASE_EXPLORER_QUESTIONS: Array<Record<string, string>> = [
  { m: "submitters", d: "field", g: "MONTH" },
  { m: "submissions,valid", d: "solutionType,province" },
  { m: "submissions", d: "field,workerCategory,province" },
];

/** Days many readers look at: the ends of the phases and of each quarter of the programme. */
const POPULAR_DATES = [
  "2022-03-31",
  "2022-05-31",
  "2022-06-30",
  "2022-09-30",
  "2022-12-31",
  "2023-03-31",
  "2023-06-30",
  "2023-09-01",
];

/** The mix in words, for the benchmark notes; the shares below must say the same. */
export const MIX_DESCRIPTION = [
  "page loads: 40% overview, 30% unit page (of these 30% the confederation, 50% one of the 83 top units, 20% one of the ~1,000 second-tier units),",
  "15% targets ranking, 10% Explorer on a question a rollup answers, 5% the same followed by its CSV export.",
  "As-of date: 60% the latest, 25% one of 8 popular days (phase and quarter ends), 15% any day of the programme (mostly answer-cache misses).",
  "10% of overview, unit and targets pages carry one filter (phase, worker category or field: 17 choices), on the latest figures;",
  "20% of overviews switch the map (2025 provinces, or valid initiatives).",
  "Every page load asks the catalogue (`meta`) and the page's one batched GraphQL GET, as the dashboard does on a fresh visit;",
  "static files (HTML, scripts, map geometry) are not requested: browsers and a CDN keep them.",
].join(" ");

const pickOne = <T>(rng: Rng, values: readonly T[]): T => values[rng.int(values.length)]!;

function dayBetween(rng: Rng, first: string, last: string): string {
  const from = Date.parse(`${first}T00:00:00Z`);
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - from) / 86_400_000);
  return new Date(from + rng.int(days + 1) * 86_400_000).toISOString().slice(0, 10);
}

/** The page's as-of date and filter: filters are set on the latest figures, dates are changed unfiltered. */
function dateAndFilter(rng: Rng, source: MixSource): Record<string, string> {
  const r = rng.next();
  if (r < 0.1) return filter(rng, source);
  if (r < 0.6) return {};
  if (r < 0.85) return { asOf: pickOne(rng, POPULAR_DATES) };
  return { asOf: dayBetween(rng, source.firstDate, source.lastDate) };
}

function filter(rng: Rng, source: MixSource): Record<string, string> {
  const kind = rng.int(3);
  if (kind === 0) return { phase: pickOne(rng, ["1", "2"]) };
  if (kind === 1) return { category: pickOne(rng, source.workerCategories) };
  return { field: pickOne(rng, source.fields) };
}

/** Explorer pages are not filtered by the page: only the date varies. */
function dateOnly(rng: Rng, source: MixSource): Record<string, string> {
  const { asOf } = dateAndFilter(rng, source);
  return asOf ? { asOf } : {};
}

function unit(rng: Rng, source: MixSource): string {
  const r = rng.next();
  if (r < 0.3) return "TLĐ";
  return r < 0.8 ? pickOne(rng, source.topUnits) : pickOne(rng, source.secondTierUnits);
}

function mapSetting(rng: Rng): Record<string, string> {
  const r = rng.next();
  if (r < 0.1) return { map: "2025" };
  return r < 0.2 ? { mapMeasure: "valid" } : {};
}

/** One visitor's page, drawn by the shares of MIX_DESCRIPTION. */
export function drawPage(rng: Rng, source: MixSource): PageState {
  const r = rng.next();
  if (r < 0.4) return { page: "overview", query: { ...dateAndFilter(rng, source), ...mapSetting(rng) } };
  if (r < 0.7) return { page: "unit", query: dateAndFilter(rng, source), unit: unit(rng, source) };
  if (r < 0.85) return { page: "targets", query: dateAndFilter(rng, source) };
  return {
    page: "explorer",
    query: { ...dateOnly(rng, source), ...pickOne(rng, ROLLUP_EXPLORER_QUESTIONS) },
    ...(r >= 0.95 ? { exportCsv: true } : {}),
  };
}

/** `count` page loads in visiting order; the same seed gives the same visits. */
export function drawVisits(source: MixSource, count: number, seed = 6): PageState[] {
  const rng = new Rng(seed, "load-mix");
  return Array.from({ length: count }, () => drawPage(rng, source));
}

/**
 * Explorer pages asking questions no rollup answers, each on a different day so the answer cache
 * never serves one: `perQuestion` distinct random days, the questions taking turns.
 */
export function drawBaseQuestions(source: MixSource, perQuestion: number, seed = 6): PageState[] {
  const rng = new Rng(seed, "load-base-questions");
  const available = Math.round((Date.parse(source.lastDate) - Date.parse(source.firstDate)) / 86_400_000) + 1;
  if (perQuestion > available)
    throw new RangeError(
      `only ${available} days between ${source.firstDate} and ${source.lastDate}, ${perQuestion} asked`,
    );
  const days = new Set<string>();
  while (days.size < perQuestion) days.add(dayBetween(rng, source.firstDate, source.lastDate));
  return [...days].flatMap((day) =>
    BASE_EXPLORER_QUESTIONS.map((question): PageState => ({ page: "explorer", query: { asOf: day, ...question } })),
  );
}
