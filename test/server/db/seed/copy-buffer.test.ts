import { describe, expect, it } from "vitest";
import { CopyBuffer } from "../../../../server/src/db/seed/copy-buffer";
import { Rng } from "../../../../server/src/db/seed/random";

describe("CopyBuffer writes COPY text as Date and Number would", () => {
  it("formats instants exactly like toISOString, in any order", () => {
    const rng = new Rng(1, "copy-buffer");
    const instants = [0, 1_664_786_058_458, Date.UTC(2023, 8, 1, 16, 59, 59, 999), Date.UTC(2024, 1, 29, 23, 0, 0, 5)];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(Date.UTC(2021, 0, 1) + rng.next() * 3 * 365 * 86_400_000));
    const out = new CopyBuffer(8);
    for (const ms of instants) out.instant(ms).endRow();
    expect(out.take().toString("latin1")).toBe(instants.map((ms) => new Date(ms).toISOString() + "\n").join(""));
  });

  it("writes whole numbers up to the size of benefits in VND, and negative ones", () => {
    const values = [
      0,
      7,
      9,
      10,
      99,
      100,
      -42,
      2_205_000,
      999_999_999,
      1_000_000_000,
      2_147_483_647,
      2_147_483_648,
      -2_147_483_648,
      33_300_000_000_000,
      Number.MAX_SAFE_INTEGER,
    ];
    const out = new CopyBuffer(4);
    for (const v of values) out.int(v).tab();
    expect(out.take().toString()).toBe(values.map((v) => `${v}\t`).join(""));
  });

  it("escapes free text for COPY and keeps Vietnamese as UTF-8", () => {
    const out = new CopyBuffer(4);
    out.text("Nguyễn Thị\tHoa\\\nĐặng").tab().nil().endRow();
    expect(out.take().toString("utf8")).toBe("Nguyễn Thị\\tHoa\\\\\\nĐặng\t\\N\n");
  });
});
