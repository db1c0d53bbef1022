import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../server/src/cache/memory-store";

/** The in-process layer of the response cache: least recently used out first, within entries, bytes and a TTL. */
describe("MemoryStore", () => {
  const store = (options: Partial<ConstructorParameters<typeof MemoryStore>[0]> = {}) =>
    new MemoryStore({ maxEntries: 3, maxBytes: 1_000_000, ttlMs: 60_000, ...options });

  it("gives back what it keeps, and nothing for a key it never saw", () => {
    const s = store();
    s.set("a", "answer a");
    expect(s.get("a")).toBe("answer a");
    expect(s.get("b")).toBeUndefined();
  });

  it("evicts the least recently used entry past its entry budget", () => {
    const s = store();
    s.set("a", "1");
    s.set("b", "2");
    s.set("c", "3");
    // Reading "a" makes "b" the least recently used.
    expect(s.get("a")).toBe("1");
    s.set("d", "4");
    expect(s.get("b")).toBeUndefined();
    expect([s.get("a"), s.get("c"), s.get("d")]).toEqual(["1", "3", "4"]);
    expect(s.size).toBe(3);
  });

  it("evicts past its byte budget, counting two bytes a character, and keeps the count right on replace", () => {
    const s = store({ maxEntries: 100, maxBytes: 3200 });
    const value = "x".repeat(99);
    // Each entry: 2 × (1 + 99) = 200 bytes, a sixteenth of the budget; sixteen fit.
    const keys = [..."abcdefghijklmnop"];
    for (const key of keys) s.set(key, value);
    expect(s.usedBytes).toBe(3200);
    s.set("a", value);
    expect(s.usedBytes).toBe(3200);
    s.set("q", value);
    expect(s.size).toBe(16);
    expect(s.usedBytes).toBe(3200);
    expect(s.get("b")).toBeUndefined();
    expect(s.get("a")).toBe(value);
  });

  it("does not keep an answer above a sixteenth of its byte budget", () => {
    const s = store({ maxBytes: 1600 });
    s.set("s", "x".repeat(49));
    s.set("b", "x".repeat(50));
    expect(s.get("b")).toBeUndefined();
    expect(s.get("s")).toBeDefined();
  });

  it("forgets an entry once its TTL has passed", () => {
    let now = 1_000;
    const s = store({ ttlMs: 500, now: () => now });
    s.set("a", "1");
    now += 500;
    expect(s.get("a")).toBe("1");
    // lru-cache: an entry is stale once it is older than the TTL.
    now += 1;
    expect(s.get("a")).toBeUndefined();
    expect(s.size).toBe(0);
    expect(s.usedBytes).toBe(0);
  });

  it("keeps nothing with no entries allowed", () => {
    const s = store({ maxEntries: 0 });
    s.set("a", "1");
    expect(s.get("a")).toBeUndefined();
  });
});
