import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/src/config/config";
import { ConfigError } from "../../server/src/config/config-error";

describe("settings", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config).toMatchObject({
      port: 4000, databaseUrl: undefined, dataDir: "/srv/app/.data", seedOnStart: true, seedScale: 1, logLevel: "info",
      databasePoolSize: 10, baseQueryConcurrency: 2, baseQueryWaitMs: 5000,
    });
  });

  it.each([
    ["PORT", "abc", /PORT="abc" is not valid: expected a whole number from 1 to 65535/],
    ["PORT", "70000", /PORT="70000"/],
    ["SEED_SCALE", "0", /SEED_SCALE="0" is not valid: expected a number from 0.001 to 1/],
    ["SEED_ON_START", "maybe", /SEED_ON_START="maybe" is not valid: expected true or false/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL="loud" is not valid: expected one of debug, info, warn, error/],
    ["DATABASE_URL", "mysql://x/y", /DATABASE_URL.*postgres:\/\//],
    ["DATABASE_URL", "postgres://u:secret@h:5432", /names a database/],
    ["BASE_QUERY_CONCURRENCY", "0", /BASE_QUERY_CONCURRENCY="0" is not valid: expected a whole number from 1 to 9, below DB_POOL_SIZE=10/],
    ["BASE_QUERY_CONCURRENCY", "10", /BASE_QUERY_CONCURRENCY="10" is not valid/],
    ["BASE_QUERY_WAIT_MS", "-1", /BASE_QUERY_WAIT_MS="-1" is not valid: expected a whole number from 0 to 600000/],
  ])("names %s and what it expects when it is %s", (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it("keeps base-table queries below the pool size, so dashboard reads always find a connection", () => {
    expect(loadConfig({ DB_POOL_SIZE: "20", BASE_QUERY_CONCURRENCY: "19", BASE_QUERY_WAIT_MS: "0" })).toMatchObject({ baseQueryConcurrency: 19, baseQueryWaitMs: 0 });
    expect(() => loadConfig({ DB_POOL_SIZE: "4", BASE_QUERY_CONCURRENCY: "4" })).toThrow(/from 1 to 3, below DB_POOL_SIZE=4/);
    // A small pool lowers the default rather than failing; a pool of one can only share its connection.
    expect(loadConfig({ DB_POOL_SIZE: "2" }).baseQueryConcurrency).toBe(1);
    expect(loadConfig({ DB_POOL_SIZE: "1" }).baseQueryConcurrency).toBe(1);
  });

  it("never repeats a password from DATABASE_URL", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).toThrow(/u:\*\*\*@/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).not.toThrow(/secret/);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ PORT: " ", DATABASE_URL: "" }).port).toBe(4000);
  });
});
