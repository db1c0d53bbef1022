import type { NextFunction, Request, Response } from "express";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimitKey } from "./client-address";
import { answerClientError } from "./client-error";
import type { TokenVerdicts } from "./token-verdicts";

const WINDOW_SECONDS = 60;

/**
 * Lookups of tokens not yet judged, a minute per address: failed authentications are rare for a
 * real client (a typo, a revoked token) and each costs a database query, so this is far below
 * the request limit.
 */
export const FAILED_AUTHENTICATIONS_PER_MINUTE = 20;

export interface RateLimitOptions {
  /** Requests a minute per address (RATE_LIMIT_PER_MINUTE; 0: no limit). */
  perMinute: number;
  /** What the authentication learnt of tokens: who may pass without counting, who is refused again. */
  verdicts: TokenVerdicts;
  /** With REDIS_URL the counters live in Redis, shared by every instance; without it in this process. */
  redis?: Redis;
}

/**
 * The per-address limits, in front of authentication (an attacker's bad tokens must be refused
 * before they reach the database). Each address (an IPv6 one by its /64) has a fixed window of a
 * minute, and pays:
 *  - one request for each request without a token, and each with a token already refused this
 *    window (answered 401 without the database);
 *  - for a token not yet judged, a failed-authentication allowance pays the database lookup
 *    before it happens, and gets it back if the token is good; if the token is bad, the address
 *    also pays a request, so failures count against it like everything else;
 *  - nothing for a token that passed this window: token holders are known, few and not limited,
 *    even when others behind the same address spent its requests.
 * Counted answers carry RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset
 * (the IETF draft's separate fields, as draft-ietf-httpapi-ratelimit-headers-06 names them); over
 * the limit, 429 with Retry-After and a GraphQL-shaped body.
 */
export function rateLimit({ perMinute, verdicts, redis }: RateLimitOptions) {
  if (perMinute <= 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  const failedPerMinute = Math.min(perMinute, FAILED_AUTHENTICATIONS_PER_MINUTE);
  const requests = windowCounter("requests", perMinute, redis);
  const lookups = windowCounter("token-lookups", failedPerMinute, redis);

  return async (req: Request, res: Response, next: NextFunction) => {
    const verdict = verdicts.of(req.headers.authorization);
    if (verdict.kind === "good") return next();
    const address = rateLimitKey(req.ip ?? req.socket.remoteAddress);
    if (verdict.kind === "unknown") {
      const spent = await spend(lookups, address);
      if (!spent.allowed)
        return tooMany(
          res,
          failedPerMinute,
          spent.state,
          `Too many failed authentications from this address: at most ${failedPerMinute} a minute.`,
        );
      res.once("close", () => {
        // A good token's lookup is given back; a bad one also costs a request. A client that left
        // before the lookup ended (or a database that could not answer) keeps it paid: otherwise
        // hanging up at once would be a way to look up tokens without limit.
        if (res.locals.authenticationFailed) requests.penalty(address).catch(() => undefined);
        else if (res.locals.tokenId !== undefined) lookups.reward(address).catch(() => undefined);
      });
      return next();
    }
    const spent = await spend(requests, address);
    if (!spent.allowed)
      return tooMany(
        res,
        perMinute,
        spent.state,
        `Too many requests from this address: at most ${perMinute} a minute.`,
      );
    if (spent.state) describeLimit(res, perMinute, spent.state);
    next();
  };
}

/** In Redis when there is one, with this process's own counter as insurance while Redis is away. */
function windowCounter(name: string, points: number, redis: Redis | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: WINDOW_SECONDS });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `sangkien:ratelimit:${name}`,
    points,
    duration: WINDOW_SECONDS,
    insuranceLimiter: memory,
    // Not connected: the insurance answers at once rather than each request waiting for a timeout.
    rejectIfRedisNotReady: true,
    // An address over its limit is refused from memory until its window ends: a flood costs Redis nothing.
    inMemoryBlockOnConsumed: points + 1,
  });
}

type Spent = { allowed: true; state?: RateLimiterRes } | { allowed: false; state: RateLimiterRes };

async function spend(counter: RateLimiterAbstract, address: string): Promise<Spent> {
  try {
    return { allowed: true, state: await counter.consume(address) };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return { allowed: false, state: outcome };
    // Neither Redis nor the insurance could count (not expected): serve rather than refuse everyone.
    return { allowed: true };
  }
}

function secondsToReset(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

function describeLimit(res: Response, limit: number, state: RateLimiterRes): void {
  res.setHeader("RateLimit-Policy", `${limit};w=${WINDOW_SECONDS}`);
  res.setHeader("RateLimit-Limit", String(limit));
  res.setHeader("RateLimit-Remaining", String(state.remainingPoints));
  res.setHeader("RateLimit-Reset", String(secondsToReset(state)));
}

function tooMany(res: Response, limit: number, state: RateLimiterRes, reason: string): void {
  const retryAfter = secondsToReset(state);
  describeLimit(res, limit, state);
  res.setHeader("Retry-After", String(retryAfter));
  answerClientError(res, 429, "RATE_LIMITED", `${reason} Try again in ${retryAfter} s.`, { retryAfter });
}
