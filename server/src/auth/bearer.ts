import { GraphQLError } from "graphql";
import type { Role } from "./roles";
import { authenticate, type TokenStores } from "./token.service";

/**
 * The role of a request: public without an Authorization header; the token's role with a valid
 * `Authorization: Bearer <token>`. A token that is wrong, unknown or revoked is refused with 401
 * rather than quietly treated as public, so its holder notices.
 */
export async function roleOfRequest(
  authorization: string | undefined,
  db: TokenStores,
): Promise<{ role: Role; tokenId?: number }> {
  if (!authorization?.trim()) return { role: "public" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const result = match
    ? await authenticate(db, match[1]!)
    : { ok: false as const, reason: "use Authorization: Bearer <token>" };
  if (!result.ok) {
    throw new GraphQLError(`Not authenticated: ${result.reason}.`, {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  return { role: result.role, tokenId: result.tokenId };
}
