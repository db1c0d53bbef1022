import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { announceLoad } from "../../../server/src/cache/announce-load";
import { MemoryStore } from "../../../server/src/cache/memory-store";
import { ResponseCache } from "../../../server/src/cache/response-cache";
import { openSharedCache, type SharedCache } from "../../../server/src/cache/shared-cache";
import { createLogger } from "../../../server/src/observability/logger";
import { metricsRegistry } from "../../../server/src/observability/metrics";
import { freePort, waitUntil } from "../../setup/processes";
import { describeWithRedis, startRedisServer, type RunningRedis } from "../../setup/redis-server";

const memory = () => new MemoryStore({ maxEntries: 100, maxBytes: 1_000_000, ttlMs: 60_000 });

async function lookups(store: string, result: string): Promise<number> {
  const { values } = await metricsRegistry.getSingleMetric("sangkien_response_cache_lookups_total")!.get();
  return values.find((v) => v.labels.store === store && v.labels.result === result)?.value ?? 0;
}

function logLines() {
  const lines: Array<Record<string, any>> = [];
  return { lines, logger: createLogger({ level: "info", sink: (line) => lines.push(JSON.parse(line)) }) };
}

describe("ResponseCache in memory only", () => {
  it("misses, keeps, then hits, counting each lookup", async () => {
    const cache = new ResponseCache(memory());
    const [misses, hits] = [await lookups("memory", "miss"), await lookups("memory", "hit")];
    expect(await cache.get("k")).toBeUndefined();
    cache.set("k", '{"a":1}');
    expect(await cache.get("k")).toBe('{"a":1}');
    expect(await lookups("memory", "miss")).toBe(misses + 1);
    expect(await lookups("memory", "hit")).toBe(hits + 1);
  });
});

describe("ResponseCache with a Redis that is not there", () => {
  let shared: SharedCache;
  const { lines, logger } = logLines();
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    shared = openSharedCache(new URL(`redis://127.0.0.1:${port}`), 60, logger);
  });
  afterAll(() => shared?.close());

  it("answers every lookup as a miss at once, never throws, counts errors, and warns once", async () => {
    const cache = new ResponseCache(memory(), shared.store);
    const errors = await lookups("redis", "error");
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      expect(await cache.get(`q${i}`)).toBeUndefined();
      cache.set(`other${i}`, "{}");
    }
    // Fail fast: no waiting for a connection or a retry.
    expect(performance.now() - started).toBeLessThan(500);
    expect(await lookups("redis", "error")).toBe(errors + 10);
    // What was set is still served from this process's memory.
    expect(await cache.get("other3")).toBe("{}");
    await shared.channel.announce("42");
    // Reconnect attempts keep failing meanwhile: still one line.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const warnings = lines.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: expect.stringMatching(/Redis unavailable/),
      redis: `127.0.0.1:${port}`,
      reason: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(shared.status()).toEqual({
      ok: false,
      detail: `unavailable at 127.0.0.1:${port}: answers are cached in this process only`,
    });
  });
});

describe("a command-line load announcing itself", () => {
  it("does not fail when Redis cannot be reached: it says so on standard error, with the variable that sets the fallback", async () => {
    const notes: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void notes.push(line));
    try {
      const port = await freePort();
      await expect(announceLoad(new URL(`redis://:s3cret@127.0.0.1:${port}`), "9")).resolves.toBeUndefined();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(
        new RegExp(
          `Redis at 127.0.0.1:${port} did not take the news \\(.*ECONNREFUSED.*\\): .*DATA_VERSION_RECHECK_MS`,
        ),
      );
      expect(notes[0]).not.toContain("s3cret");
      await expect(announceLoad(undefined, "9")).resolves.toBeUndefined();
      expect(notes).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describeWithRedis("ResponseCache shared through a real Redis", (binary) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-redis-unit-"));
  let redis: RunningRedis;
  let a: SharedCache;
  let b: SharedCache;
  let inspector: Redis;
  const { lines, logger } = logLines();

  beforeAll(async () => {
    redis = await startRedisServer(binary, await freePort(), dir);
    a = openSharedCache(redis.url, 120, logger);
    b = openSharedCache(redis.url, 120, logger);
    inspector = new Redis(redis.url.toString());
    await waitUntil(() => a.status().ok && b.status().ok, "both clients are connected and subscribed");
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    inspector?.disconnect();
    await redis?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves one instance's answer to another from Redis, with a TTL on the key", async () => {
    const first = new ResponseCache(memory(), a.store);
    const second = new ResponseCache(memory(), b.store);
    const hits = await lookups("redis", "hit");
    first.set("v1:vi:question", '{"n":1}');
    await expect.poll(() => second.get("v1:vi:question"), { timeout: 2000 }).toBe('{"n":1}');
    expect(await lookups("redis", "hit")).toBe(hits + 1);
    const ttl = await inspector.ttl("sangkien:answer:v1:vi:question");
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(a.status()).toEqual({ ok: true, detail: `connected to 127.0.0.1:${redis.url.port}` });
    expect(lines.filter((l) => l.level === "warn")).toEqual([]);
  });

  it("delivers an announced data version to every subscribed instance", async () => {
    const heard: string[] = [];
    b.channel.listen((version) => heard.push(version));
    await a.channel.announce("123");
    await expect.poll(() => heard, { timeout: 2000 }).toEqual(["123"]);
  });
});
