import path from "node:path";
import { IMPORT_LIMIT_DEFAULTS, type ImportLimits } from "../db/import/import-limits";
import {
  boolean,
  decimal,
  integer,
  integerOrOff,
  isoDate,
  oneOf,
  postgresUrl,
  postgresUrls,
  redisUrl,
  text,
} from "./env-parsers";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ResponseCacheSettings {
  /** Answers kept in this process (0: none; with Redis they are still shared). */
  entries: number;
  /** Memory they may take in this process. */
  megabytes: number;
  /** How long an answer is kept, in this process and in Redis. */
  ttlSeconds: number;
}

/** RESPONSE_CACHE_* when unset; also what a test server gets. */
export const RESPONSE_CACHE_DEFAULTS: ResponseCacheSettings = { entries: 1000, megabytes: 64, ttlSeconds: 3600 };

/** Also the pool's wait where no setting is read (benchmark scripts, tests). */
export const DEFAULT_DB_POOL_WAIT_MS = 3000;

/** Also the lag /readyz allows where no setting is read (tests). */
export const DEFAULT_EVENT_LOOP_LAG_LIMIT_MS = 1000;

export interface AppConfig {
  /** HTTP port of the API and dashboard. */
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL is started under dataDir. */
  databaseUrl: URL | undefined;
  /** Replicas the API reads from (DATABASE_READ_URL, comma-separated); empty: every read goes to databaseUrl. */
  databaseReadUrls: URL[];
  /** A replica further behind its primary than this is skipped until it catches up (REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  /** How often each replica's health and lag are checked (REPLICA_CHECK_MS). */
  replicaCheckMs: number;
  /** READ_ONLY=1: never write (no migrations, rollup rebuilds, demo data, token stamps or imports), e.g. on a replica alone. */
  readOnly: boolean;
  dataDir: string;
  embeddedPostgresPort: number;
  databasePoolSize: number;
  /** How long a request waits for a free pooled connection (or for a new one to open) before SERVER_BUSY. */
  databasePoolWaitMs: number;
  /** Questions no rollup answers (they scan the base table) running at once in each lane (dashboard, explorer); the rest wait. */
  baseQueryConcurrency: number;
  /** How long such a question waits for its turn before SERVER_BUSY. */
  baseQueryWaitMs: number;
  /** Dashboard reads a second from which analysts' scans run without parallel workers (0: never). */
  dashboardBusyReadsPerSecond: number;
  /** Generate the demo dataset when the database holds none. */
  seedOnStart: boolean;
  /** After seeding the demo data on a first run: publish it, apply a small synthetic correction, publish that (releases/demo-releases.ts). */
  demoReleases: boolean;
  seedScale: number;
  seedValue: number;
  logLevel: LogLevel;
  /** A query running longer is stopped with QUERY_TIMEOUT; the server keeps serving. */
  statementTimeoutMs: number;
  /** Public answers withhold grassroots cells counting fewer initiatives than this. */
  suppressionThreshold: number;
  /** Requests per minute a public caller (one client address) may make; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Trust X-Forwarded-For from this many proxies in front (0: use the socket address). */
  trustProxyHops: number;
  /** Shared answer cache and data-version announcements between instances; optional. */
  redisUrl: URL | undefined;
  /** Answers to public reads kept per data version (RESPONSE_CACHE_ENTRIES, _MB, _TTL_SECONDS). */
  responseCache: ResponseCacheSettings;
  /** How long an instance trusts the data version it knows before asking the database again. */
  dataVersionRecheckMs: number;
  /** Dates and amounts an import takes as plausible (IMPORT_DATE_FROM, IMPORT_DATE_TO, IMPORT_MAX_BENEFIT_VND); beyond them, a row error. */
  importLimits: ImportLimits;
  /** The event loop not running this long ends the process, for its supervisor to restart (0: never). */
  watchdogBlockedMs: number;
  /** /readyz fails while the event loop lags more than this (0: never). */
  eventLoopLagLimitMs: number;
}

/** Every setting is read here, once, and checked before anything starts. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  const databasePoolSize = integer(env, "DB_POOL_SIZE", 10, 1, 200);
  // Base-table scans, in two lanes, must leave a connection to rollup reads (unless the pool is tiny).
  const baseQueryMax = Math.max(1, Math.floor((databasePoolSize - 1) / 2));
  const importDateFrom = isoDate(env, "IMPORT_DATE_FROM", IMPORT_LIMIT_DEFAULTS.dateFrom);
  return {
    port: integer(env, "PORT", 4000, 1, 65535),
    host: text(env, "HOST", "0.0.0.0"),
    databaseUrl: postgresUrl(env, "DATABASE_URL"),
    databaseReadUrls: postgresUrls(env, "DATABASE_READ_URL"),
    replicaMaxLagMs: integer(env, "REPLICA_MAX_LAG_MS", 5000, 0, 3_600_000),
    replicaCheckMs: integer(env, "REPLICA_CHECK_MS", 1000, 50, 60_000),
    readOnly: boolean(env, "READ_ONLY", false),
    dataDir: path.resolve(cwd, text(env, "DATA_DIR", ".data")),
    embeddedPostgresPort: integer(env, "EMBEDDED_PG_PORT", 54329, 1, 65535),
    databasePoolSize,
    databasePoolWaitMs: integer(env, "DB_POOL_WAIT_MS", DEFAULT_DB_POOL_WAIT_MS, 100, 60_000),
    baseQueryConcurrency: integer(
      env,
      "BASE_QUERY_CONCURRENCY",
      Math.min(2, baseQueryMax),
      1,
      baseQueryMax,
      `, so that its two lanes together stay below DB_POOL_SIZE=${databasePoolSize}`,
    ),
    baseQueryWaitMs: integer(env, "BASE_QUERY_WAIT_MS", 5000, 0, 600_000),
    dashboardBusyReadsPerSecond: integer(env, "DASHBOARD_BUSY_READS_PER_SECOND", 20, 0, 1_000_000),
    seedOnStart: boolean(env, "SEED_ON_START", true),
    demoReleases: boolean(env, "DEMO_RELEASES", true),
    seedScale: decimal(env, "SEED_SCALE", 1, 0.001, 1),
    seedValue: integer(env, "SEED", 20211215, 0, 2 ** 31 - 1),
    logLevel: oneOf(env, "LOG_LEVEL", "info", LOG_LEVELS),
    statementTimeoutMs: integer(env, "STATEMENT_TIMEOUT_MS", 5000, 100, 600_000),
    suppressionThreshold: integer(env, "SUPPRESSION_K", 5, 1, 1000),
    rateLimitPerMinute: integer(env, "RATE_LIMIT_PER_MINUTE", 600, 0, 1_000_000),
    trustProxyHops: integer(env, "TRUST_PROXY_HOPS", 0, 0, 10),
    redisUrl: redisUrl(env, "REDIS_URL"),
    responseCache: {
      entries: integer(env, "RESPONSE_CACHE_ENTRIES", RESPONSE_CACHE_DEFAULTS.entries, 0, 1_000_000),
      megabytes: integer(env, "RESPONSE_CACHE_MB", RESPONSE_CACHE_DEFAULTS.megabytes, 1, 65_536),
      ttlSeconds: integer(env, "RESPONSE_CACHE_TTL_SECONDS", RESPONSE_CACHE_DEFAULTS.ttlSeconds, 1, 604_800),
    },
    dataVersionRecheckMs: integer(env, "DATA_VERSION_RECHECK_MS", 1000, 0, 600_000),
    importLimits: {
      dateFrom: importDateFrom,
      dateTo: isoDate(env, "IMPORT_DATE_TO", IMPORT_LIMIT_DEFAULTS.dateTo, {
        name: "IMPORT_DATE_FROM",
        date: importDateFrom,
      }),
      maxBenefitVnd: integer(
        env,
        "IMPORT_MAX_BENEFIT_VND",
        IMPORT_LIMIT_DEFAULTS.maxBenefitVnd,
        0,
        Number.MAX_SAFE_INTEGER,
      ),
    },
    // Below a second, a long garbage collection or a slow disk would pass for a hang.
    watchdogBlockedMs: integerOrOff(env, "WATCHDOG_BLOCKED_MS", 10_000, 1000, 600_000),
    eventLoopLagLimitMs: integerOrOff(env, "EVENT_LOOP_LAG_LIMIT_MS", DEFAULT_EVENT_LOOP_LAG_LIMIT_MS, 10, 600_000),
  } satisfies AppConfig;
}
