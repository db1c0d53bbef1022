import calibrationJson from "./calibration.json";
import { apportion } from "./apportion";

export type WorkerCategoryCode = "PUBLIC_SERVICE" | "ENTERPRISE" | "UNION_CADRE" | "PARTY_STATE";
export type GrassrootsKindCode = "ENTERPRISE" | "SCHOOL" | "HEALTH" | "PUBLIC_SERVICE" | "STATE_AGENCY" | "COMMUNE";
export type SegmentId = "P1" | "P2a" | "P2b" | "P2c";
export type ProfileName = "province" | "industrial" | "public" | "state" | "economic" | "corporation";

/** The calibration file: published figures (what must come out) and the generator's shape parameters. */
export type Calibration = typeof calibrationJson;
export const CALIBRATION: Calibration = calibrationJson;

export const WORKER_CATEGORY_ORDER = CALIBRATION.model.workerCategoryOrder as WorkerCategoryCode[];
export const GRASSROOTS_KINDS: GrassrootsKindCode[] = [
  "ENTERPRISE",
  "SCHOOL",
  "HEALTH",
  "PUBLIC_SERVICE",
  "STATE_AGENCY",
  "COMMUNE",
];

/** A published count at a given scale. At scale 1 it is the published figure itself. */
export function scaled(count: number, scale: number): number {
  return Math.round(count * scale);
}

/**
 * The exact figures the dataset must reproduce at a scale, derived one way for the generator
 * and its tests. Parts that must sum to a whole are apportioned from the scaled whole.
 */
export function exactAnchors(scale: number) {
  const exact = CALIBRATION.published.exact;
  const phase1 = scaled(exact.phase1.submissions, scale);
  const byCategory = apportion(
    phase1,
    WORKER_CATEGORY_ORDER.map((c) => exact.phase1ByWorkerCategory[c]),
  );
  const th = exact.thanhHoa;
  const thParticipatingKinds = Object.entries(CALIBRATION.model.thanhHoaParticipatingByKind) as Array<
    [GrassrootsKindCode, { unions: number; members: number }]
  >;
  const thUnions = scaled(th.participatingGrassroots.unions, scale);
  const thMembers = scaled(th.participatingGrassroots.members, scale);
  const thUnionsByKind = apportion(
    thUnions,
    thParticipatingKinds.map(([, v]) => v.unions),
  );
  const thMembersByKind = apportion(
    thMembers,
    thParticipatingKinds.map(([, v]) => v.members),
  );
  return {
    phase1Before: exact.phase1.before,
    phase1,
    phase1ByCategory: Object.fromEntries(WORKER_CATEGORY_ORDER.map((c, i) => [c, byCategory[i]!])) as Record<
      WorkerCategoryCode,
      number
    >,
    firstPortalDay: { date: exact.firstPortalDay.date, submissions: scaled(exact.firstPortalDay.submissions, scale) },
    millionth: { ordinal: scaled(exact.millionth.ordinal, scale), minute: exact.millionth.minute },
    thanhHoa: {
      unit: th.unit,
      phase1: scaled(th.phase1.submissions, scale),
      finalBefore: th.final.before,
      final: scaled(th.final.submissions, scale),
      validAtFinal: scaled(th.final.validAtThatInstant, scale),
      participatingUnions: thUnions,
      participatingMembers: thMembers,
      participatingByKind: thParticipatingKinds.map(([kind], i) => ({
        kind,
        unions: thUnionsByKind[i]!,
        members: thMembersByKind[i]!,
      })),
    },
    haNoi: {
      unit: exact.haNoi.unit,
      phase1: scaled(exact.haNoi.phase1.submissions, scale),
      augustBefore: exact.haNoi.august2023.before,
      august: scaled(exact.haNoi.august2023.submissions, scale),
      augustSubmitters: scaled(exact.haNoi.august2023.distinctSubmitters, scale),
    },
    targets: {
      national: {
        phase1: scaled(exact.targets.national.phase1, scale),
        phase2: scaled(exact.targets.national.programme - exact.targets.national.phase1, scale),
      },
      units: Object.fromEntries(
        Object.entries(exact.targets.units).map(([code, [p1, p2]]) => [code, [scaled(p1!, scale), scaled(p2!, scale)]]),
      ) as Record<string, [number, number]>,
    },
  };
}

export type ExactAnchors = ReturnType<typeof exactAnchors>;
