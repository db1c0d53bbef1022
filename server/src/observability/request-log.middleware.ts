import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { RequestContext } from "../common/request-context";
import type { Logger } from "./logger";
import { observeGraphqlRequest, observeHttpRequest, type GraphqlOutcome } from "./metrics";
import type { OperationResult } from "./metrics.plugin";
import { runAsRequest } from "./watchdog/running-request";

const ROUTES = ["/graphql", "/export.csv", "/admin/import", "/healthz", "/readyz", "/metrics"];

/** A bounded route label: the API's paths, or "dashboard" for everything the dashboard serves. */
const routeOf = (path: string) => ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? "dashboard";

/** A caller's id is kept if it is a plain token of at most 100 characters; otherwise we make one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : randomUUID();
}

/**
 * The response's locals, carried in the GraphQL context so the Apollo plugin can tell the access log
 * which operation ran. A symbol key: Apollo shallow-copies the context (symbols included), and
 * nothing else sees it.
 */
const LOCALS = Symbol("response locals");
type Linked = RequestContext & { [LOCALS]?: Record<string, any> };

export function linkContext(ctx: RequestContext, res: Response): RequestContext {
  return Object.assign(ctx, { [LOCALS]: res.locals });
}

export function noteOperation(ctx: RequestContext, result: OperationResult): void {
  const locals = (ctx as Linked)[LOCALS];
  if (locals) locals.graphql = result;
}

/**
 * Gives every request an id (echoed in `x-request-id`), counts and times it, and writes one access
 * line when it ends. Only what is listed here is logged: never headers, query strings, bodies or
 * variables, so no token and no author's name reaches the log.
 */
export function observeRequests(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Read now: a mounted router rewrites req.url while it runs, and the response may end inside it.
    const path = req.path;
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(path);
      const status = res.writableFinished ? res.statusCode : 499;
      observeHttpRequest(route, req.method, status, seconds);
      const graphql = res.locals.graphql as OperationResult | undefined;
      // Refused before GraphQL ran (401, 429, or the error handler's 503 or 500): still a GraphQL request with an outcome.
      const refusedAs =
        (res.locals.outcome as GraphqlOutcome | undefined) ??
        (status === 401 ? "unauthenticated" : status === 429 ? "rate_limited" : undefined);
      if (route === "/graphql" && !graphql && refusedAs) observeGraphqlRequest("unknown", refusedAs, seconds);
      logger.info("request", {
        requestId,
        method: req.method,
        path: path.slice(0, 200),
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        operation: graphql?.operation,
        outcome: graphql?.outcome,
        role: res.locals.role,
      });
    });
    // The rest of the request runs as this request, for the watchdog to name if it blocks the event loop.
    runAsRequest(requestId, res, next);
  };
}
