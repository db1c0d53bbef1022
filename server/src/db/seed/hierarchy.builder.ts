import { PROVINCES, TOP_UNITS, type TopUnitRecord } from "../reference/reference-data";
import { CALIBRATION, GRASSROOTS_KINDS, exactAnchors, scaled, type ProfileName } from "./calibration";
import { planGrassroots } from "./grassroots.planner";
import type { GrassrootsArrays, Hierarchy, TopUnitModel, UnitRow } from "./hierarchy.types";
import { createIntermediates } from "./intermediates.builder";
import { Rng } from "./random";
import { buildTargets } from "./targets.builder";

const model = CALIBRATION.model;

export const PROVINCE_CODES = PROVINCES.map((p) => p.code);

/** Builds the unit tree, members and targets. Everything that counts people scales with `scale`. */
export function buildHierarchy(seed: number, scale: number): Hierarchy {
  const rng = new Rng(seed, "hierarchy");
  const anchors = exactAnchors(scale);
  const confederation: UnitRow = {
    id: 1,
    parentId: null,
    code: "TLĐ",
    name: "Tổng Liên đoàn Lao động Việt Nam",
    kind: "CONFEDERATION",
    tier: 0,
    depth: 0,
    path: "/1/",
    topUnitId: null,
    provinceCode: null,
    clusterCode: null,
  };
  const topUnits: TopUnitModel[] = TOP_UNITS.map((record, index) => {
    const id = 2 + index;
    return {
      index,
      id,
      record,
      path: `/1/${id}/`,
      members: scaled(membersOf(record), scale),
      profile: profileOf(record),
      engagement: (model.engagement.byUnit as Record<string, number>)[record.code] ?? model.engagement.default,
      grassrootsFrom: 0,
      grassrootsTo: 0,
    };
  });

  let nextId = 2 + topUnits.length;
  const intermediates: UnitRow[] = [];
  const plans = topUnits.map((top) => {
    const unitRng = rng.fork(top.record.code);
    const plan = planGrassroots(top, unitRng, anchors.thanhHoa, scale);
    const parents = createIntermediates(top, plan.kinds.length, () => nextId++, unitRng);
    intermediates.push(...parents.rows);
    return { top, plan, parents, unitRng };
  });

  const total = plans.reduce((sum, p) => sum + p.plan.kinds.length, 0);
  const grassroots: GrassrootsArrays = {
    count: total,
    firstId: nextId,
    topUnit: new Uint8Array(total),
    kind: new Uint8Array(total),
    members: new Int32Array(total),
    parentId: new Int32Array(total),
    provinceIndex: new Uint8Array(total),
    activity: new Float32Array(total),
    serial: new Int32Array(total),
  };
  let g = 0;
  for (const { top, plan, parents, unitRng } of plans) {
    top.grassrootsFrom = g;
    const serials = new Map<number, number>();
    const locate = locationSampler(top.record);
    for (let i = 0; i < plan.kinds.length; i++, g++) {
      const kind = plan.kinds[i]!;
      grassroots.topUnit[g] = top.index;
      grassroots.kind[g] = kind;
      grassroots.members[g] = plan.members[i]!;
      grassroots.activity[g] = plan.participates[i] ? unitRng.logNormal(1, 0.8) : 0;
      grassroots.parentId[g] = parents.parentFor(GRASSROOTS_KINDS[kind]!, unitRng);
      grassroots.provinceIndex[g] = locate(unitRng);
      const serial = (serials.get(kind) ?? 0) + 1;
      serials.set(kind, serial);
      grassroots.serial[g] = serial;
    }
    top.grassrootsTo = g;
  }

  return { confederation, topUnits, intermediates, grassroots, targets: buildTargets(topUnits, anchors, scale) };
}

function membersOf(record: TopUnitRecord): number {
  if (record.kind !== "PROVINCIAL_FEDERATION") {
    const central = (model.centralUnits as Record<string, { members: number }>)[record.code];
    if (!central) throw new Error(`calibration: no members for ${record.code}`);
    return central.members;
  }
  const province = PROVINCES.find((p) => p.code === record.provinceCode)!;
  const rate =
    (model.provinceMemberRate.byProvince as Record<string, number>)[province.code] ?? model.provinceMemberRate.default;
  return province.population2019 * rate;
}

function profileOf(record: TopUnitRecord): ProfileName {
  if (record.kind !== "PROVINCIAL_FEDERATION") {
    return (model.centralUnits as Record<string, { profile: ProfileName }>)[record.code]!.profile;
  }
  return model.industrialProvinces.includes(record.provinceCode) ? "industrial" : "province";
}

function locationSampler(record: TopUnitRecord): (rng: Rng) => number {
  const ownIndex = PROVINCE_CODES.indexOf(record.provinceCode);
  if (record.kind === "PROVINCIAL_FEDERATION") return () => ownIndex;
  const explicit = (model.centralUnits as Record<string, { locations?: Record<string, number> }>)[record.code]
    ?.locations;
  const weights = PROVINCES.map((p, i) => {
    if (explicit) return explicit[p.code] ?? 0;
    return (i === ownIndex ? 0.35 : 0) + (0.65 * p.population2019) / 96_208_984;
  });
  return (rng) => rng.pick(weights);
}
