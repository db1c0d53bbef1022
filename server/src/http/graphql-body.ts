import express, { type NextFunction, type Request, type Response } from "express";
import { answerClientError } from "./client-error";

/**
 * The largest GraphQL request body. The dashboard's largest batch is about 5 KB, a filter of 200 unit
 * codes about 6 KB; 64 KB leaves room. Every byte costs before any limit of ours can judge the
 * request: at 1 MB, a list variable of 100,000 codes held the event loop for ~60 ms (JSON 16 ms,
 * graphql-js's coercion 25–40 ms, the cache key 15 ms) and doubled the dashboard's p95 when sent
 * every 10 ms (docs/benchmarks.md, "Hostile traffic").
 */
export const GRAPHQL_BODY_LIMIT = "64kb";

/**
 * Reads a POST's body as JSON for Apollo, and refuses what is not JSON in UTF-8 with 415 before
 * reading it: Apollo would take an HTML form's text/plain body for a missing one (400 with a
 * message about something else), and the body parser would decode UTF-16 and then fail to parse
 * it. A POST without a body goes on to Apollo, which says what is missing.
 */
export function graphqlBody() {
  const parse = express.json({ limit: GRAPHQL_BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "POST" || req.is("application/json") === null) return parse(req, res, next);
    if (!req.is("application/json")) {
      return answerClientError(
        res,
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Send the GraphQL request as JSON: Content-Type: application/json.",
      );
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers["content-type"] ?? "")?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return answerClientError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "The body's charset is not supported: send UTF-8.");
    }
    parse(req, res, next);
  };
}
