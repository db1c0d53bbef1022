import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { CODE_VERSION } from "../code-version";
import { connectionFailureOf } from "../db/connection-failure";

/**
 * Public reads over GET carry an ETag made of the data version, the code version and the
 * request, so browsers and a CDN can keep answers until the next load (or upgrade), and
 * revalidate cheaply (304) after. Reads with a token are private.
 */
export function graphqlGetCache(currentVersion: () => Promise<string | null>, maxAgeSeconds = 300) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" || typeof req.query.query !== "string") return next();
    // Answers to a token holder may hold unsuppressed figures: never in a shared cache.
    if (req.headers.authorization) {
      res.setHeader("Cache-Control", "private, no-store");
      return next();
    }
    let version: string | null;
    try {
      version = await currentVersion();
    } catch (error) {
      // The database did not answer: GraphQL would wait for it again and fail the same way, so answer now (503).
      return connectionFailureOf(error) ? next(error) : next();
    }
    if (!version) return next();
    const digest = createHash("sha256")
      .update(req.originalUrl)
      .update(String(req.headers["accept-language"] ?? ""))
      .digest("base64url")
      .slice(0, 22);
    const etag = `W/"v${version}-${CODE_VERSION}-${digest}"`;
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", `public, max-age=${maxAgeSeconds}, stale-while-revalidate=60`);
    res.setHeader("Vary", "Accept-Language");
    const match = req.headers["if-none-match"];
    if (
      match &&
      match
        .split(",")
        .map((s) => s.trim())
        .includes(etag)
    ) {
      res.status(304).end();
      return;
    }
    next();
  };
}
