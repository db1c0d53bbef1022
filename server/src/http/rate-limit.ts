import type { NextFunction, Request, Response } from "express";
import type { Role } from "../auth/roles";

interface Bucket { tokens: number; at: number }

/**
 * A token bucket per client address for public callers: `perMinute` requests a minute on average,
 * bursts up to the same number. Over it, 429 with Retry-After (seconds) and a GraphQL-shaped body.
 * Token holders are not limited (they are known and few). In memory: one instance's view.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let lastSweep = now();
  return (req: Request, res: Response, next: NextFunction) => {
    if (perMinute <= 0 || (res.locals.role as Role | undefined) !== "public") return next();
    const t = now();
    if (t - lastSweep > 60_000) {
      // Forget addresses whose bucket has refilled: memory stays bounded by recent callers.
      for (const [address, bucket] of buckets) if (bucket.tokens + (t - bucket.at) * perMs >= perMinute) buckets.delete(address);
      lastSweep = t;
    }
    const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const previous = buckets.get(address) ?? { tokens: perMinute, at: t };
    const tokens = Math.min(perMinute, previous.tokens + (t - previous.at) * perMs);
    if (tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      buckets.set(address, { tokens, at: t });
      res.setHeader("Retry-After", String(retryAfter));
      res.status(429).json({
        errors: [{ message: `Too many requests from this address: at most ${perMinute} a minute. Try again in ${retryAfter} s.`, extensions: { code: "RATE_LIMITED", retryAfter } }],
      });
      return;
    }
    buckets.set(address, { tokens: tokens - 1, at: t });
    next();
  };
}
