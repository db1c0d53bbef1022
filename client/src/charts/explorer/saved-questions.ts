/**
 * "Lưu câu hỏi": questions the analyst named, kept in this browser's localStorage. A question is
 * its URL's query string (the Explorer keeps the whole question there), so a saved question
 * reopens from its link, and the link can be sent to anyone.
 */
export interface SavedQuestion {
  name: string;
  /** The Explorer's query string, without "?". */
  search: string;
  savedAt: string;
}

export const STORAGE_KEY = "sang-kien.explorer.saved";
/** Enough for an analyst's working set; the oldest go first beyond it. */
const MAX_SAVED = 50;

const isSaved = (item: unknown): item is SavedQuestion =>
  typeof item === "object" &&
  item !== null &&
  typeof (item as SavedQuestion).name === "string" &&
  typeof (item as SavedQuestion).search === "string";

/** What is stored, newest first; anything unreadable (another version, a hand edit) is ignored. */
export function readSaved(storage: Pick<Storage, "getItem">): SavedQuestion[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSaved) : [];
  } catch {
    return [];
  }
}

/** Saves under a name; the same name again replaces the older question. */
export function saveQuestion(
  storage: Pick<Storage, "getItem" | "setItem">,
  name: string,
  search: string,
  now = new Date(),
): SavedQuestion[] {
  const trimmed = name.trim();
  if (!trimmed) return readSaved(storage);
  const next = [
    { name: trimmed, search: search.replace(/^\?/, ""), savedAt: now.toISOString() },
    ...readSaved(storage).filter((q) => q.name !== trimmed),
  ].slice(0, MAX_SAVED);
  storage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}

export function removeQuestion(storage: Pick<Storage, "getItem" | "setItem">, name: string): SavedQuestion[] {
  const next = readSaved(storage).filter((q) => q.name !== name);
  storage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}
