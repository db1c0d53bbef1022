import express, { type NextFunction, type Request, type Response } from "express";
import { answerClientError } from "./client-error";

/** The largest GraphQL request body: a long query with its variables is a few kilobytes. */
export const GRAPHQL_BODY_LIMIT = "1mb";

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
      return answerClientError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the GraphQL request as JSON: Content-Type: application/json.");
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers["content-type"] ?? "")?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return answerClientError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "The body's charset is not supported: send UTF-8.");
    }
    parse(req, res, next);
  };
}
