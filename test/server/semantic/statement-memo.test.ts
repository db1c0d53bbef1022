import { describe, expect, it } from "vitest";
import { StatementMemo } from "../../../server/src/semantic/execution/statement-memo";

const members = { text: "SELECT sum(members) FROM unit WHERE parent_id = $1", values: [38] };

describe("StatementMemo", () => {
  it("runs a statement once per data version, sharing a run in progress", async () => {
    const memo = new StatementMemo();
    let runs = 0;
    const run = async () => [{ m0: ++runs }];
    const [a, b] = await Promise.all([memo.get("7", members, run), memo.get("7", members, run)]);
    expect(a).toEqual([{ m0: 1 }]);
    expect(b).toBe(a);
    expect(await memo.get("7", { ...members, values: [39] }, run)).toEqual([{ m0: 2 }]);
    // A load changes the version: everything is read again.
    expect(await memo.get("8", members, run)).toEqual([{ m0: 3 }]);
  });

  it("keeps no failure and at most its capacity", async () => {
    const memo = new StatementMemo(2);
    await expect(memo.get("1", members, () => Promise.reject(new Error("database unavailable")))).rejects.toThrow(
      "unavailable",
    );
    expect(await memo.get("1", members, async () => [{ m0: 5 }])).toEqual([{ m0: 5 }]);
    await memo.get("1", { ...members, values: [39] }, async () => []);
    await memo.get("1", { ...members, values: [40] }, async () => []);
    // The oldest went out.
    expect(await memo.get("1", members, async () => [{ m0: 6 }])).toEqual([{ m0: 6 }]);
  });
});
