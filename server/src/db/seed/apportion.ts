/**
 * Integer allocation with exact totals. Every published figure the generator must hit is a sum
 * of integers, so shares are turned into counts here and nowhere else.
 */

/** Splits `total` in proportion to `weights` (largest remainder; ties go to the lower index). */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  const n = weights.length;
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`apportion: total must be a whole number ≥ 0, got ${total}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0)) throw new Error(`apportion: weight ${i} is ${w}`);
    sum += w;
  }
  const result = new Array<number>(n).fill(0);
  if (total === 0) return result;
  if (sum === 0) throw new Error(`apportion: cannot split ${total} over weights that are all zero`);
  const remainders: Array<[number, number]> = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]!) / sum;
    const floor = Math.floor(exact);
    result[i] = floor;
    given += floor;
    remainders.push([exact - floor, i]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < total - given; k++) result[remainders[k]![1]]! += 1;
  return result;
}

/** Like apportion, but every part gets at least `minimum` (when the total allows it). */
export function apportionWithMinimum(total: number, weights: ArrayLike<number>, minimum: number): number[] {
  const n = weights.length;
  if (total < n * minimum) throw new Error(`apportion: ${total} cannot give ${minimum} to each of ${n} parts`);
  return apportion(total - n * minimum, weights).map((v) => v + minimum);
}

/**
 * A matrix of whole numbers with given row and column sums, close to `prior` in shape:
 * iterative proportional fitting, then rounding that keeps both margins exact.
 */
export function fitMatrix(prior: number[][], rowTotals: number[], columnTotals: number[]): number[][] {
  const rows = rowTotals.length;
  const cols = columnTotals.length;
  const rowSum = rowTotals.reduce((a, b) => a + b, 0);
  const colSum = columnTotals.reduce((a, b) => a + b, 0);
  if (rowSum !== colSum) throw new Error(`fitMatrix: row totals ${rowSum} ≠ column totals ${colSum}`);
  // A small floor keeps every cell reachable, so the fit always converges.
  const m = prior.map((row) => row.map((v) => Math.max(v, 1e-9)));
  for (let iteration = 0; iteration < 500; iteration++) {
    for (let r = 0; r < rows; r++) {
      const s = m[r]!.reduce((a, b) => a + b, 0);
      for (let c = 0; c < cols; c++) m[r]![c] = (m[r]![c]! * rowTotals[r]!) / s;
    }
    let worst = 0;
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += m[r]![c]!;
      worst = Math.max(worst, Math.abs(s - columnTotals[c]!));
      for (let r = 0; r < rows; r++) m[r]![c] = s > 0 ? (m[r]![c]! * columnTotals[c]!) / s : 0;
    }
    if (worst < 1e-6) break;
  }
  const result = m.map((row) => row.map((v) => Math.floor(v)));
  const rowNeed = rowTotals.map((t, r) => t - result[r]!.reduce((a, b) => a + b, 0));
  const colNeed = columnTotals.map((t, c) => t - result.reduce((a, row) => a + row[c]!, 0));
  const cells: Array<[number, number, number]> = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push([m[r]![c]! - result[r]![c]!, r, c]);
  cells.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  // First by largest fraction, then anywhere both margins still need a unit (the sums are equal, so this ends).
  for (const pass of [0, 1]) {
    for (const [fraction, r, c] of cells) {
      if (pass === 0 && fraction <= 0) break;
      while (rowNeed[r]! > 0 && colNeed[c]! > 0) {
        result[r]![c]! += 1;
        rowNeed[r]! -= 1;
        colNeed[c]! -= 1;
        if (pass === 0) break;
      }
    }
  }
  if (rowNeed.some((v) => v !== 0) || colNeed.some((v) => v !== 0)) throw new Error("fitMatrix: margins not met");
  return result;
}
