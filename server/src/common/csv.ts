/** CSV the way every file the product writes is: RFC 4180, UTF-8 with BOM, safe to open in a spreadsheet. */
export const CSV_BOM = "\uFEFF";

/**
 * A cell a spreadsheet could run as a formula gets a leading apostrophe: one that starts with
 * = + - @, or with a control character (tab, carriage return, NUL…: a spreadsheet may skip it and
 * run what follows, as in "\0=cmd|…"), or with spaces (and such characters) before one of = + - @.
 */
const FORMULA_START = /^(?:\p{Cc}|[\s\p{Cc}]*[=+\-@])/u;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Array<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
