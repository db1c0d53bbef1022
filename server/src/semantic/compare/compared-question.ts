import { badInput } from "../../common/errors";
import { DAY_MS } from "../../common/vietnam-time";
import { PHASES } from "../../db/reference/catalogues";
import {
  ANSWERABLE_BEFORE_MS,
  ANSWERABLE_FROM_MS,
  isVietnamDayStart,
  parseMoment,
  vietnamDateOf,
} from "../query/dates";
import { MAX_LIMIT, type AnalyticsQuery, type CompareQuestion } from "../query/analytics-query";
import { AsOf } from "../time/as-of";

/** The instants a question counts: events before `asOf`, within `range` when it has one (ms; `from` set when the range names it). */
export interface Window {
  asOf: number;
  range?: { from?: number; before: number };
}

/** The other half of a comparison: the same question at another point, and how its time buckets line up. */
export interface ComparedQuestion {
  question: AnalyticsQuery;
  value: Window;
  compared: Window;
  /** Buckets are paired from the ranges' starts (both sides have a `from`), else counted back from the as-of. */
  alignFrom: "start" | "end";
}

const MAX_DAYS = 3650;
const PHASE_OPENS = PHASES.map((p) => Date.parse(p.portalOpensAt));
const PHASE_CLOSES = PHASES.map((p) => Date.parse(p.portalClosesAt));

/**
 * The question a comparison adds. Shifts move the whole question back in time — its as-of and its
 * date range together, so both sides are equally mature (as many days between a period's end and its
 * as-of): PREVIOUS_PERIOD by the range's own length (or by `days`, default 7, for an as-of alone);
 * PREVIOUS_PHASE_SAME_DAY by the distance between the phases' openings (144 days), its as-of held
 * to the previous phase's close (a day past that phase's length means its end). AS_OF and
 * DATE_RANGE replace one of the two and keep the other. The compared half is asked whole (no
 * paging): rows are matched to the asked ones, not paged on their own.
 */
export function comparedQuestion(
  question: AnalyticsQuery,
  compare: CompareQuestion,
  dataEnd: number,
): ComparedQuestion {
  const value = windowOf(question, dataEnd);
  const compared = comparedWindow(value, compare);
  if (compared.range && compared.range.from !== undefined && compared.range.from < ANSWERABLE_FROM_MS) {
    throw badInput(`compare: the compared period would start before ${vietnamDateOf(ANSWERABLE_FROM_MS)}`, {
      field: "compare",
    });
  }
  const { compare: _asked, offset: _offset, ...rest } = question;
  return {
    question: {
      ...rest,
      asOf: AsOf.at(compared.asOf),
      dateRange: compared.range ? rangeText(compared.range) : undefined,
      limit: MAX_LIMIT,
    },
    value,
    compared,
    alignFrom: value.range?.from !== undefined && compared.range?.from !== undefined ? "start" : "end",
  };
}

function comparedWindow(value: Window, compare: CompareQuestion): Window {
  switch (compare.to) {
    case "PREVIOUS_PERIOD": {
      if (value.range) {
        if (value.range.from === undefined || value.range.before === ANSWERABLE_BEFORE_MS) {
          throw badInput("compare: PREVIOUS_PERIOD of a date range needs both its from and its to", {
            field: "compare",
          });
        }
        return shifted(value, value.range.before - value.range.from);
      }
      const days = compare.days ?? 7;
      if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
        throw badInput(`compare.days: a whole number from 1 to ${MAX_DAYS}, got ${days}`, { field: "compare.days" });
      }
      return shifted(value, days * DAY_MS);
    }
    case "PREVIOUS_PHASE_SAME_DAY": {
      // The phase of the first instant a range counts, or of the last instant an as-of counts.
      const moment = value.range?.from ?? value.asOf - 1;
      const phase = PHASE_OPENS.findLastIndex((opens) => opens <= moment);
      if (phase < 1) {
        throw badInput(
          "compare: PREVIOUS_PHASE_SAME_DAY needs a point in phase 2 or later; phase 1 has no previous phase",
          {
            field: "compare",
          },
        );
      }
      const moved = shifted(value, PHASE_OPENS[phase]! - PHASE_OPENS[phase - 1]!);
      return { ...moved, asOf: Math.min(moved.asOf, PHASE_CLOSES[phase - 1]!) };
    }
    case "AS_OF":
      if (!compare.asOf)
        throw badInput("compare.asOf: AS_OF needs the as-of to compare with", { field: "compare.asOf" });
      return { ...value, asOf: compare.asOf.before };
    case "DATE_RANGE": {
      const range = compare.dateRange && rangeOf(compare.dateRange, "compare.dateRange");
      if (!range) throw badInput("compare.dateRange: DATE_RANGE needs a from or a to", { field: "compare.dateRange" });
      return { ...value, range };
    }
  }
}

function shifted(window: Window, by: number): Window {
  return {
    asOf: window.asOf - by,
    range: window.range && {
      from: window.range.from === undefined ? undefined : window.range.from - by,
      before: window.range.before === ANSWERABLE_BEFORE_MS ? ANSWERABLE_BEFORE_MS : window.range.before - by,
    },
  };
}

function windowOf(question: AnalyticsQuery, dataEnd: number): Window {
  return { asOf: question.asOf?.before ?? dataEnd, range: rangeOf(question.dateRange, "dateRange") };
}

/** The range as normalize.ts reads it (an open end is the edge of the answerable dates); undefined when it names neither end. */
function rangeOf(range: AnalyticsQuery["dateRange"], field: string): Window["range"] {
  if (!range || (!range.from && !range.to)) return undefined;
  return {
    from: range.from ? parseMoment(range.from, `${field}.from`, false) : undefined,
    before: range.to ? parseMoment(range.to, `${field}.to`, true) : ANSWERABLE_BEFORE_MS,
  };
}

/**
 * A range in the question's own words: inclusive Vietnam dates where it starts and ends at
 * midnights, else instants (an instant `to` is exclusive, as parseMoment reads it).
 */
export function rangeText(range: NonNullable<Window["range"]>): { from?: string; to?: string } {
  const text = (ms: number, end: boolean) =>
    isVietnamDayStart(ms) ? vietnamDateOf(end ? ms - 1 : ms) : new Date(ms).toISOString();
  return {
    from: range.from === undefined ? undefined : text(range.from, false),
    to: range.before === ANSWERABLE_BEFORE_MS ? undefined : text(range.before, true),
  };
}
