/** The shapes of API answers the charts read (see schema/schema.graphql). */
export interface MeasureValue {
  measure: string;
  value: number | null;
  share?: number | null;
}

export interface DimensionValue {
  dimension: string;
  code: string;
  label: string;
}

export interface AnalyticsRow {
  time: string | null;
  /** Why the public does not see this row's figures (small grassroots cell), if so. */
  suppressed?: string | null;
  /** Whether the public sees this row's figures with small consistent noise (below the second tier). */
  perturbed?: boolean;
  dimensions: DimensionValue[];
  values: MeasureValue[];
}

export interface AnalyticsResult {
  asOfDate: string;
  dataVersion: string;
  source: string;
  synthetic: boolean;
  totalsSuppressed?: string | null;
  totalsPerturbed?: boolean;
  /** Set for public answers: grassroots cells under this count are withheld. */
  suppressionThreshold?: number | null;
  rows: AnalyticsRow[];
  totals: MeasureValue[];
}

export interface RankedRow {
  code: string;
  label: string;
  rank: number;
  value: number | null;
  share: number | null;
}

export interface Ranking {
  asOfDate: string;
  count: number;
  measure: string;
  source: string;
  rows: RankedRow[];
}

export interface Milestone {
  kind: string;
  count: number;
  label: string;
  reachedAt: string;
  reachedAtVietnam: string;
}

export function valueOf(values: MeasureValue[], measure: string): number | null {
  return values.find((v) => v.measure === measure)?.value ?? null;
}

export function shareOf(values: MeasureValue[], measure: string): number | null {
  return values.find((v) => v.measure === measure)?.share ?? null;
}
