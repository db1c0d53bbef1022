import { describe, expect, it } from "vitest";
import { attainmentBand, byUnit, sortUnits, type TargetRow } from "@/views/targets/target-table";

const rows: TargetRow[] = [
  {
    code: "LDLD-01",
    label: "Hà Nội",
    kind: "PROVINCIAL_FEDERATION",
    cluster: "C05",
    phase: 1,
    target: 52000,
    valid: 40000,
    attainment: 76.9,
    pace: null,
  },
  {
    code: "LDLD-01",
    label: "Hà Nội",
    kind: "PROVINCIAL_FEDERATION",
    cluster: "C05",
    phase: 2,
    target: 8000,
    valid: 90000,
    attainment: 1125,
    pace: null,
  },
  {
    code: "CD-X",
    label: "CĐ X",
    kind: "CORPORATION_UNION",
    cluster: null,
    phase: 1,
    target: null,
    valid: 10,
    attainment: null,
    pace: null,
  },
];

describe("the targets table", () => {
  it("puts both phases on one line and computes the programme's attainment from the sums", () => {
    const [hanoi] = byUnit(rows);
    expect(hanoi).toMatchObject({
      target1: 52000,
      valid1: 40000,
      target2: 8000,
      valid2: 90000,
      target: 60000,
      valid: 130000,
    });
    expect(hanoi!.attainment).toBeCloseTo((130000 / 60000) * 100, 10);
  });

  it("sorts either way with missing figures last and ties by code", () => {
    const units = byUnit(rows);
    expect(sortUnits(units, "attainment", true).map((u) => u.code)).toEqual(["LDLD-01", "CD-X"]);
    expect(sortUnits(units, "attainment", false).map((u) => u.code)).toEqual(["LDLD-01", "CD-X"]);
    expect(sortUnits(units, "label", false).map((u) => u.code)).toEqual(["CD-X", "LDLD-01"]);
  });

  it("colours attainment in four bands", () => {
    expect([null, 10, 80, 150, 400].map(attainmentBand)).toEqual(["none", "low", "below", "met", "high"]);
  });
});
