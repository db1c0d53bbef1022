import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConcurrencyLimit, WaitExceededError } from "../../../server/src/common/concurrency-limit";

/** Work that finishes when the test says so. */
function controllable() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => ((finish = resolve), (fail = reject)));
  return { work: () => done, finish, fail };
}

/** Lets promise callbacks (grants, rejections) run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("ConcurrencyLimit", () => {
  it("never runs more than its limit at once, and starts waiters in arrival order", async () => {
    const changes: Array<[number, number]> = [];
    const limit = new ConcurrencyLimit(2, 10_000, { changed: (running, queued) => changes.push([running, queued]) });
    const jobs = Array.from({ length: 5 }, controllable);
    const started: number[] = [];
    let peak = 0;
    const results = jobs.map((job, i) =>
      limit.run(() => {
        started.push(i);
        peak = Math.max(peak, limit.running);
        return job.work();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([limit.running, limit.queued]).toEqual([2, 3]);

    jobs[1]!.finish("b");
    await settle();
    expect(started).toEqual([0, 1, 2]);
    jobs[0]!.finish("a");
    jobs[2]!.finish("c");
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    jobs[3]!.finish("d");
    jobs[4]!.finish("e");
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e"]);
    expect(peak).toBe(2);
    expect([limit.running, limit.queued]).toEqual([0, 0]);
    expect(changes.every(([running]) => running <= 2)).toBe(true);
    expect(changes.at(-1)).toEqual([0, 0]);
  });

  it("refuses a waiter after its longest wait, and the others keep their place", async () => {
    const refused = vi.fn();
    const limit = new ConcurrencyLimit(1, 500, { refused });
    const first = controllable();
    const running = limit.run(first.work);
    const late = limit.run(async () => "never");
    const lateOutcome = late.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(499);
    expect(limit.queued).toBe(1);

    // A second waiter arrives while the first still waits; it has its own 500 ms.
    const next = limit.run(async () => "next");
    await vi.advanceTimersByTimeAsync(1);
    const error = await lateOutcome;
    expect(error).toBeInstanceOf(WaitExceededError);
    expect(error).toMatchObject({ limit: 1, waitedMs: 500 });
    expect(refused).toHaveBeenCalledTimes(1);
    expect(limit.queued).toBe(1);

    first.finish("first");
    expect(await running).toBe("first");
    expect(await next).toBe("next");
    expect([limit.running, limit.queued]).toEqual([0, 0]);
  });

  it("with no wait allowed, refuses at once when every slot is taken", async () => {
    const limit = new ConcurrencyLimit(1, 0);
    const first = controllable();
    const running = limit.run(first.work);
    await expect(limit.run(async () => "no")).rejects.toBeInstanceOf(WaitExceededError);
    first.finish("yes");
    expect(await running).toBe("yes");
    expect(await limit.run(async () => "free again")).toBe("free again");
  });

  it("gives the slot back when the work fails", async () => {
    const limit = new ConcurrencyLimit(1, 1000);
    const failing = controllable();
    const outcome = limit.run(failing.work).catch((error: Error) => error.message);
    const after = limit.run(async () => "ran");
    failing.fail(new Error("statement timeout"));
    expect(await outcome).toBe("statement timeout");
    expect(await after).toBe("ran");
    expect(limit.running).toBe(0);
  });

  it("rejects a limit below one and a negative wait, saying which", () => {
    expect(() => new ConcurrencyLimit(0, 100)).toThrow(/concurrency limit must be a whole number ≥ 1, got 0/);
    expect(() => new ConcurrencyLimit(2, -1)).toThrow(/maximum wait .* got -1/);
  });
});
