/**
 * The semantic layer's public surface: its door (SemanticEngine) and the types a caller needs to
 * ask and read answers. Modules, HTTP handlers and scripts import from here, never from inside.
 */
export { SemanticEngine, type AskOptions, type EngineOptions, type ReleaseAsked } from "./engine";
export { LIVE } from "./releases/release-views";
export {
  valueOf,
  type Answer,
  type AnswerColumn,
  type AnswerRow,
  type AskContext,
  type ComparedPoint,
  type Locale,
  type MeasureValue,
} from "./answer/answer";
export { responseVersionOf, type DataState, type DataStateCache } from "./data-state";
export { BaseQueryGate, type BaseQueryLane } from "./execution/base-query-gate";
export type { Milestone, MilestoneKind } from "./milestones/milestones";
export {
  MAX_DIMENSIONS,
  MAX_FILTER_VALUES,
  MAX_LIMIT,
  type AnalyticsQuery,
  type CompareQuestion,
  type CompareTo,
  type DerivedMeasureQuestion,
  type FilterOperator,
  type Granularity,
} from "./query/analytics-query";
export { ANSWERABLE_DATES, vietnamDateOf } from "./query/dates";
export { REGISTRY, type Registry } from "./registry/registry";
export type { DimensionDefinition } from "./registry/dimensions";
export type { MeasureDefinition } from "./registry/measures";
export { AsOf } from "./time/as-of";
export type { UnitDirectory, UnitHit, UnitRecord } from "./units/unit-directory";
export type { CatalogueName } from "./catalogue";
export { PaceBoard, type PaceRequest } from "./pace/pace-board";
export type { PaceFigures, ProjectionPoint } from "./pace/pace-figures";
export type { PaceStatus } from "./pace/pace-status";
export { PHASE_WINDOWS, type PhaseWindow } from "./pace/phase-calendar";
