import { GraphQLError } from "graphql";

/** Error codes a client can act on; every one is documented in docs/api.md. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "QUERY_TOO_COMPLEX"
  | "QUERY_TIMEOUT"
  | "DATABASE_UNAVAILABLE"
  | "SERVER_BUSY"
  | "NO_DATASET"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "SERVER_BUSY"
  | "INTERNAL_SERVER_ERROR";

/** A user-facing error: a message that says what is wrong and where, and a stable code. */
export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export function badInput(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return userError("BAD_USER_INPUT", message, details);
}
