import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { openSharedCache, type SharedCache } from "../../../server/src/cache/shared-cache";
import { rateLimitKey } from "../../../server/src/http/client-address";
import { FAILED_AUTHENTICATIONS_PER_MINUTE } from "../../../server/src/http/rate-limit";
import { TokenVerdicts } from "../../../server/src/http/token-verdicts";
import { freePort, waitUntil } from "../../setup/processes";
import { describeWithRedis, startRedisServer, type RunningRedis } from "../../setup/redis-server";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * The per-address limits, on the real app: counted before authentication, failed authentications
 * included; a bad token refused from memory after its first lookup; IPv6 by /64; the RateLimit
 * fields; and one limit for every instance through a real Redis. The client address is varied
 * through X-Forwarded-For with one trusted proxy (TRUST_PROXY_HOPS=1), as behind a load balancer.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let leadership: string;
/** Token lookups the app made, counted on the real DataSource (the query still runs). */
let tokenLookups = 0;
/** Milliseconds each token lookup waits before it runs: a slow database, for the client that hangs up meanwhile. */
let lookupDelayMs = 0;

beforeAll(async () => {
  db = await createTestDatabase("rate_limit");
  leadership = `Bearer ${(await createToken(db.dataSource, "leadership", "rate limit")).token}`;
  const query = db.dataSource.query.bind(db.dataSource);
  db.dataSource.query = ((sql: string, ...rest: unknown[]) => {
    const run = () => (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    if (!sql.includes("FROM api_token")) return run();
    tokenLookups++;
    return lookupDelayMs ? new Promise((resolve) => setTimeout(resolve, lookupDelayMs)).then(run) : run();
  }) as typeof db.dataSource.query;
});

afterAll(async () => {
  await db?.drop();
});

let unique = 0;
/** Client addresses no other test uses: each test starts with a fresh allowance. */
const freshIpv4 = () => `198.51.100.${++unique}`;
const freshPrefix = () => `2001:db8:${(++unique).toString(16)}:0`;
/** A well-formed token that was never issued: the database has to be asked about it. */
const unknownToken = () => `Bearer sk_${`${++unique}`.padStart(43, "x")}`;

async function ask(server: TestServer, from: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from, ...headers },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions: { code: string; retryAfter?: number } }> };
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, code: body.errors?.[0]?.extensions.code, ms: performance.now() - started, header };
}

describe("the address a limit counts", () => {
  it("is an IPv4 address itself, an IPv6 address's /64, an IPv4-mapped address's IPv4", () => {
    expect(rateLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitKey("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3:8d3::/64");
    expect(rateLimitKey("2001:db8:85a3:8d3::1")).toBe("2001:db8:85a3:8d3::/64");
    expect(rateLimitKey("2001:DB8:85A3:08D3:ffff::")).toBe("2001:db8:85a3:8d3::/64");
    expect(rateLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitKey("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitKey("::ffff:192.0.2.10")).toBe("192.0.2.10");
    expect(rateLimitKey("64:ff9b::192.0.2.10")).toBe("64:ff9b:0:0::/64");
    expect(rateLimitKey(undefined)).toBe("unknown");
  });
});

describe("tokens already judged", () => {
  it("a bounded memory: a failure is remembered for at least a window, forgotten after two, and a good token turned bad is bad", () => {
    let now = 0;
    const verdicts = new TokenVerdicts(60_000, 2, () => now);
    const a = verdicts.of("Bearer a");
    expect(a.kind).toBe("unknown");
    verdicts.rememberBad((a as { fingerprint: string }).fingerprint, "no");
    verdicts.rememberGood((verdicts.of("Bearer b") as { fingerprint: string }).fingerprint);
    verdicts.rememberBad((verdicts.of("Bearer c") as { fingerprint: string }).fingerprint, "no");
    expect(verdicts.of("Bearer c").kind).toBe("unknown");
    now = 90_000;
    expect(verdicts.of("Bearer a")).toMatchObject({ kind: "bad", reason: "no" });
    verdicts.rememberBad((verdicts.of("Bearer b") as { fingerprint: string }).fingerprint, "revoked");
    expect(verdicts.of("Bearer b").kind).toBe("bad");
    now = 200_000;
    expect(verdicts.of("Bearer a").kind).toBe("unknown");
    expect(verdicts.of("  ").kind).toBe("none");
  });
});

describe("with RATE_LIMIT_PER_MINUTE=5", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db.dataSource, 5000, { rateLimitPerMinute: 5, trustProxyHops: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("every counted answer says the policy, the allowance left and the seconds to the next window; past it, 429 and Retry-After", async () => {
    const from = freshIpv4();
    const first = await ask(server, from);
    expect(first.status).toBe(200);
    expect(first.header("ratelimit-policy")).toBe("5;w=60");
    expect(first.header("ratelimit-limit")).toBe("5");
    expect(first.header("ratelimit-remaining")).toBe("4");
    expect(Number(first.header("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    expect(Number(first.header("ratelimit-reset"))).toBeLessThanOrEqual(60);
    for (let i = 0; i < 4; i++) await ask(server, from);
    const refused = await ask(server, from);
    expect(refused.status).toBe(429);
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.header("ratelimit-remaining")).toBe("0");
    expect(Number(refused.header("retry-after"))).toBe(Number(refused.header("ratelimit-reset")));
    expect((await ask(server, freshIpv4())).status).toBe(200);
  });

  it("IPv6 clients are counted by /64: another address of the same /64 shares the allowance, the next /64 does not", async () => {
    const prefix = freshPrefix();
    for (let host = 1; host <= 5; host++) expect((await ask(server, `${prefix}::${host}`)).status).toBe(200);
    expect((await ask(server, `${prefix}:ffff:ffff:ffff:ffff`)).status).toBe(429);
    expect((await ask(server, `${freshPrefix()}::1`)).status).toBe(200);
  });

  it("failed authentications count against the address, and the bad token's repeats too", async () => {
    const from = freshIpv4();
    const bad = unknownToken();
    expect((await ask(server, from, { authorization: bad })).status).toBe(401);
    expect((await ask(server, from, { authorization: unknownToken() })).status).toBe(401);
    expect((await ask(server, from, { authorization: bad })).status).toBe(401);
    const next = await ask(server, from);
    expect(next.status).toBe(200);
    expect(next.header("ratelimit-remaining")).toBe("1");
    expect((await ask(server, from)).status).toBe(200);
    expect((await ask(server, from, { authorization: bad })).status).toBe(429);
    expect((await ask(server, from)).status).toBe(429);
  });

  it("a token holder is not counted, and passes even when others behind the address spent its allowance", async () => {
    const from = freshIpv4();
    for (let i = 0; i < 5; i++) await ask(server, from);
    expect((await ask(server, from)).status).toBe(429);
    for (let i = 0; i < 10; i++) {
      const answer = await ask(server, from, { authorization: leadership });
      expect(answer.status).toBe(200);
      if (i > 0) expect(answer.header("ratelimit-remaining")).toBeNull();
    }
  });
});

describe(`failed authentications (at most ${FAILED_AUTHENTICATIONS_PER_MINUTE} lookups a minute per address)`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db.dataSource, 5000, { rateLimitPerMinute: 1000, trustProxyHops: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("new bad tokens past the allowance get 429 without a lookup; requests without a token are counted apart and pass", async () => {
    const from = freshIpv4();
    const before = tokenLookups;
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_AUTHENTICATIONS_PER_MINUTE + 5; i++)
      statuses.push((await ask(server, from, { authorization: unknownToken() })).status);
    expect(statuses.slice(0, FAILED_AUTHENTICATIONS_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_AUTHENTICATIONS_PER_MINUTE).every((s) => s === 429)).toBe(true);
    expect(tokenLookups - before).toBe(FAILED_AUTHENTICATIONS_PER_MINUTE);
    // The allowance paid for lookups; requests without a token are counted apart and still pass.
    expect((await ask(server, from)).status).toBe(200);
  });

  it("a client that hangs up during the lookup does not get the lookup back", async () => {
    const from = freshIpv4();
    const before = tokenLookups;
    lookupDelayMs = 300;
    try {
      const hungUp = Array.from({ length: FAILED_AUTHENTICATIONS_PER_MINUTE }, async () => {
        const controller = new AbortController();
        const sent = fetch(`${server.base}/graphql`, {
          method: "POST",
          signal: controller.signal,
          body: JSON.stringify({ query: "{ __typename }" }),
          headers: { "content-type": "application/json", "x-forwarded-for": from, authorization: unknownToken() },
        }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
        controller.abort();
        await sent;
      });
      await Promise.all(hungUp);
      await waitUntil(() => tokenLookups - before === FAILED_AUTHENTICATIONS_PER_MINUTE, "every lookup started");
    } finally {
      lookupDelayMs = 0;
    }
    const next = await ask(server, from, { authorization: unknownToken() });
    expect(next.status).toBe(429);
    expect(tokenLookups - before).toBe(FAILED_AUTHENTICATIONS_PER_MINUTE);
  });

  it("good tokens give their lookup back: a holder is never stopped by the failed-authentication allowance", async () => {
    const from = freshIpv4();
    for (let i = 0; i < FAILED_AUTHENTICATIONS_PER_MINUTE + 5; i++) {
      // A token this instance has not judged yet each time: a freshly issued one.
      const fresh = `Bearer ${(await createToken(db.dataSource, "leadership", "fresh")).token}`;
      expect((await ask(server, from, { authorization: fresh })).status).toBe(200);
    }
  });
});

describe("a bad token, with no limit at all (RATE_LIMIT_PER_MINUTE=0)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("costs one database lookup however often it is sent, at once or in turn, and is refused in milliseconds", async () => {
    const bad = unknownToken();
    const before = tokenLookups;
    const together = await Promise.all(
      Array.from({ length: 20 }, () => ask(server, "127.0.0.1", { authorization: bad })),
    );
    expect(together.every((a) => a.status === 401 && a.code === "UNAUTHENTICATED")).toBe(true);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const answer = await ask(server, "127.0.0.1", { authorization: bad });
      expect(answer.status).toBe(401);
      times.push(answer.ms);
    }
    expect(tokenLookups - before).toBe(1);
    times.sort((a, b) => a - b);
    expect(times[25]).toBeLessThan(50);
  });

  it("a revoked token stops working at once, however recently it passed", async () => {
    const { info, token } = await createToken(db.dataSource, "leadership", "soon revoked");
    expect((await ask(server, "127.0.0.1", { authorization: `Bearer ${token}` })).status).toBe(200);
    await db.dataSource.query("UPDATE api_token SET revoked_at = now() WHERE id = $1", [info.id]);
    expect((await ask(server, "127.0.0.1", { authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describeWithRedis("one limit for every instance, through Redis", (binary) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-rate-limit-"));
  let redis: RunningRedis;
  const shared: SharedCache[] = [];
  const servers: TestServer[] = [];
  const quiet = { warn: () => undefined, info: () => undefined };

  beforeAll(async () => {
    redis = await startRedisServer(binary, await freePort(), dir);
    for (let i = 0; i < 2; i++) {
      const cache = openSharedCache(redis.url, 60, quiet);
      shared.push(cache);
      servers.push(
        await startTestServer(db.dataSource, 5000, { rateLimitPerMinute: 6, trustProxyHops: 1, shared: cache }),
      );
    }
    // Connected in the background: wait until both instances count in Redis rather than in their insurance.
    await waitUntil(
      async () => shared.every((s) => s.redis.status === "ready"),
      "both instances connected to Redis",
      5000,
    );
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const cache of shared) await cache.close();
    await redis?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("requests spread over two instances share one allowance", async () => {
    const from = freshIpv4();
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      const answer = await ask(servers[i % 2]!, from);
      expect(answer.status).toBe(200);
      remaining.push(answer.header("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["5", "4", "3", "2", "1", "0"]);
    expect((await ask(servers[0]!, from)).status).toBe(429);
    expect((await ask(servers[1]!, from)).status).toBe(429);
    expect((await ask(servers[1]!, freshIpv4())).status).toBe(200);
  });

  it("while Redis is away each instance limits on its own, and serves", async () => {
    await redis.kill();
    await expect.poll(() => shared.every((s) => s.redis.status !== "ready"), { timeout: 5000 }).toBe(true);
    const from = freshIpv4();
    for (let i = 0; i < 6; i++) expect((await ask(servers[0]!, from)).status).toBe(200);
    expect((await ask(servers[0]!, from)).status).toBe(429);
    expect((await ask(servers[1]!, from)).status).toBe(200);
  });
});
