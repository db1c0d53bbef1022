import { LRUCache } from "lru-cache";

/** A few answers kept by key, the least recently used dropped first. */
export interface RecentAnswers<T> {
  get(key: string): T | undefined;
  set(key: string, answer: T): void;
}

export function recentAnswers<T extends object>(max: number): RecentAnswers<T> {
  const cache = new LRUCache<string, T>({ max });
  return { get: (key) => cache.get(key), set: (key, answer) => void cache.set(key, answer) };
}
