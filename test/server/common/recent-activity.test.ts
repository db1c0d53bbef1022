import { describe, expect, it } from "vitest";
import { RecentActivity } from "../../../server/src/common/recent-activity";

describe("RecentActivity", () => {
  it("counts what happened in the last window and forgets the rest, slot by slot", () => {
    let now = 5_000;
    const activity = new RecentActivity(1000, () => now);
    expect(activity.count()).toBe(0);
    for (let i = 0; i < 3; i++) activity.note();
    now += 450;
    activity.note();
    expect(activity.count()).toBe(4);
    // The first three leave the window a second after their slot began; the fourth stays.
    now += 600;
    expect(activity.count()).toBe(1);
    now += 500;
    expect(activity.count()).toBe(0);
  });

  it("forgets everything after a long quiet spell, however long", () => {
    let now = 0;
    const activity = new RecentActivity(1000, () => now);
    for (let i = 0; i < 100; i++) activity.note();
    now += 3_600_000;
    expect(activity.count()).toBe(0);
    activity.note();
    expect(activity.count()).toBe(1);
  });
});
