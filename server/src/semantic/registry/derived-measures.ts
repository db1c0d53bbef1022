import { badInput } from "../../common/errors";
import type { DerivedMeasureQuestion } from "../query/analytics-query";
import type { MeasureDefinition, MeasureUnit } from "./measures";
import type { Registry } from "./registry";

const UNITS: MeasureUnit[] = ["count", "vnd", "percent", "ratio"];
const FORMATS = ["integer", "vnd", "percent", "decimal"];
const MAX_DERIVED = 10;
const MAX_LABEL = 200;

/**
 * A question's derived measures as measure definitions, the same kind as the registry's ratios and
 * differences (computed by registry/derivation.ts): a tiny grammar — two registry measures and an
 * operation, no expression and no SQL — checked here once. Parts are registry measures only (a
 * derived measure of derived measures is refused as unknown), and a name never shadows the registry.
 */
export function derivedDefinitions(
  inputs: DerivedMeasureQuestion[] | undefined,
  registry: Registry,
): MeasureDefinition[] {
  if (!inputs?.length) return [];
  if (inputs.length > MAX_DERIVED)
    throw badInput(`derived: at most ${MAX_DERIVED} derived measures, got ${inputs.length}`, { field: "derived" });
  const names = new Set<string>();
  return inputs.map((d, i) => {
    const field = `derived[${i}]`;
    const fail = (message: string, sub: string) =>
      badInput(`${field}.${sub}: ${message}`, { field: `${field}.${sub}` });
    if (!/^[a-z][a-zA-Z0-9_]{0,39}$/.test(d.name ?? ""))
      throw fail("letters, digits and _, starting with a lower-case letter, at most 40", "name");
    if (registry.measures.has(d.name) || registry.dimensions.has(d.name) || d.name === "time")
      throw fail(`"${d.name}" is already a measure or dimension of the registry; choose another name`, "name");
    if (names.has(d.name)) throw fail(`"${d.name}" is declared twice`, "name");
    names.add(d.name);
    for (const side of ["left", "right"] as const) {
      if (!registry.publicMeasures.includes(d[side]))
        throw fail(`unknown measure "${d[side]}"; derived measures combine registry measures`, side);
    }
    if (d.op !== "RATIO" && d.op !== "DIFFERENCE") throw fail("RATIO or DIFFERENCE", "op");
    const scale = d.scale ?? 1;
    if (!Number.isFinite(scale) || scale === 0) throw fail("a finite number other than 0", "scale");
    if (d.op === "DIFFERENCE" && scale !== 1) throw fail("a scale applies to a RATIO only", "scale");
    const unit = (d.unit ?? (d.op === "RATIO" ? "ratio" : registry.measures.get(d.left)!.unit)) as MeasureUnit;
    if (!UNITS.includes(unit)) throw fail(`one of ${UNITS.join(", ")}`, "unit");
    if (d.format !== undefined && d.format !== null && !FORMATS.includes(d.format))
      throw fail(`one of ${FORMATS.join(", ")}`, "format");
    const label = (d.label ?? d.name).slice(0, MAX_LABEL);
    const sign = d.op === "RATIO" ? "÷" : "−";
    return {
      name: d.name,
      labelVi: label,
      labelEn: (d.labelEn ?? label).slice(0, MAX_LABEL),
      descriptionVi: `${d.left} ${sign} ${d.right}`,
      descriptionEn: `${d.left} ${sign} ${d.right}`,
      unit,
      ...(d.format ? { format: d.format } : {}),
      // Computed after the figures are summed: never a share of a total, never fetched itself.
      additivity: "derived",
      ...(d.op === "RATIO"
        ? { ratio: { numerator: d.left, denominator: d.right, scale } }
        : { difference: [d.left, d.right] as [string, string] }),
    } satisfies MeasureDefinition;
  });
}

/** The registry with a question's derived measures beside its own (the registry itself when there are none). */
export function withDerived(registry: Registry, derived: MeasureDefinition[]): Registry {
  if (!derived.length) return registry;
  return { ...registry, measures: new Map([...registry.measures, ...derived.map((m) => [m.name, m] as const)]) };
}
