/**
 * Small-cell suppression, as statistics offices practise it, for public answers.
 *
 * Primary: a cell at grassroots-unit level (or below) that counts fewer than k initiatives has
 * all its figures withheld. Complementary: within one answer the rows add up to the published
 * totals, so a lone withheld row could be recovered as total − the others; whenever exactly one
 * row of the answer is withheld, the smallest other row is withheld too (ties: the first), and
 * when there is no other row the totals are withheld instead. With two or more rows withheld,
 * subtraction yields only their sum, never a single cell.
 */
export type SuppressionReason = "SMALL_CELL" | "COMPLEMENTARY";

export interface SuppressionPlan {
  rows: Array<SuppressionReason | null>;
  totals: SuppressionReason | null;
}

export interface SuppressionInput {
  /** Initiatives counted by each row (submissions). */
  counts: number[];
  /** Whether each row is a grassroots-level cell (only those can be primary-suppressed). */
  isCell: boolean[];
  /** Whether the totals themselves describe a grassroots-level cell (a filter to one grassroots union). */
  totalsIsCell: boolean;
  totalCount: number;
  /** Whether the rows add up to the totals (false for cumulative series: nothing to subtract from). */
  rowsAddUp: boolean;
  k: number;
}

export function planSuppression(input: SuppressionInput): SuppressionPlan {
  const rows: Array<SuppressionReason | null> = input.counts.map((count, i) =>
    input.isCell[i] && count < input.k ? "SMALL_CELL" : null,
  );
  let totals: SuppressionReason | null = input.totalsIsCell && input.totalCount < input.k ? "SMALL_CELL" : null;
  if (totals || !input.rowsAddUp) return { rows, totals };
  const withheld = rows.filter(Boolean).length;
  if (withheld === 1) {
    let partner = -1;
    rows.forEach((reason, i) => {
      if (!reason && (partner < 0 || input.counts[i]! < input.counts[partner]!)) partner = i;
    });
    if (partner >= 0) rows[partner] = "COMPLEMENTARY";
    else totals = "COMPLEMENTARY";
  }
  return { rows, totals };
}
