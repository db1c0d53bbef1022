import type { TableData } from "@/charts/define-chart";
import type { Pace, TargetRow } from "@/graphql/result-types";
import { paceScore } from "./target-pace";

export type { TargetRow };

/** One line per unit: both phases side by side and the whole programme. */
export interface UnitTargets {
  code: string;
  label: string;
  kind: string;
  cluster: string | null;
  target1: number | null;
  valid1: number;
  attainment1: number | null;
  target2: number | null;
  valid2: number;
  attainment2: number | null;
  target: number | null;
  valid: number;
  attainment: number | null;
  /** Pace in the page's current phase, and the projected share of its target it sorts by. */
  pace: Pace | null;
  paceScore: number | null;
}

export type SortKey = keyof Pick<
  UnitTargets,
  | "label"
  | "target1"
  | "valid1"
  | "attainment1"
  | "target2"
  | "valid2"
  | "attainment2"
  | "target"
  | "valid"
  | "attainment"
  | "paceScore"
>;
export const SORT_KEYS: SortKey[] = [
  "label",
  "target1",
  "valid1",
  "attainment1",
  "target2",
  "valid2",
  "attainment2",
  "target",
  "valid",
  "attainment",
  "paceScore",
];

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/** Attainment as the programme measured it: valid / target × 100, per phase and overall; pace in `pacePhase`. */
export function byUnit(rows: TargetRow[], pacePhase?: number): UnitTargets[] {
  const units = new Map<string, UnitTargets>();
  for (const row of rows) {
    const unit = units.get(row.code) ?? {
      code: row.code,
      label: row.label,
      kind: row.kind,
      cluster: row.cluster,
      target1: null,
      valid1: 0,
      attainment1: null,
      target2: null,
      valid2: 0,
      attainment2: null,
      target: null,
      valid: 0,
      attainment: null,
      pace: null,
      paceScore: null,
    };
    if (row.phase === 1) Object.assign(unit, { target1: row.target, valid1: row.valid, attainment1: row.attainment });
    else Object.assign(unit, { target2: row.target, valid2: row.valid, attainment2: row.attainment });
    if (row.phase === pacePhase && row.pace) Object.assign(unit, { pace: row.pace, paceScore: paceScore(row.pace) });
    units.set(row.code, unit);
  }
  for (const unit of units.values()) {
    unit.target = sum(unit.target1, unit.target2);
    unit.valid = unit.valid1 + unit.valid2;
    unit.attainment = unit.target ? (unit.valid / unit.target) * 100 : null;
  }
  return [...units.values()];
}

/** Missing figures sort last in either direction; ties by code, so the order is stable. */
export function sortUnits(units: UnitTargets[], key: SortKey, descending: boolean): UnitTargets[] {
  return [...units].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const order = typeof x === "string" ? x.localeCompare(y as string, "vi") : (x as number) - (y as number);
    return (descending ? -order : order) || a.code.localeCompare(b.code);
  });
}

/** A colour band for attainment: below half, below target, met, twice over. */
export function attainmentBand(attainment: number | null): "none" | "low" | "below" | "met" | "high" {
  if (attainment === null) return "none";
  if (attainment < 50) return "low";
  if (attainment < 100) return "below";
  return attainment < 200 ? "met" : "high";
}

export function toTable(
  units: UnitTargets[],
  label: (key: string) => string,
  kindLabel: (kind: string) => string,
  paceLabel: (status: string) => string = (status) => status,
): TableData {
  const number = (key: SortKey, unit: "count" | "percent") => ({ key, label: label(key), unit });
  return {
    columns: [
      { key: "code", label: label("code") },
      { key: "label", label: label("label") },
      { key: "kind", label: label("kind") },
      number("target1", "count"),
      number("valid1", "count"),
      number("attainment1", "percent"),
      number("target2", "count"),
      number("valid2", "count"),
      number("attainment2", "percent"),
      number("target", "count"),
      number("valid", "count"),
      number("attainment", "percent"),
      { key: "pace", label: label("pace") },
      number("paceScore", "percent"),
    ],
    rows: units.map((u) => [
      u.code,
      u.label,
      kindLabel(u.kind),
      u.target1,
      u.valid1,
      u.attainment1,
      u.target2,
      u.valid2,
      u.attainment2,
      u.target,
      u.valid,
      u.attainment,
      u.pace ? paceLabel(u.pace.status) : null,
      u.paceScore,
    ]),
  };
}
