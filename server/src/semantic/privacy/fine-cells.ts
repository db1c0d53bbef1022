import { UNIT_TIER } from "../../db/entities/unit.entity";
import type { Answer } from "../answer/answer";
import type { AnalyticsQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { UnitDirectory } from "../units/unit-directory";

/** Deepest units whose figures are public exactly: the second tier (docs/privacy.md). */
const EXACT_DOWN_TO_DEPTH = 2;

export interface FineCells {
  /** Every row and the totals count a set defined at or below a grassroots union (a unit filter names one). */
  scope: boolean;
  /** Rows of the `unit` dimension that are grassroots unions (or deeper than the second tier). */
  rows: boolean[];
}

const isFine = (unit: { tier: number; depth: number } | null) =>
  unit !== null && (unit.tier >= UNIT_TIER.GRASSROOTS || unit.depth > EXACT_DOWN_TO_DEPTH);

/**
 * Which cells of an answer are fine-grained. A unit filter of any operator counts: `NOT_IN` a
 * grassroots union defines "the parent without it", which differs from the parent by that union.
 */
export async function fineCellsOf(raw: AnalyticsQuery, answer: Answer, units: UnitDirectory): Promise<FineCells> {
  const named = (raw.filters ?? []).filter((f) => f.dimension === UNIT_DIMENSION).flatMap((f) => f.values);
  const scope = (await Promise.all(named.map((code) => units.byCode(code)))).some(isFine);
  const index = (raw.dimensions ?? []).indexOf(UNIT_DIMENSION);
  if (index < 0) return { scope, rows: answer.rows.map(() => scope) };
  const fine = await units.belowDepthAmong(
    [...new Set(answer.rows.map((r) => r.dimensions[index]!.code))],
    EXACT_DOWN_TO_DEPTH,
  );
  return { scope, rows: answer.rows.map((r) => scope || fine.has(r.dimensions[index]!.code)) };
}
