import type { NextFunction, Request, Response } from "express";
import { withRequestConnections } from "../db/request-connections";

/**
 * The rest of the request (GraphQL or CSV export) runs in its own connection scope: however many
 * fields or lookups it holds, it takes at most CONNECTIONS_PER_REQUEST of the pool's connections at once.
 * Put right before the handler: what runs after `next()` here, and everything it awaits, is in scope.
 */
export function connectionsPerRequest() {
  return (_req: Request, _res: Response, next: NextFunction) => withRequestConnections(() => next());
}
