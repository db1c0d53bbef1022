import type { MeasureDefinition } from "./measures";

/**
 * The one rule of measures computed from others — the registry's ratios and differences and a
 * question's derived measures alike: a ratio is numerator × scale ÷ denominator (null when the
 * denominator is 0 or null, or the numerator null); a difference is the first minus the others
 * (null when a part is). `value` gives a part's figure; undefined when `m` is not computed.
 */
export function derivedValue(m: MeasureDefinition, value: (name: string) => number | null): number | null | undefined {
  if (m.ratio) {
    const numerator = value(m.ratio.numerator);
    const denominator = value(m.ratio.denominator);
    return numerator === null || !denominator ? null : (numerator * m.ratio.scale) / denominator;
  }
  if (m.difference) {
    const parts = m.difference.map(value);
    if (parts.some((v) => v === null)) return null;
    const [first, ...others] = parts as number[];
    return others.reduce((rest, v) => rest - v, first!);
  }
  return undefined;
}

/** The measures a computed one is made of (none for a fetched one). */
export function partsOf(m: MeasureDefinition): string[] {
  return m.ratio ? [m.ratio.numerator, m.ratio.denominator] : (m.difference ?? []);
}
