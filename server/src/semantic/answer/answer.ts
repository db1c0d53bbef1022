import type { Role } from "../../auth/roles";
import type { ReleaseRecord } from "../../db/releases/release-store";

/** The engine's answer to one question: what `analytics` and every convenience return, typed. */
export interface Answer {
  rows: AnswerRow[];
  /** Over all rows of the query (before limit and offset). */
  totals: MeasureValue[];
  columns: AnswerColumn[];
  /** The instant the figures are as of (exclusive). */
  asOf: Date;
  /** The Vietnam date whose 24h the figures are as of. */
  asOfDate: string;
  dataVersion: string;
  synthetic: boolean;
  /** Every table that answered: rollups by name, "initiative" for the base table; attribute tables are not named. */
  sources: string[];
  explain: AnswerExplain;
  /** Why the totals are withheld from the public, if they are. */
  totalsSuppressed?: string | null;
  /** Whether the totals are perturbed for the public (cell key method, docs/privacy.md). */
  totalsPerturbed?: boolean;
  /** For public callers: grassroots cells counting fewer initiatives than this are withheld. */
  suppressionThreshold?: number | null;
  /** The published release that answered; null (or absent) for the live data. */
  release?: ReleaseRecord | null;
}

export interface AnswerRow {
  /** Start date of the time bucket (Vietnam calendar), with a time dimension. */
  time: string | null;
  dimensions: Array<{ dimension: string; code: string; label: string }>;
  values: MeasureValue[];
  /** Why this row's figures are withheld from the public (SMALL_CELL, COMPLEMENTARY), if they are. */
  suppressed?: string | null;
  /** Whether this row's figures are perturbed for the public (cell key method, docs/privacy.md). */
  perturbed?: boolean;
}

export interface MeasureValue {
  measure: string;
  value: number | null;
  share: number | null;
}

export interface AnswerColumn {
  name: string;
  kind: "time" | "dimension" | "measure";
  label: string;
  unit: string | null;
  format: string | null;
}

export interface AnswerExplain {
  rejected: Array<{ rollup: string; reason: string }>;
  sql: string[];
  parameters: string[];
}

export type Locale = "vi" | "en";

/** Who asks and in which language: what the engine needs of a request. */
export interface AskContext {
  locale: Locale;
  /** public (anonymous), leadership or admin. Absent means public. */
  role?: Role;
  /** The release asked for: an id, "live", or absent for the default (the newest release for the public, live for token holders). */
  release?: string;
}

/** The first value of `measure` in a list of values (a row's or the totals), or null. */
export function valueOf(values: MeasureValue[], measure: string): number | null {
  return values.find((v) => v.measure === measure)?.value ?? null;
}
