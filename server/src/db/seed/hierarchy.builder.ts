import { PROVINCES, TOP_UNITS, type TopUnitRecord } from "../reference/reference-data";
import { apportion, apportionWithMinimum } from "./apportion";
import {
  CALIBRATION, GRASSROOTS_KINDS, exactAnchors, scaled,
  type GrassrootsKindCode, type ProfileName,
} from "./calibration";
import { GRASSROOTS_KIND_LABEL, pad, searchable } from "./names";
import { Rng } from "./random";

const model = CALIBRATION.model;

/** One row of the unit table. Grassroots unions are kept in typed arrays instead (about 130,000). */
export interface UnitRow {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: string;
  tier: number;
  depth: number;
  path: string;
  topUnitId: number | null;
  provinceCode: string | null;
  clusterCode: string | null;
}

export interface TopUnitModel {
  index: number;
  id: number;
  record: TopUnitRecord;
  path: string;
  members: number;
  profile: ProfileName;
  engagement: number;
  /** Grassroots unions of this unit occupy [grassrootsFrom, grassrootsTo) in the grassroots arrays. */
  grassrootsFrom: number;
  grassrootsTo: number;
}

/** Grassroots unions as parallel arrays, indexed 0..count-1; the unit id is firstGrassrootsId + index. */
export interface GrassrootsArrays {
  count: number;
  firstId: number;
  topUnit: Uint8Array;
  kind: Uint8Array;
  members: Int32Array;
  parentId: Int32Array;
  provinceIndex: Uint8Array;
  /** 0 for unions that never submit; otherwise how active the union is. */
  activity: Float32Array;
  /** Number within its top unit and kind, for the synthetic name. */
  serial: Int32Array;
}

export interface Hierarchy {
  confederation: UnitRow;
  topUnits: TopUnitModel[];
  intermediates: UnitRow[];
  grassroots: GrassrootsArrays;
  targets: Array<{ unitId: number; phaseId: 1 | 2; target: number }>;
}

export const PROVINCE_CODES = PROVINCES.map((p) => p.code);

/** Builds the unit tree, members and targets. Everything that counts people scales with `scale`. */
export function buildHierarchy(seed: number, scale: number): Hierarchy {
  const rng = new Rng(seed, "hierarchy");
  const anchors = exactAnchors(scale);
  const confederation: UnitRow = {
    id: 1, parentId: null, code: "TLĐ", name: "Tổng Liên đoàn Lao động Việt Nam", kind: "CONFEDERATION",
    tier: 0, depth: 0, path: "/1/", topUnitId: null, provinceCode: null, clusterCode: null,
  };
  const topUnits: TopUnitModel[] = TOP_UNITS.map((record, index) => {
    const id = 2 + index;
    return {
      index, id, record, path: `/1/${id}/`,
      members: scaled(membersOf(record), scale),
      profile: profileOf(record),
      engagement: (model.engagement.byUnit as Record<string, number>)[record.code] ?? model.engagement.default,
      grassrootsFrom: 0, grassrootsTo: 0,
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
    count: total, firstId: nextId,
    topUnit: new Uint8Array(total), kind: new Uint8Array(total), members: new Int32Array(total),
    parentId: new Int32Array(total), provinceIndex: new Uint8Array(total), activity: new Float32Array(total),
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

export function grassrootsRow(h: Hierarchy, g: number): UnitRow & { grassrootsKind: GrassrootsKindCode; members: number } {
  const top = h.topUnits[h.grassroots.topUnit[g]!]!;
  const kind = GRASSROOTS_KINDS[h.grassroots.kind[g]!]!;
  const province = PROVINCES[h.grassroots.provinceIndex[g]!]!;
  const id = h.grassroots.firstId + g;
  const parentId = h.grassroots.parentId[g]!;
  const owner = top.record.kind === "PROVINCIAL_FEDERATION" ? province.name : top.record.shortName;
  return {
    id, parentId, code: `${top.record.code}-CS${pad(g - top.grassrootsFrom + 1, 5)}`,
    name: `CĐCS ${GRASSROOTS_KIND_LABEL[kind]} số ${pad(h.grassroots.serial[g]!, 4)} – ${owner}`,
    kind: "GRASSROOTS", tier: 3, depth: parentId === top.id ? 2 : 3,
    path: parentId === top.id ? `${top.path}${id}/` : `${top.path}${parentId}/${id}/`,
    topUnitId: top.id, provinceCode: province.code, clusterCode: null,
    grassrootsKind: kind, members: h.grassroots.members[g]!,
  };
}

export function topUnitRow(top: TopUnitModel): UnitRow {
  return {
    id: top.id, parentId: 1, code: top.record.code, name: top.record.name, kind: top.record.kind, tier: 1, depth: 1,
    path: top.path, topUnitId: top.id,
    provinceCode: top.record.kind === "PROVINCIAL_FEDERATION" ? top.record.provinceCode : null,
    clusterCode: top.record.cluster,
  };
}

export { searchable };

function membersOf(record: TopUnitRecord): number {
  if (record.kind !== "PROVINCIAL_FEDERATION") {
    const central = (model.centralUnits as Record<string, { members: number }>)[record.code];
    if (!central) throw new Error(`calibration: no members for ${record.code}`);
    return central.members;
  }
  const province = PROVINCES.find((p) => p.code === record.provinceCode)!;
  const rate = (model.provinceMemberRate.byProvince as Record<string, number>)[province.code] ??
    model.provinceMemberRate.default;
  return province.population2019 * rate;
}

function profileOf(record: TopUnitRecord): ProfileName {
  if (record.kind !== "PROVINCIAL_FEDERATION") {
    return (model.centralUnits as Record<string, { profile: ProfileName }>)[record.code]!.profile;
  }
  return model.industrialProvinces.includes(record.provinceCode) ? "industrial" : "province";
}

function meanMembers(kind: GrassrootsKindCode, profile: ProfileName): number {
  if (kind === "ENTERPRISE" && profile === "industrial") return model.industrialEnterpriseMeanMembers;
  return model.grassrootsMeanMembers[kind];
}

interface GrassrootsPlan { kinds: number[]; members: number[]; participates: boolean[] }

function planGrassroots(
  top: TopUnitModel, rng: Rng, th: ReturnType<typeof exactAnchors>["thanhHoa"], scale: number,
): GrassrootsPlan {
  if (top.record.code === th.unit) {
    // Thanh Hóa's participating unions are published exactly (count and members by kind).
    const plan: GrassrootsPlan = { kinds: [], members: [], participates: [] };
    for (const group of th.participatingByKind) {
      appendGroup(plan, GRASSROOTS_KINDS.indexOf(group.kind), group.unions, group.members, true, top.profile, rng);
    }
    const rest = model.thanhHoaNonParticipating;
    appendProfile(plan, scaled(rest.unions, scale), scaled(rest.members, scale), false, top.profile, rng);
    return plan;
  }
  const shares = model.grassrootsProfiles[top.profile].shares as Partial<Record<GrassrootsKindCode, number>>;
  const mean = Object.entries(shares).reduce(
    (sum, [kind, share]) => sum + share! * meanMembers(kind as GrassrootsKindCode, top.profile), 0);
  const count = Math.max(2, Math.round(top.members / mean));
  const plan: GrassrootsPlan = { kinds: [], members: [], participates: [] };
  appendProfile(plan, count, top.members, true, top.profile, rng);
  for (let i = 0; i < plan.participates.length; i++) plan.participates[i] = rng.next() < model.participationShare;
  plan.participates[0] = true;
  return plan;
}

function appendProfile(plan: GrassrootsPlan, count: number, members: number, participates: boolean, profile: ProfileName, rng: Rng) {
  const shares = model.grassrootsProfiles[profile].shares as Partial<Record<GrassrootsKindCode, number>>;
  const kinds = GRASSROOTS_KINDS.filter((k) => (shares[k] ?? 0) > 0);
  const counts = apportion(count, kinds.map((k) => shares[k]!));
  const memberWeights = kinds.map((k, i) => counts[i]! * meanMembers(k, profile));
  const membersByKind = apportion(members, memberWeights);
  kinds.forEach((kind, i) => {
    appendGroup(plan, GRASSROOTS_KINDS.indexOf(kind), counts[i]!, membersByKind[i]!, participates, profile, rng);
  });
}

function appendGroup(plan: GrassrootsPlan, kind: number, count: number, members: number, participates: boolean, _profile: ProfileName, rng: Rng) {
  if (count === 0) return;
  const sigma = model.grassrootsSizeSigma;
  const weights = Array.from({ length: count }, () => Math.exp(sigma * rng.normal()));
  const minimum = Math.min(3, Math.floor(members / count));
  const sizes = apportionWithMinimum(members, weights, minimum);
  for (const size of sizes) {
    plan.kinds.push(kind);
    plan.members.push(size);
    plan.participates.push(participates);
  }
}

interface Parents { rows: UnitRow[]; parentFor(kind: GrassrootsKindCode, rng: Rng): number }

function createIntermediates(top: TopUnitModel, grassrootsCount: number, nextId: () => number, rng: Rng): Parents {
  const rows: UnitRow[] = [];
  const make = (kind: string, name: string, serial: number): UnitRow => {
    const id = nextId();
    const row: UnitRow = {
      id, parentId: top.id, code: `${top.record.code}-T${pad(serial, 2)}`, name, kind, tier: 2, depth: 2,
      path: `${top.path}${id}/`, topUnitId: top.id,
      provinceCode: top.record.kind === "PROVINCIAL_FEDERATION" ? top.record.provinceCode : null, clusterCode: null,
    };
    rows.push(row);
    return row;
  };
  // Small scales have few grassroots unions; keep about eight under each intermediate at least.
  const cap = Math.max(1, Math.ceil(grassrootsCount / 8));
  if (top.record.kind === "PROVINCIAL_FEDERATION") {
    const province = PROVINCES.find((p) => p.code === top.record.provinceCode)!;
    const districtCount = Math.min(cap, Math.max(2, Math.min(30, Math.round(province.population2019 / 130_000))));
    const districts = Array.from({ length: districtCount }, (_, i) =>
      make("DISTRICT_FEDERATION", `LĐLĐ cấp huyện số ${pad(i + 1, 2)} – ${province.name}`, i + 1));
    const districtSampler = districts.map(() => rng.logNormal(1, 0.6));
    let serial = districtCount;
    const extra = cap > districtCount + 3;
    const zone = extra && (top.profile === "industrial" || province.population2019 > 1_000_000)
      ? make("INDUSTRIAL_ZONE_UNION", `CĐ các Khu công nghiệp – ${province.name}`, ++serial) : undefined;
    const education = extra ? make("PROVINCIAL_SECTOR_UNION", `CĐ ngành Giáo dục – ${province.name}`, ++serial) : undefined;
    const health = extra ? make("PROVINCIAL_SECTOR_UNION", `CĐ ngành Y tế – ${province.name}`, ++serial) : undefined;
    const civil = extra ? make("PROVINCIAL_SECTOR_UNION", `CĐ Viên chức – ${province.name}`, serial + 1) : undefined;
    const district = () => districts[rng.pick(districtSampler)]!.id;
    const route: Record<GrassrootsKindCode, () => number> = {
      SCHOOL: () => (education && rng.next() < 0.35 ? education.id : district()),
      HEALTH: () => (health && rng.next() < 0.8 ? health.id : district()),
      PUBLIC_SERVICE: () => (civil && rng.next() < 0.4 ? civil.id : district()),
      STATE_AGENCY: () => (civil && rng.next() < 0.35 ? civil.id : district()),
      COMMUNE: district,
      ENTERPRISE: () => (zone && rng.next() < 0.4 ? zone.id : district()),
    };
    return { rows, parentFor: (kind) => route[kind]() };
  }
  const memberUnions = top.profile === "economic" || top.profile === "corporation";
  const count = Math.min(cap, Math.max(3, Math.min(12, Math.round(top.members / 12_000))));
  const children = Array.from({ length: count }, (_, i) =>
    memberUnions
      ? make("MEMBER_CORPORATION_UNION", `CĐ đơn vị thành viên số ${pad(i + 1, 2)} – ${top.record.shortName}`, i + 1)
      : make("UPPER_UNION", `CĐ cấp trên cơ sở số ${pad(i + 1, 2)} – ${top.record.shortName}`, i + 1));
  const weights = children.map(() => rng.logNormal(1, 0.7));
  // About a fifth of a central union's grassroots unions report to it directly (one level less).
  return { rows, parentFor: () => (rng.next() < 0.2 ? top.id : children[rng.pick(weights)]!.id) };
}

function locationSampler(record: TopUnitRecord): (rng: Rng) => number {
  const ownIndex = PROVINCE_CODES.indexOf(record.provinceCode);
  if (record.kind === "PROVINCIAL_FEDERATION") return () => ownIndex;
  const explicit = (model.centralUnits as Record<string, { locations?: Record<string, number> }>)[record.code]?.locations;
  const weights = PROVINCES.map((p, i) => {
    if (explicit) return explicit[p.code] ?? 0;
    return (i === ownIndex ? 0.35 : 0) + (0.65 * p.population2019) / 96_208_984;
  });
  return (rng) => rng.pick(weights);
}

function buildTargets(topUnits: TopUnitModel[], anchors: ReturnType<typeof exactAnchors>, scale: number) {
  const targets: Hierarchy["targets"] = [
    { unitId: 1, phaseId: 1, target: anchors.targets.national.phase1 },
    { unitId: 1, phaseId: 2, target: anchors.targets.national.phase2 },
  ];
  const overrides: Record<string, [number, number]> = { ...anchors.targets.units };
  for (const [code, [p1, p2]] of Object.entries(model.targetModel.overrides)) {
    overrides[code] = [scaled(p1!, scale), scaled(p2!, scale)];
  }
  const fixed = topUnits.filter((t) => overrides[t.record.code]);
  const others = topUnits.filter((t) => !overrides[t.record.code]);
  const fixedSum = fixed.reduce((s, t) => s + overrides[t.record.code]![0] + overrides[t.record.code]![1], 0);
  // "About one initiative per ten members": the rate is solved so the 83 targets add up to the registered total.
  const rate = (scaled(model.targetModel.registeredTotal, scale) - fixedSum) /
    others.reduce((s, t) => s + t.members, 0);
  const step = Math.max(1, scaled(model.targetModel.roundTo, scale));
  const programmeOf = (top: TopUnitModel) => Math.max(step, Math.round((top.members * rate) / step) * step);
  const fixedPhase1 = fixed.reduce((s, t) => s + overrides[t.record.code]![0], 0);
  const phase1Share = (scaled(model.targetModel.phase1Total, scale) - fixedPhase1) /
    others.reduce((s, t) => s + programmeOf(t), 0);
  for (const top of topUnits) {
    const override = overrides[top.record.code];
    const programme = override ? override[0] + override[1] : programmeOf(top);
    const phase1 = override ? override[0] : Math.round((programme * phase1Share) / step) * step;
    targets.push({ unitId: top.id, phaseId: 1, target: phase1 });
    targets.push({ unitId: top.id, phaseId: 2, target: programme - phase1 });
  }
  return targets;
}
