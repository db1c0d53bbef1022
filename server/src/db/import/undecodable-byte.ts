const LF = 10;
const CR = 13;

/**
 * Where bytes that the UTF-8 decoder refused first go wrong: the start of the first sequence
 * that is not UTF-8, and the line it is on (1 for the first byte given). Only ever run on bytes
 * known to be bad, so it may decode them a few dozen times.
 */
export function firstUndecodableByte(bytes: Uint8Array): { byte: number; line: number } {
  // The longest prefix that decodes when more may follow (a character cut at its end is not an error)…
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodes(bytes.subarray(0, middle), true)) good = middle;
    else bad = middle;
  }
  // …then back to where its last whole character ends: the bad sequence starts there.
  let byte = good;
  while (byte > 0 && good - byte < 3 && !decodes(bytes.subarray(0, byte), false)) byte--;
  return { byte, line: 1 + lineBreaksBefore(bytes, byte) };
}

function decodes(bytes: Uint8Array, more: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes, { stream: more });
    return true;
  } catch {
    return false;
  }
}

/** Line feeds, and carriage returns not followed by one, before `end`: as CsvParser counts lines. */
function lineBreaksBefore(bytes: Uint8Array, end: number): number {
  let breaks = 0;
  for (let k = bytes.indexOf(LF); k >= 0 && k < end; k = bytes.indexOf(LF, k + 1)) breaks++;
  for (let k = bytes.indexOf(CR); k >= 0 && k < end; k = bytes.indexOf(CR, k + 1)) if (bytes[k + 1] !== LF) breaks++;
  return breaks;
}
