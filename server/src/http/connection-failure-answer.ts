import type { Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { ConnectionFailure } from "../db/connection-failure";
import type { PoolLimits } from "../db/data-source";

export interface ConnectionFailureAnswer {
  code: "SERVER_BUSY" | "DATABASE_UNAVAILABLE";
  message: string;
  /** Seconds a client should wait before asking again, when we can tell (busy: about one pool wait). */
  retryAfterSeconds?: number;
}

/** What a client is told when the database could not answer: the same words on every route. */
export function answerFor(failure: ConnectionFailure, pool: PoolLimits): ConnectionFailureAnswer {
  if (failure === "unavailable")
    return { code: "DATABASE_UNAVAILABLE", message: "The database is unavailable; try again shortly." };
  return {
    code: "SERVER_BUSY",
    message: `All ${pool.size} database connections are busy (waited ${pool.waitMs} ms); try again shortly.`,
    retryAfterSeconds: Math.max(1, Math.ceil(pool.waitMs / 1000)),
  };
}

/** The answer as a GraphQL error, `retryAfter` beside the code as RATE_LIMITED has it. */
export function asGraphqlError(
  answer: ConnectionFailureAnswer,
  requestId: string,
  path?: GraphQLFormattedError["path"],
): GraphQLFormattedError {
  return {
    message: answer.message,
    ...(path ? { path } : {}),
    extensions: {
      code: answer.code,
      requestId,
      ...(answer.retryAfterSeconds ? { retryAfter: answer.retryAfterSeconds } : {}),
    },
  };
}

/** The headers of a whole request the database could not answer; a failure is never kept by a browser or a CDN. */
export function connectionFailureHeaders(retryAfterSeconds: number | undefined): Record<string, string> {
  return { "Cache-Control": "no-store", ...(retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {}) };
}

/** 503 with those headers, for the Express routes; the caller writes the body. */
export function refuseForDatabase(res: Response, answer: ConnectionFailureAnswer): Response {
  return res.status(503).set(connectionFailureHeaders(answer.retryAfterSeconds));
}
