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
