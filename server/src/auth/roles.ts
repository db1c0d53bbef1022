/**
 * Who is asking. The public reads aggregates with small cells withheld; leadership (a token) sees
 * every figure down to grassroots unions; admin (a token) also imports data and manages tokens.
 */
export type Role = "public" | "leadership" | "admin";
export const TOKEN_ROLES = ["leadership", "admin"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Roles that see figures of small grassroots cells unsuppressed. */
export function seesSmallCells(role: Role): boolean {
  return role !== "public";
}

/**
 * Who an answer was computed for, as every cache that keeps answers must key it: callers of one
 * audience get the same figures, callers of two never share one.
 */
export type Audience = "public" | "unsuppressed";

export function audienceOf(caller: { role?: Role }): Audience {
  return seesSmallCells(caller.role ?? "public") ? "unsuppressed" : "public";
}
