import type { ChartInput } from "@/charts/define-chart";
import { filtersOf } from "@/state/dashboard-state";
import { arg, type PanelField } from "./panel-query";

export interface Kpi {
  measure: string;
  label: string;
  unit: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface PhaseProgress {
  phase: number;
  label: string;
  target: number | null;
  submissions: number;
  valid: number;
  progress: number | null;
}

export interface Overview {
  asOfDate: string;
  dataVersion: string;
  synthetic: boolean;
  programmeTarget: number;
  programmeProgress: number;
  kpis: Kpi[];
  phases: PhaseProgress[];
}

/** Headline figures with their 7-day change and the phases' progress. */
export function overviewField(input: ChartInput): PanelField {
  return {
    alias: "overview",
    field: "overview",
    args: { asOf: arg.asOf(input.state.asOf), filters: arg.filters(filtersOf(input.state)) },
    selection: "asOfDate dataVersion synthetic programmeTarget programmeProgress kpis { measure label unit value previous change } phases { phase label target submissions valid progress }",
  };
}
