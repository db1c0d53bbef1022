/**
 * Control characters other than the tab and the line breaks a cell may hold: the C0 set, DEL and
 * the C1 set. None belongs in a title, a name or a code; a NUL cannot even be stored (PostgreSQL's
 * text refuses it), and the rest are invisible, so a cell with one is a row error.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this file's job
const CONTROL_CHARACTER = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
// eslint-disable-next-line no-control-regex -- the same set, to replace them all
const CONTROL_CHARACTERS = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** The first control character in text and its position (from 1); null if there is none. */
export function firstControlCharacter(text: string): { code: string; position: number } | null {
  const found = CONTROL_CHARACTER.exec(text);
  if (!found) return null;
  return { code: `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`, position: found.index + 1 };
}

/**
 * Text with its control characters shown, for a report or an error file: C0 ones and DEL as their
 * Unicode pictures (NUL as ␀), C1 ones as �. A value read back never carries the raw character
 * into a terminal, a log or a spreadsheet (where "\0=cmd|…" could still run as a formula).
 */
export function showControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}
