import { DAY_MS } from "../../common/vietnam-time";
import { isVietnamDayStart, parseMoment, vietnamDateOf } from "../query/dates";

/**
 * "As of": the instant before which events count, parsed once at the edge. A date means 24h of
 * that day in Vietnam ("as of 24h on 31/5/2022" counts what happened before 2022-06-01 00:00
 * UTC+7); an instant with an offset means itself. Everything downstream reads `before`.
 */
export class AsOf {
  private constructor(
    /** Events strictly before this instant (ms since the epoch) count. */
    readonly before: number,
  ) {}

  /** "2022-05-31" (24h of that day) or "2022-05-31T17:00:00+07:00"; a clear BAD_USER_INPUT otherwise. */
  static parse(text: string, field = "asOf"): AsOf {
    return new AsOf(parseMoment(text, field, true));
  }

  /** The moment `before`, e.g. the end of the data. */
  static at(before: number): AsOf {
    return new AsOf(before);
  }

  /** True when `before` is a Vietnam midnight: the figures are those of a whole day's 24h. */
  get isEndOfDay(): boolean {
    return isVietnamDayStart(this.before);
  }

  /** The Vietnam date whose 24h the figures are as of ("2022-05-31"), or the date holding the instant. */
  get date(): string {
    return vietnamDateOf(this.isEndOfDay ? this.before - 1 : this.before);
  }

  /** The same time of day `days` earlier: "a week ago" is `daysEarlier(7)`. */
  daysEarlier(days: number): AsOf {
    return new AsOf(this.before - days * DAY_MS);
  }

  /** The form a person would write: the date for 24h of a day, else the instant in UTC. */
  toString(): string {
    return this.isEndOfDay ? this.date : new Date(this.before).toISOString();
  }

  toJSON(): string {
    return this.toString();
  }
}
