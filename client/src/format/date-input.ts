/**
 * What a reader types as a date: "31/5/2022" (the Vietnamese way, also accepted in English),
 * "31-5-2022", "31.5.2022" or ISO "2022-05-31". Returns the ISO date, or null when it is no date.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [d, m, y] = [Number(local[1]), Number(local[2]), Number(local[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // 31/2/2022 rolls over to March in Date: such dates do not exist.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
