import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CODE_VERSION, fingerprintOf } from "../../server/src/code-version";

describe("the code version", () => {
  it("is the same for the same files and changes with a byte of any of them, or their order", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-code-version-"));
    try {
      const [a, b] = ["a.ts", "b.ts"].map((name) => path.join(dir, name)) as [string, string];
      fs.writeFileSync(a, "export const x = 1;\n");
      fs.writeFileSync(b, "export const y = 2;\n");
      const before = fingerprintOf([a, b]);
      expect(fingerprintOf([a, b])).toBe(before);
      expect(fingerprintOf([b, a])).not.toBe(before);
      fs.writeFileSync(b, "export const y = 3;\n");
      expect(fingerprintOf([a, b])).not.toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is a short token fit for cache keys and ETags", () => {
    expect(CODE_VERSION).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
