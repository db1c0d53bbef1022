import { CALIBRATION, exactAnchors, scaled } from "./calibration";
import type { Hierarchy, TopUnitModel } from "./hierarchy.types";

const model = CALIBRATION.model;

/** The national and per-unit targets of both phases: published anchors, overrides, the rest solved from members. */
export function buildTargets(topUnits: TopUnitModel[], anchors: ReturnType<typeof exactAnchors>, scale: number) {
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
  const rate =
    (scaled(model.targetModel.registeredTotal, scale) - fixedSum) / others.reduce((s, t) => s + t.members, 0);
  const step = Math.max(1, scaled(model.targetModel.roundTo, scale));
  const programmeOf = (top: TopUnitModel) => Math.max(step, Math.round((top.members * rate) / step) * step);
  const fixedPhase1 = fixed.reduce((s, t) => s + overrides[t.record.code]![0], 0);
  const phase1Share =
    (scaled(model.targetModel.phase1Total, scale) - fixedPhase1) / others.reduce((s, t) => s + programmeOf(t), 0);
  for (const top of topUnits) {
    const override = overrides[top.record.code];
    const programme = override ? override[0] + override[1] : programmeOf(top);
    const phase1 = override ? override[0] : Math.round((programme * phase1Share) / step) * step;
    targets.push({ unitId: top.id, phaseId: 1, target: phase1 });
    targets.push({ unitId: top.id, phaseId: 2, target: programme - phase1 });
  }
  return targets;
}
