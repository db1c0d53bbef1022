import type { Response } from "express";
import type { ErrorCode } from "../common/errors";

export type ClientErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "FORBIDDEN"
  | "READ_ONLY"
  | Extract<ErrorCode, "BAD_USER_INPUT" | "QUERY_TOO_COMPLEX" | "UNAUTHENTICATED" | "RATE_LIMITED">;

export interface ClientError {
  code: ClientErrorCode;
  message: string;
  /** More for the client to read beside the code (a limit, the field at fault). */
  extensions?: Record<string, unknown>;
}

/**
 * A request refused before GraphQL could answer it, in the shape every other error has (a
 * GraphQL client reads `errors[0].extensions.code` on every route), with the request id to quote.
 * Never kept by a cache: a CDN that kept a 404 for an asset would serve it after the release that
 * adds the file.
 */
export function answerClientErrors(res: Response, status: number, errors: ClientError[]): void {
  res.status(status).setHeader("Cache-Control", "no-store");
  res.json({
    errors: errors.map(({ code, message, extensions }) => ({
      message,
      extensions: { code, ...extensions, requestId: res.locals.requestId },
    })),
  });
}

export function answerClientError(
  res: Response,
  status: number,
  code: ClientErrorCode,
  message: string,
  extensions?: Record<string, unknown>,
): void {
  answerClientErrors(res, status, [{ code, message, extensions }]);
}
