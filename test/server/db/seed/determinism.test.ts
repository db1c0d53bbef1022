import { describe, expect, it } from "vitest";
import { checksumOf } from "../../../../server/src/db/seed/dataset.loader";
import { generateDemoDataset } from "../../../../server/src/db/seed/demo-dataset";
import { demoTableRows } from "../../../../server/src/db/seed/table-rows";
import { runTs } from "../../../setup/processes";

const checksum = (seed: number, scale: number) => checksumOf(demoTableRows(generateDemoDataset(seed, scale)));

describe("the demo generator is deterministic", () => {
  it("gives the same rows for the same seed and other rows for another seed", () => {
    const first = checksum(7, 0.02);
    expect(checksum(7, 0.02)).toBe(first);
    expect(checksum(8, 0.02)).not.toBe(first);
  });

  it("prints the same checksum from the command line", async () => {
    const run = runTs("server/src/db/seed/seed.cli.ts", ["--scale", "0.02", "--seed", "7", "--dry-run"], {});
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain(`checksum ${checksum(7, 0.02)}`);
  });

  it("rejects a bad scale with a clear message and status 1", async () => {
    const run = runTs("server/src/db/seed/seed.cli.ts", ["--scale", "20"], {});
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/--scale must be a number from 0.001 to 10, got "20"/);
    expect(run.output()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
