import { PROVINCES } from "../reference/reference-data";
import type { GrassrootsKindCode } from "./calibration";
import type { TopUnitModel, UnitRow } from "./hierarchy.types";
import { pad } from "./names";
import type { Rng } from "./random";

/**
 * The intermediate level under a top unit (district federations and sector unions under a province,
 * member or upper unions under a central union) and the rule that picks a grassroots union's parent.
 */
export interface Parents {
  rows: UnitRow[];
  parentFor(kind: GrassrootsKindCode, rng: Rng): number;
}

export function createIntermediates(
  top: TopUnitModel,
  grassrootsCount: number,
  nextId: () => number,
  rng: Rng,
): Parents {
  const rows: UnitRow[] = [];
  const make = (kind: string, name: string, serial: number): UnitRow => {
    const id = nextId();
    const row: UnitRow = {
      id,
      parentId: top.id,
      code: `${top.record.code}-T${pad(serial, 2)}`,
      name,
      kind,
      tier: 2,
      depth: 2,
      path: `${top.path}${id}/`,
      topUnitId: top.id,
      provinceCode: top.record.kind === "PROVINCIAL_FEDERATION" ? top.record.provinceCode : null,
      clusterCode: null,
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
      make("DISTRICT_FEDERATION", `LĐLĐ cấp huyện số ${pad(i + 1, 2)} – ${province.name}`, i + 1),
    );
    const districtSampler = districts.map(() => rng.logNormal(1, 0.6));
    let serial = districtCount;
    const extra = cap > districtCount + 3;
    const zone =
      extra && (top.profile === "industrial" || province.population2019 > 1_000_000)
        ? make("INDUSTRIAL_ZONE_UNION", `CĐ các Khu công nghiệp – ${province.name}`, ++serial)
        : undefined;
    const education = extra
      ? make("PROVINCIAL_SECTOR_UNION", `CĐ ngành Giáo dục – ${province.name}`, ++serial)
      : undefined;
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
      : make("UPPER_UNION", `CĐ cấp trên cơ sở số ${pad(i + 1, 2)} – ${top.record.shortName}`, i + 1),
  );
  const weights = children.map(() => rng.logNormal(1, 0.7));
  // About a fifth of a central union's grassroots unions report to it directly (one level less).
  return { rows, parentFor: () => (rng.next() < 0.2 ? top.id : children[rng.pick(weights)]!.id) };
}
