import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/src/config/config";
import { ConfigError } from "../../server/src/config/config-error";

describe("settings", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config).toMatchObject({
      port: 4000, databaseUrl: undefined, dataDir: "/srv/app/.data", seedOnStart: true, seedScale: 1, logLevel: "info",
      databasePoolSize: 10, databasePoolWaitMs: 3000,
    });
    expect(loadConfig({ DB_POOL_WAIT_MS: "500" }).databasePoolWaitMs).toBe(500);
  });

  it.each([
    ["PORT", "abc", /PORT="abc" is not valid: expected a whole number from 1 to 65535/],
    ["PORT", "70000", /PORT="70000"/],
    ["SEED_SCALE", "0", /SEED_SCALE="0" is not valid: expected a number from 0.001 to 1/],
    ["DB_POOL_WAIT_MS", "0", /DB_POOL_WAIT_MS="0" is not valid: expected a whole number from 100 to 60000/],
    ["DB_POOL_WAIT_MS", "2.5s", /DB_POOL_WAIT_MS="2.5s" is not valid/],
    ["SEED_ON_START", "maybe", /SEED_ON_START="maybe" is not valid: expected true or false/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL="loud" is not valid: expected one of debug, info, warn, error/],
    ["DATABASE_URL", "mysql://x/y", /DATABASE_URL.*postgres:\/\//],
    ["DATABASE_URL", "postgres://u:secret@h:5432", /names a database/],
  ])("names %s and what it expects when it is %s", (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it("never repeats a password from DATABASE_URL", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).toThrow(/u:\*\*\*@/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).not.toThrow(/secret/);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ PORT: " ", DATABASE_URL: "" }).port).toBe(4000);
  });
});
