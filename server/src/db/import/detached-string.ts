/**
 * A copy of a cell that does not keep the file's text alive. V8 cuts substrings of 13 characters
 * or more as views of their source: one such cell kept for the whole import (a portal code, a
 * unit's name) would hold the megabyte of text it was read from, and thousands of them the file.
 */
export function detached(cell: string): string {
  // Concatenation then slicing makes V8 flatten into a fresh string; short ones are copies already.
  return cell.length < 13 ? cell : `${cell}\0`.slice(0, -1);
}
