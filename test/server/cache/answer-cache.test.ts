import { describe, expect, it } from "vitest";
import { AnswerCache } from "../../../server/src/semantic/answer/answer-cache";

type Answer = { source: string };
const answerFrom = (source: string) => Promise.resolve<Answer>({ source });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("AnswerCache", () => {
  it("keeps answers that read the base table through a flood of cheap ones", async () => {
    const cache = new AnswerCache<Answer>(3, (a) => a.source === "initiative");
    cache.set("scan", answerFrom("initiative"));
    await settle();
    for (let i = 0; i < 10; i++) cache.set(`rollup ${i}`, answerFrom("rollup_category_daily"));
    await settle();
    expect(await cache.get("scan")).toEqual({ source: "initiative" });
    // The cheap part holds the last three, least recently used out first.
    expect(cache.get("rollup 6")).toBeUndefined();
    expect(cache.get("rollup 9")).toBeDefined();
  });

  it("evicts the least recently used of the costly ones, and keeps no failure", async () => {
    const cache = new AnswerCache<Answer>(2, (a) => a.source === "initiative");
    for (const key of ["a", "b"]) cache.set(key, answerFrom("initiative"));
    await settle();
    cache.get("a");
    cache.set("c", answerFrom("initiative"));
    await settle();
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    const failed = Promise.reject(new Error("database unavailable"));
    cache.set("d", failed);
    await failed.catch(() => undefined);
    await settle();
    expect(cache.get("d")).toBeUndefined();
  });

  it("keeps nothing with no capacity", async () => {
    const cache = new AnswerCache<Answer>(0, () => true);
    cache.set("a", answerFrom("initiative"));
    await settle();
    expect(cache.get("a")).toBeUndefined();
  });
});
