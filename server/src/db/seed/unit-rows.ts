import { PROVINCES } from "../reference/reference-data";
import { GRASSROOTS_KINDS, type GrassrootsKindCode } from "./calibration";
import type { Hierarchy, TopUnitModel, UnitRow } from "./hierarchy.types";
import { GRASSROOTS_KIND_LABEL, pad } from "./names";

/** A unit-table row for a top unit or a grassroots union, made from the hierarchy's model. */
export function grassrootsRow(
  h: Hierarchy,
  g: number,
): UnitRow & { grassrootsKind: GrassrootsKindCode; members: number } {
  const top = h.topUnits[h.grassroots.topUnit[g]!]!;
  const kind = GRASSROOTS_KINDS[h.grassroots.kind[g]!]!;
  const province = PROVINCES[h.grassroots.provinceIndex[g]!]!;
  const id = h.grassroots.firstId + g;
  const parentId = h.grassroots.parentId[g]!;
  const owner = top.record.kind === "PROVINCIAL_FEDERATION" ? province.name : top.record.shortName;
  return {
    id,
    parentId,
    code: `${top.record.code}-CS${pad(g - top.grassrootsFrom + 1, 5)}`,
    name: `CĐCS ${GRASSROOTS_KIND_LABEL[kind]} số ${pad(h.grassroots.serial[g]!, 4)} – ${owner}`,
    kind: "GRASSROOTS",
    tier: 3,
    depth: parentId === top.id ? 2 : 3,
    path: parentId === top.id ? `${top.path}${id}/` : `${top.path}${parentId}/${id}/`,
    topUnitId: top.id,
    provinceCode: province.code,
    clusterCode: null,
    grassrootsKind: kind,
    members: h.grassroots.members[g]!,
  };
}

export function topUnitRow(top: TopUnitModel): UnitRow {
  return {
    id: top.id,
    parentId: 1,
    code: top.record.code,
    name: top.record.name,
    kind: top.record.kind,
    tier: 1,
    depth: 1,
    path: top.path,
    topUnitId: top.id,
    provinceCode: top.record.kind === "PROVINCIAL_FEDERATION" ? top.record.provinceCode : null,
    clusterCode: top.record.cluster,
  };
}
