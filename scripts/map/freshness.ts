import fs from "node:fs";

/** True when every output exists and is newer than every input (a missing input counts as changed). */
export function isUpToDate(outputs: readonly string[], inputs: readonly string[]): boolean {
  const oldestOutput = Math.min(...outputs.map((file) => mtimeOf(file) ?? -Infinity));
  const newestInput = Math.max(...inputs.map((file) => mtimeOf(file) ?? Infinity));
  return oldestOutput > newestInput;
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
