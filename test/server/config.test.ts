import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/src/config/config";
import { ConfigError } from "../../server/src/config/config-error";

describe("settings", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      dataDir: "/srv/app/.data",
      seedOnStart: true,
      seedScale: 1,
      logLevel: "info",
      databasePoolSize: 10,
      baseQueryConcurrency: 2,
      baseQueryWaitMs: 5000,
      dashboardBusyReadsPerSecond: 20,
      redisUrl: undefined,
      responseCache: { entries: 1000, megabytes: 64, ttlSeconds: 3600 },
      dataVersionRecheckMs: 1000,
      databasePoolWaitMs: 3000,
      watchdogBlockedMs: 10_000,
      eventLoopLagLimitMs: 1000,
    });
    expect(loadConfig({ DB_POOL_WAIT_MS: "500" }).databasePoolWaitMs).toBe(500);
    expect(loadConfig({ DASHBOARD_BUSY_READS_PER_SECOND: "0" }).dashboardBusyReadsPerSecond).toBe(0);
    expect(loadConfig({ WATCHDOG_BLOCKED_MS: "0", EVENT_LOOP_LAG_LIMIT_MS: "0" })).toMatchObject({
      watchdogBlockedMs: 0,
      eventLoopLagLimitMs: 0,
    });
    expect(loadConfig({ WATCHDOG_BLOCKED_MS: "2500" }).watchdogBlockedMs).toBe(2500);
  });

  it("reads the replicas to read from, their lag limit and READ_ONLY", () => {
    expect(loadConfig({})).toMatchObject({ databaseReadUrls: [], replicaMaxLagMs: 5000, readOnly: false });
    const config = loadConfig({
      DATABASE_READ_URL: "postgres://u:p@replica1:5432/db, postgres://u:p@replica2/db",
      REPLICA_MAX_LAG_MS: "2000",
      READ_ONLY: "1",
    });
    expect(config.databaseReadUrls.map((url) => url.host)).toEqual(["replica1:5432", "replica2"]);
    expect(config).toMatchObject({ replicaMaxLagMs: 2000, readOnly: true });
    expect(() => loadConfig({ DATABASE_READ_URL: "postgres://u:secret@replica1/db,mysql://x/y" })).toThrow(
      /DATABASE_READ_URL="mysql:\/\/x\/y" is not valid: expected a postgres:\/\/ or postgresql:\/\/ URL/,
    );
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
    [
      "BASE_QUERY_CONCURRENCY",
      "0",
      /BASE_QUERY_CONCURRENCY="0" is not valid: expected a whole number from 1 to 4, so that its two lanes together stay below DB_POOL_SIZE=10/,
    ],
    ["BASE_QUERY_CONCURRENCY", "5", /BASE_QUERY_CONCURRENCY="5" is not valid/],
    ["BASE_QUERY_WAIT_MS", "-1", /BASE_QUERY_WAIT_MS="-1" is not valid: expected a whole number from 0 to 600000/],
    [
      "REDIS_URL",
      "localhost:6379",
      /REDIS_URL="localhost:6379" is not valid: expected a redis:\/\/ or rediss:\/\/ URL/,
    ],
    ["REDIS_URL", "http://cache:6379", /REDIS_URL.*redis:\/\/ or rediss:\/\//],
    ["REDIS_URL", "redis://", /REDIS_URL="redis:\/\/" is not valid: expected a URL/],
    ["REDIS_URL", "redis://cache:6379/cache", /REDIS_URL.*a database number/],
    [
      "RESPONSE_CACHE_ENTRIES",
      "-1",
      /RESPONSE_CACHE_ENTRIES="-1" is not valid: expected a whole number from 0 to 1000000/,
    ],
    ["RESPONSE_CACHE_MB", "0", /RESPONSE_CACHE_MB="0"/],
    [
      "RESPONSE_CACHE_TTL_SECONDS",
      "1h",
      /RESPONSE_CACHE_TTL_SECONDS="1h" is not valid: expected a whole number from 1 to 604800/,
    ],
    ["DATA_VERSION_RECHECK_MS", "fast", /DATA_VERSION_RECHECK_MS="fast"/],
    [
      "WATCHDOG_BLOCKED_MS",
      "500",
      /WATCHDOG_BLOCKED_MS="500" is not valid: expected 0 \(off\) or a whole number from 1000 to 600000/,
    ],
    ["WATCHDOG_BLOCKED_MS", "-1", /WATCHDOG_BLOCKED_MS="-1" is not valid/],
    [
      "EVENT_LOOP_LAG_LIMIT_MS",
      "1s",
      /EVENT_LOOP_LAG_LIMIT_MS="1s" is not valid: expected 0 \(off\) or a whole number from 10 to 600000/,
    ],
  ])("names %s and what it expects when it is %s", (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it("keeps both lanes of base-table queries below the pool size, so rollup reads always find a connection", () => {
    expect(loadConfig({ DB_POOL_SIZE: "20", BASE_QUERY_CONCURRENCY: "9", BASE_QUERY_WAIT_MS: "0" })).toMatchObject({
      baseQueryConcurrency: 9,
      baseQueryWaitMs: 0,
    });
    expect(() => loadConfig({ DB_POOL_SIZE: "20", BASE_QUERY_CONCURRENCY: "10" })).toThrow(
      /from 1 to 9, so that its two lanes together stay below DB_POOL_SIZE=20/,
    );
    // A small pool lowers the default rather than failing; a tiny one can only share its connections.
    expect(loadConfig({ DB_POOL_SIZE: "4" }).baseQueryConcurrency).toBe(1);
    expect(loadConfig({ DB_POOL_SIZE: "1" }).baseQueryConcurrency).toBe(1);
  });

  it("never repeats a password from DATABASE_URL", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).toThrow(/u:\*\*\*@/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u:secret@h:5432" })).not.toThrow(/secret/);
  });

  it("reads REDIS_URL and the response cache's sizes", () => {
    const config = loadConfig({
      REDIS_URL: "rediss://:s3cret@cache.internal:6380/2",
      RESPONSE_CACHE_ENTRIES: "0",
      RESPONSE_CACHE_TTL_SECONDS: "60",
    });
    expect(config.redisUrl?.host).toBe("cache.internal:6380");
    expect(config.responseCache).toEqual({ entries: 0, megabytes: 64, ttlSeconds: 60 });
    expect(loadConfig({ REDIS_URL: "redis://redis:6379" }).redisUrl?.toString()).toBe("redis://redis:6379");
  });

  it("never repeats a password from REDIS_URL", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://:s3cret@cache:6379/x" })).toThrow(/redis:\/\/:\*\*\*@cache/);
    expect(() => loadConfig({ REDIS_URL: "redis://:s3cret@cache:6379/x" })).not.toThrow(/s3cret/);
    expect(() => loadConfig({ REDIS_URL: "http://u:s3cret@cache" })).not.toThrow(/s3cret/);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ PORT: " ", DATABASE_URL: "" }).port).toBe(4000);
  });
});
