import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../setup/processes";
import vi from "../../client/src/locales/vi.json";

/**
 * The dashboard's locale messages are compiled at build time (client/vite.config.ts), and its bundle
 * carries vue-i18n's runtime only: compiling them in the browser cost 55–125 ms of a phone's first render.
 * Reads the build in client/dist (npm test builds it first).
 */
const assets = path.join(ROOT, "client/dist/assets");
const scripts = () => {
  if (!fs.existsSync(assets)) throw new Error("client/dist is missing: run npm run build:client (npm test does)");
  return fs
    .readdirSync(assets)
    .filter((file) => file.endsWith(".js") && !file.startsWith("ide-"))
    .map((file) => fs.readFileSync(path.join(assets, file), "utf8"));
};

describe("the dashboard's messages", () => {
  it("are in the bundle as compiled messages, not as the text vue-i18n would parse", () => {
    const all = scripts().join("\n");
    // "{label}, {measure}: {previous} → {value}" comes as its parts; a message without placeholders as static text.
    expect(vi.identity.revisedItem).toContain("{label}");
    expect(all).not.toContain(vi.identity.revisedItem);
    expect(all).toMatch(new RegExp(`s:[\`"]${vi.app.title}[\`"]`));
  });

  it("are formatted without vue-i18n's message compiler in the bundle", () => {
    // What the compiler's code generator writes in front of every message function it makes.
    for (const script of scripts()) expect(script).not.toContain("(ctx) => {");
  });
});
