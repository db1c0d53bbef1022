import { createHash, randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import type { TokenRole } from "./roles";

export interface TokenInfo {
  id: number;
  name: string;
  role: TokenRole;
  /** The first characters of the token, to recognise it in a list without revealing it. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** "sk_" + 32 random bytes: 256 bits, so a plain SHA-256 is enough to store it (no salt or slow hash needed). */
const TOKEN_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;

function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

export async function createToken(
  db: DataSource,
  role: TokenRole,
  name: string,
): Promise<{ info: TokenInfo; token: string }> {
  const token = `sk_${randomBytes(32).toString("base64url")}`;
  const [row] = await db.query(
    `INSERT INTO api_token (name, role, token_sha256, prefix) VALUES ($1, $2, $3, $4)
     RETURNING id, name, role, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`,
    [name, role, digest(token), token.slice(0, 10)],
  );
  return { info: row as TokenInfo, token };
}

export async function listTokens(db: DataSource): Promise<TokenInfo[]> {
  return db.query(
    `SELECT id, name, role, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM api_token ORDER BY id`,
  );
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected count]. */
async function updateReturning<T>(db: DataSource, sql: string, values: unknown[]): Promise<T[]> {
  const [rows] = (await db.query(sql, values)) as [T[], number];
  return rows;
}

/** Revoked at once: every request checks the database, so no process keeps honouring the token. */
export async function revokeToken(db: DataSource, id: number): Promise<TokenInfo | null> {
  const rows = await updateReturning<TokenInfo>(
    db,
    `UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
     RETURNING id, name, role, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`,
    [id],
  );
  return rows[0] ?? null;
}

export type Authentication = { ok: true; role: TokenRole; tokenId: number } | { ok: false; reason: string };

/** How stale `last_used_at` may get: recording every request would make each read a write. */
const LAST_USED_RESOLUTION = "1 minute";

/** Where a token is checked (a replica may do) and where its last use is written (the primary; none when read-only). */
export interface TokenStores {
  reads: DataSource;
  writes?: DataSource;
}

/**
 * The role a bearer token grants, or why it grants none. Revocation is read on every request (on
 * `reads`); the time of last use is written at most once a minute per token, on `writes`, and only
 * best-effort: a primary that cannot take the write must not refuse a valid token.
 */
export async function authenticate(stores: TokenStores | DataSource, token: string): Promise<Authentication> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "the token is malformed" };
  const { reads, writes } = "reads" in stores ? stores : { reads: stores, writes: stores };
  const [found] = (await reads.query(
    `SELECT id, role, (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION}') AS stale
       FROM api_token WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [digest(token)],
  )) as Array<{ id: number; role: TokenRole; stale: boolean }>;
  if (!found) return { ok: false, reason: "the token is unknown or revoked" };
  if (found.stale && writes) {
    await writes
      .query(
        `UPDATE api_token SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION}')`,
        [found.id],
      )
      .catch(() => undefined);
  }
  return { ok: true, role: found.role, tokenId: found.id };
}
