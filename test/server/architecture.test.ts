import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The house rules of docs/architecture.md, checked on the source tree itself. */
const root = path.resolve(import.meta.dirname, "../..");
const MAX_LINES = 300;

function filesUnder(folder: string, extensions: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (extensions.some((e) => entry.name.endsWith(e))) out.push(full);
    }
  };
  walk(path.join(root, folder));
  return out;
}

/** Every module a file imports, resolved to a path relative to the repository ("server/src/semantic/index"). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:import|export)\s[^"']*?from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => path.relative(root, path.resolve(path.dirname(file), s)));
}

const relative = (file: string) => path.relative(root, file);

describe("the house rules", () => {
  it("modules and http reach the semantic layer only through its door", () => {
    const offenders = [...filesUnder("server/src/modules", [".ts"]), ...filesUnder("server/src/http", [".ts"])].flatMap(
      (file) =>
        importsOf(file)
          .filter((target) => target.startsWith("server/src/semantic/"))
          .map((target) => `${relative(file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("db does not import the semantic layer (the dependency goes one way)", () => {
    const offenders = filesUnder("server/src/db", [".ts"]).flatMap((file) =>
      importsOf(file)
        .filter((target) => target === "server/src/semantic" || target.startsWith("server/src/semantic/"))
        .map((target) => `${relative(file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it(`no source file is over ${MAX_LINES} lines`, () => {
    const long = [...filesUnder("server/src", [".ts"]), ...filesUnder("client/src", [".ts", ".vue"])]
      .map((file) => ({ file: relative(file), lines: fs.readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it("the Vietnam offset is defined once", () => {
    const definitions = filesUnder("server/src", [".ts"]).filter((file) =>
      /VIETNAM_OFFSET_MS\s*=|7 \* 3_?600_?000|7 \* 60 \* 60/.test(fs.readFileSync(file, "utf8")),
    );
    expect(definitions.map(relative)).toEqual(["server/src/common/vietnam-time.ts"]);
  });
});
