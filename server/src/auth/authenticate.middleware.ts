import type { NextFunction, Request, Response } from "express";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { roleOfRequest } from "./bearer";

/**
 * Puts the caller's role in res.locals.role (and the token id in res.locals.tokenId) before
 * anything else runs, so the rate limit and the resolvers agree on who is asking. A bad token
 * gets 401 at once, in the shape GraphQL clients read.
 */
export function authenticateRequests(db: DataSource) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { role, tokenId } = await roleOfRequest(req.headers.authorization, db);
      res.locals.role = role;
      res.locals.tokenId = tokenId;
      next();
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      res.status(401).setHeader("WWW-Authenticate", 'Bearer realm="sang-kien"');
      res.json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
    }
  };
}
