import type { Response } from "express";

export type ClientErrorCode =
  | "BAD_REQUEST" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "FORBIDDEN";

/**
 * A request refused before any route could answer it, in the shape every other error has (a
 * GraphQL client reads `errors[0].extensions.code` on every route). Never kept by a cache: a
 * CDN that kept a 404 for an asset would serve it after the release that adds the file.
 */
export function answerClientError(res: Response, status: number, code: ClientErrorCode, message: string): void {
  res.status(status).setHeader("Cache-Control", "no-store");
  res.json({ errors: [{ message, extensions: { code } }] });
}
