import type { NextFunction, Request, Response } from "express";
import { connectionFailureOf } from "../db/connection-failure";
import type { PoolLimits } from "../db/data-source";
import type { Logger } from "../observability/logger";
import type { GraphqlOutcome } from "../observability/metrics";
import { answerFor, asGraphqlError, refuseForDatabase } from "./connection-failure-answer";
import { internalError } from "./error-masking.plugin";

/**
 * The last word on an error no route answered (a token checked while the database is away, a
 * failed version lookup): JSON in the GraphQL shape, never Express's page with the stack. A
 * database that could not answer gets 503 and its code, anything else 500 and the request id,
 * the error itself going to the log. Errors Express marks as the client's (a body that is not
 * JSON, too large) keep their own status and page.
 */
export function answerUnhandledErrors(logger: Pick<Logger, "error">, pool: PoolLimits) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = Number((error as { status?: unknown }).status);
    if (res.headersSent || (status >= 400 && status < 500)) return next(error);
    const requestId = String(res.locals.requestId);
    const failure = connectionFailureOf(error);
    if (failure) {
      const answer = answerFor(failure, pool);
      res.locals.outcome = (failure === "busy" ? "busy" : "internal_error") satisfies GraphqlOutcome;
      return refuseForDatabase(res, answer).json({ errors: [asGraphqlError(answer, requestId)] });
    }
    logger.error("internal error", {
      requestId, path: req.path, error: (error as Error)?.message, stack: error instanceof Error ? error.stack : undefined,
    });
    res.locals.outcome = "internal_error" satisfies GraphqlOutcome;
    res.status(500).json({ errors: [internalError(requestId)] });
  };
}
