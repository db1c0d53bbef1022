import { PHASES } from "../reference/catalogues";
import { DAY_MS } from "../../common/vietnam-time";
import { vietnamMidnight } from "../seed/vietnam-time";

/**
 * What an import takes as plausible. A date or an amount beyond these is a typo (a year 2099, a
 * few zeros too many) that would still parse: one such row moves the span of every chart or
 * outweighs every other benefit, so it is a row error. Set by IMPORT_DATE_FROM, IMPORT_DATE_TO and
 * IMPORT_MAX_BENEFIT_VND (see server/src/config/config.ts).
 */
export interface ImportLimits {
  /** The first and last day, Vietnam time, "yyyy-mm-dd", inclusive, a submission or decision date may fall on. */
  dateFrom: string;
  dateTo: string;
  /** The largest benefit one initiative may claim, in đồng. */
  maxBenefitVnd: number;
}

/**
 * Initiatives still pending when the portal closed on 01/9/2023 are decided after it (the closing
 * ceremony was on 08/10/2023): a year leaves room for late decisions without letting a wrong year through.
 */
const REVIEW_YEARS = 1;
const lastDay = PHASES.at(-1)!.appliesUntil;

export const IMPORT_LIMIT_DEFAULTS: ImportLimits = {
  // Initiatives put into application from phase 1's first day are eligible: nothing the programme holds is older.
  dateFrom: PHASES[0]!.appliesFrom,
  dateTo: `${Number(lastDay.slice(0, 4)) + REVIEW_YEARS}${lastDay.slice(4)}`,
  // No initiative is worth more than the whole programme: "hơn 33.000 tỷ đồng" at its close (domain facts §2.3).
  maxBenefitVnd: 33_000_000_000_000,
};

/** The limits as the row checks use them: instants (the window's end exclusive) and đồng. */
export interface ImportBounds {
  fromMs: number;
  untilMs: number;
  maxBenefitVnd: number;
  /** "01/09/2021–01/09/2024", for messages. */
  window: string;
}

export function importBounds(limits: ImportLimits): ImportBounds {
  return {
    fromMs: vietnamMidnight(limits.dateFrom),
    untilMs: vietnamMidnight(limits.dateTo) + DAY_MS,
    maxBenefitVnd: limits.maxBenefitVnd,
    window: `${vietnameseDate(limits.dateFrom)}–${vietnameseDate(limits.dateTo)}`,
  };
}

/** "2021-09-01" → "01/09/2021", as the files write dates. */
function vietnameseDate(iso: string): string {
  return iso.split("-").reverse().join("/");
}
