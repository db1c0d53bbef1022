import type { NextFunction, Request, Response } from "express";
import { connectionFailureOf } from "../db/connection-failure";
import type { PoolLimits } from "../db/data-source";
import type { Logger } from "../observability/logger";
import type { GraphqlOutcome } from "../observability/metrics";
import { answerClientError, type ClientErrorCode } from "./client-error";
import { answerFor, asGraphqlError, refuseForDatabase } from "./connection-failure-answer";
import { internalError } from "./error-masking.plugin";

/** The body parser's refusals (its `type`), each with our status, code and words: its own messages may quote the body. */
const BODY_ERRORS: Record<
  string,
  { status: number; code: ClientErrorCode; message: (error: { limit?: number }) => string }
> = {
  "entity.parse.failed": { status: 400, code: "BAD_REQUEST", message: () => "The body is not valid JSON." },
  "entity.verify.failed": { status: 400, code: "BAD_REQUEST", message: () => "The body could not be read." },
  "request.aborted": { status: 400, code: "BAD_REQUEST", message: () => "The body ended before its announced length." },
  "request.size.invalid": {
    status: 400,
    code: "BAD_REQUEST",
    message: () => "The body's length differs from its Content-Length.",
  },
  "entity.too.large": {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: ({ limit }) => `The body is larger than ${limit ?? "the limit of"} bytes.`,
  },
  "charset.unsupported": {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: () => "The body's charset is not supported: send UTF-8.",
  },
  "encoding.unsupported": {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: () => "The body's Content-Encoding is not supported: send it as is, or gzip, deflate or br.",
  },
};

/** Any other refusal of the client's, by status. */
const BY_STATUS: Record<number, { code: ClientErrorCode; message: string }> = {
  404: { code: "NOT_FOUND", message: "Not found." },
  405: { code: "METHOD_NOT_ALLOWED", message: "This method is not allowed here." },
  413: { code: "PAYLOAD_TOO_LARGE", message: "The body is too large." },
  415: { code: "UNSUPPORTED_MEDIA_TYPE", message: "The body's type is not supported." },
};

/**
 * The last word on an error no route answered, always JSON in the GraphQL shape — never Express's
 * page, which shows the stack and the server's file paths unless NODE_ENV=production. The client's
 * own errors (a body that is not JSON, too large, in another charset; a path the static files
 * refuse) keep a 4xx status with a code and words of ours. A database that could not answer gets
 * 503 and its code; anything else 500 and the request id, the error itself going to the log.
 */
export function answerUnhandledErrors(logger: Pick<Logger, "error">, pool: PoolLimits) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    // Too late to answer: Express closes the connection.
    if (res.headersSent) return next(error);
    const fields = (typeof error === "object" && error !== null ? error : {}) as {
      status?: unknown;
      statusCode?: unknown;
      type?: unknown;
      limit?: number;
    };
    const status = Number(fields.status ?? fields.statusCode);
    if (status >= 400 && status < 500) {
      const known = BODY_ERRORS[String(fields.type)];
      if (known) return answerClientError(res, known.status, known.code, known.message(fields));
      const byStatus = BY_STATUS[status] ?? { code: "BAD_REQUEST" as const, message: "Bad request." };
      return answerClientError(res, status, byStatus.code, byStatus.message);
    }
    const requestId = String(res.locals.requestId);
    const failure = connectionFailureOf(error);
    if (failure) {
      const answer = answerFor(failure, pool);
      res.locals.outcome = (failure === "busy" ? "busy" : "internal_error") satisfies GraphqlOutcome;
      return refuseForDatabase(res, answer).json({ errors: [asGraphqlError(answer, requestId)] });
    }
    logger.error("internal error", {
      requestId,
      path: req.path,
      error: (error as Error)?.message,
      stack: error instanceof Error ? error.stack : undefined,
    });
    res.locals.outcome = "internal_error" satisfies GraphqlOutcome;
    res.status(500).json({ errors: [internalError(requestId)] });
  };
}

/** What no route answered: JSON 404 (the dashboard's own pages were answered before, see dashboard-files.ts). */
export function answerNotFound(_req: Request, res: Response): void {
  answerClientError(res, 404, "NOT_FOUND", "Not found: the API is /graphql, the dashboard /.");
}

/** A route that exists, asked with another method: 405 and the methods it takes. */
export function methodNotAllowed(allowed: string) {
  return (_req: Request, res: Response) => {
    res.setHeader("Allow", allowed);
    answerClientError(res, 405, "METHOD_NOT_ALLOWED", `This route takes ${allowed} only.`);
  };
}

/** In front of a handler that takes only these methods (Apollo answers others 405 under BAD_REQUEST). */
export function onlyMethods(...methods: string[]) {
  const refuse = methodNotAllowed(methods.join(", "));
  return (req: Request, res: Response, next: NextFunction) =>
    methods.includes(req.method) ? next() : refuse(req, res);
}
