/**
 * The Explorer's optional parts (sort, comparison, derived measures, pivot) and how each is
 * written in the URL. Every reader here drops what it cannot read rather than send it to the server.
 */

export type SortDirection = "ASC" | "DESC";
export interface ExplorerOrder {
  by: string;
  direction: SortDirection;
}

export const COMPARE_KINDS = ["PREVIOUS_PERIOD", "PREVIOUS_PHASE_SAME_DAY", "AS_OF", "DATE_RANGE"] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];
/** What the figures are compared with (the API's CompareInput). */
export interface ExplorerCompare {
  to: CompareKind;
  /** PREVIOUS_PERIOD without a date range: how many days back (the API's default is 7). */
  days?: number;
  asOf?: string;
  from?: string;
  until?: string;
}

export const DERIVED_OPS = ["RATIO", "DIFFERENCE"] as const;
export type DerivedOp = (typeof DERIVED_OPS)[number];
/** A measure the analyst defines from two others (the API's DerivedMeasureInput), named to be sorted and charted. */
export interface DerivedMeasure {
  name: string;
  op: DerivedOp;
  left: string;
  right: string;
  label?: string;
}

export const PIVOT_FIGURES = ["value", "share", "compared", "difference", "percentChange"] as const;
export type PivotFigure = (typeof PIVOT_FIGURES)[number];
export interface PivotSort {
  /** A column's key (a member code or a bucket's date), or TOTAL_COLUMN. */
  column: string;
  descending: boolean;
}
export interface PivotSettings {
  measure?: string;
  figure: PivotFigure;
  sort?: PivotSort;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
export const isDate = (text: string | undefined): text is string => Boolean(text && DATE.test(text));
export const isName = (text: string | undefined): text is string => Boolean(text && NAME.test(text));
const oneOf = <T extends string>(choices: readonly T[], text: string | undefined): T | undefined =>
  choices.includes(text as T) ? (text as T) : undefined;

/** "submissions:DESC" ⇄ a sort. */
export function parseOrder(text: string | undefined): ExplorerOrder | undefined {
  const [by, direction] = (text ?? "").split(":");
  return by && (by === "time" || isName(by)) ? { by, direction: direction === "DESC" ? "DESC" : "ASC" } : undefined;
}
export const formatOrder = (order: ExplorerOrder | undefined) => (order ? `${order.by}:${order.direction}` : undefined);

/** "PREVIOUS_PERIOD:28", "AS_OF:2022-03-31", "DATE_RANGE:2022-01-01~2022-01-31" ⇄ a comparison. */
export function parseCompare(text: string | undefined): ExplorerCompare | undefined {
  const [kind, rest = ""] = (text ?? "").split(":");
  const to = oneOf(COMPARE_KINDS, kind);
  if (!to) return undefined;
  if (to === "PREVIOUS_PERIOD") {
    const days = Number(rest);
    return Number.isInteger(days) && days >= 1 && days <= 3660 ? { to, days } : { to };
  }
  // A comparison being set up (no date chosen yet) stays in the URL; it is sent once complete.
  if (to === "AS_OF") return isDate(rest) ? { to, asOf: rest } : { to };
  if (to === "DATE_RANGE") {
    const [from, until] = rest.split("~");
    return { to, ...(isDate(from) ? { from } : {}), ...(isDate(until) ? { until } : {}) };
  }
  return { to };
}

/** Whether the comparison can be asked: an explicit as-of or range needs its dates. */
export function isComplete(compare: ExplorerCompare): boolean {
  if (compare.to === "AS_OF") return Boolean(compare.asOf);
  if (compare.to === "DATE_RANGE") return Boolean(compare.from || compare.until);
  return true;
}
export function formatCompare(compare: ExplorerCompare | undefined): string | undefined {
  if (!compare) return undefined;
  if (compare.to === "PREVIOUS_PERIOD") return compare.days ? `${compare.to}:${compare.days}` : compare.to;
  if (compare.to === "AS_OF") return `${compare.to}:${compare.asOf ?? ""}`;
  if (compare.to === "DATE_RANGE") return `${compare.to}:${compare.from ?? ""}~${compare.until ?? ""}`;
  return compare.to;
}

/** "perValid:RATIO:benefitVnd:valid:Lợi ích mỗi sáng kiến;…" ⇄ derived measures (the label is free text). */
export function parseDerived(text: string | undefined): DerivedMeasure[] {
  return (text ?? "")
    .split(";")
    .filter(Boolean)
    .flatMap((part) => {
      const [name, op, left, right, ...label] = part.split(":");
      const kind = oneOf(DERIVED_OPS, op);
      if (!isName(name) || !kind || !isName(left) || !isName(right)) return [];
      const text = label.join(":").trim();
      return [{ name, op: kind, left, right, ...(text ? { label: text } : {}) }];
    });
}
export function formatDerived(derived: DerivedMeasure[]): string | undefined {
  const parts = derived.map((d) => [d.name, d.op, d.left, d.right, ...(d.label ? [d.label.replace(/;/g, ",")] : [])]);
  return parts.length ? parts.map((p) => p.join(":")).join(";") : undefined;
}

/** "valid:share:LDLD-38:DESC" ⇄ the pivot's settings (present only when the pivot is shown). */
export function parsePivot(text: string | undefined): PivotSettings | undefined {
  if (text === undefined) return undefined;
  const [measure, figure, column, direction] = text.split(":");
  return {
    ...(isName(measure) ? { measure } : {}),
    figure: oneOf(PIVOT_FIGURES, figure) ?? "value",
    ...(column ? { sort: { column, descending: direction !== "ASC" } } : {}),
  };
}
export function formatPivot(pivot: PivotSettings | undefined): string | undefined {
  if (!pivot) return undefined;
  const sort = pivot.sort ? [pivot.sort.column, pivot.sort.descending ? "DESC" : "ASC"] : [];
  return [pivot.measure ?? "", pivot.figure, ...sort].join(":");
}
