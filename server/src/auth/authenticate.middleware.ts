import type { NextFunction, Request, Response } from "express";
import { GraphQLError } from "graphql";
import type { TokenVerdicts } from "../http/token-verdicts";
import type { Role } from "./roles";
import { answerClientError } from "../http/client-error";
import { roleOfRequest } from "./bearer";
import type { TokenStores } from "./token.service";

type Authenticated = { role: Role; tokenId?: number };

/**
 * Puts the caller's role in res.locals.role (and the token id in res.locals.tokenId), so the
 * resolvers know who is asking. It runs after the rate limit, which must come first: a bad token
 * is refused by the database, and the limit is what keeps an address from asking it without end.
 *
 * A bad token gets 401 at once, in the shape GraphQL clients read. A header already refused this
 * window (see TokenVerdicts) is refused again without the database, and the same header arriving
 * many times at once is looked up once: every waiting request shares that lookup.
 */
export function authenticateRequests(db: TokenStores, verdicts: TokenVerdicts) {
  const pending = new Map<string, Promise<Authenticated>>();

  const lookUp = (fingerprint: string, authorization: string): Promise<Authenticated> => {
    const known = pending.get(fingerprint);
    if (known) return known;
    const lookup = roleOfRequest(authorization, db)
      .then(
        (found) => {
          verdicts.rememberGood(fingerprint);
          return found;
        },
        (error: unknown) => {
          // Only a refusal is a verdict; a database that did not answer says nothing about the token.
          if (error instanceof GraphQLError) verdicts.rememberBad(fingerprint, error.message);
          throw error;
        },
      )
      .finally(() => pending.delete(fingerprint));
    pending.set(fingerprint, lookup);
    return lookup;
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    const verdict = verdicts.of(req.headers.authorization);
    if (verdict.kind === "none") {
      res.locals.role = "public" satisfies Role;
      return next();
    }
    if (verdict.kind === "bad") return refuse(res, verdict.reason);
    try {
      const { role, tokenId } = await lookUp(verdict.fingerprint, req.headers.authorization!);
      res.locals.role = role;
      res.locals.tokenId = tokenId;
      next();
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      refuse(res, error.message);
    }
  };
}

function refuse(res: Response, message: string): void {
  res.locals.authenticationFailed = true;
  res.setHeader("WWW-Authenticate", 'Bearer realm="sang-kien"');
  answerClientError(res, 401, "UNAUTHENTICATED", message);
}
