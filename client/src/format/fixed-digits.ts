/**
 * A figure with a fixed number of decimals and grouped thousands, exactly as `Intl.NumberFormat` writes
 * it for vi-VN and en-GB (test/client/format.test.ts holds the two equal on 60,000 values for each language and number of decimals). Written
 * by hand for a measured reason: the first `Intl.NumberFormat` a page makes costs 17–34 ms on this
 * project's machines (ICU loading its number data), four times that on Lighthouse's phone profile, in the
 * middle of the first render (docs/benchmarks.md, "Phone"). Intl stays the answer outside the range where
 * `String(x)` has no exponent.
 */
export type Signs = { group: string; decimal: string };

/**
 * Rounded half away from zero on the shortest decimal that reads back as `abs`, as ICU does
 * (1.45 → 1.5, where `toFixed` works on the binary value 1.4499… and gives 1.4).
 */
function roundedParts(abs: number, digits: number): [whole: string, fraction: string] {
  const [whole = "0", fraction = ""] = String(abs).split(".");
  if (fraction.length <= digits) return [whole, fraction.padEnd(digits, "0")];
  let kept = BigInt(whole + fraction.slice(0, digits));
  if (fraction[digits]! >= "5") kept += 1n;
  const all = kept.toString().padStart(digits + 1, "0");
  return [all.slice(0, all.length - digits), all.slice(all.length - digits)];
}

/** undefined when `value` is outside what this writes (≥ 10²¹, or below 10⁻⁶ but not 0): ask Intl. */
export function fixedDigits(value: number, digits: number, signs: Signs): string | undefined {
  const abs = Math.abs(value);
  if (abs >= 1e21 || (abs !== 0 && abs < 1e-6)) return undefined;
  const [whole, fraction] = roundedParts(abs, digits);
  // Intl writes a minus for every negative value, −0 and what rounds to 0 included ("-0,0").
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, signs.group)}${digits ? signs.decimal + fraction : ""}`;
}
