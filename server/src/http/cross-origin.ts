import cors from "cors";
import type { NextFunction, Request, Response } from "express";
import { answerClientError } from "./client-error";

/**
 * Whether a request comes from a page of another origin. Browsers say so in Sec-Fetch-Site (which
 * no page can set, and which a proxy rewriting Host does not disturb); older ones only send
 * Origin, compared with this server's own. A request without either is not from a web page
 * (curl, a script, a same-origin GET) and is nobody else's origin.
 */
export function isCrossOrigin(req: Request): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site === "same-origin" || site === "none") return false;
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  return origin !== `${req.protocol}://${req.headers.host}`;
}

/**
 * /graphql and /export.csv: public statistics any page may read — a newsroom's chart, a
 * researcher's notebook — so every origin is allowed (Access-Control-Allow-Origin: *), without
 * credentials: no cookie is ever sent, and Authorization is not among the allowed headers, so a
 * browser refuses to send a token from another origin at the preflight. What a reader may want
 * of the answer is exposed: the ETag to revalidate, the rate-limit fields, the request id.
 */
export function allowAnonymousReadsFromAnyOrigin() {
  return cors({
    origin: "*",
    methods: ["GET", "HEAD", "POST"],
    allowedHeaders: ["Content-Type", "Accept", "Accept-Language", "If-None-Match", "X-Request-Id"],
    exposedHeaders: [
      "ETag",
      "X-Cache",
      "X-Request-Id",
      "Retry-After",
      "RateLimit-Policy",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "Content-Disposition",
    ],
    credentials: false,
    // Browsers keep the preflight this long (Chromium at most 2 hours).
    maxAge: 7200,
    optionsSuccessStatus: 204,
  });
}

/**
 * A token is this site's own pages' business only (the GraphQL IDE, curl, scripts). A browser will
 * not send one from elsewhere (see above); anything that still arrives with one from another
 * origin is refused outright rather than answered without CORS headers.
 */
export function refuseCrossOriginTokens(req: Request, res: Response, next: NextFunction): void {
  if (!req.headers.authorization || !isCrossOrigin(req)) return next();
  answerClientError(
    res,
    403,
    "FORBIDDEN",
    "A request with a token is accepted from this site's own pages only, not from another origin.",
  );
}

/**
 * /admin/*: same origin only, preflights included, whatever the request carries. No CORS header is
 * ever sent, so a browser would not let another page read the answer anyway; refusing first means
 * a cross-origin request cannot even start an import.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (!isCrossOrigin(req)) return next();
  answerClientError(
    res,
    403,
    "FORBIDDEN",
    "This route is accepted from this site's own pages only, not from another origin.",
  );
}
