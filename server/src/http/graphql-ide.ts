import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

/**
 * GET /graphql from a browser gets the GraphQL IDE (GraphiQL, built with the dashboard into
 * client/dist/ide.html, every script, style and font served from here: it works on a closed
 * network). A browser is a request that prefers HTML to JSON and carries no `query`; API GETs
 * (`?query=…`), POSTs and clients that accept anything (curl) go on to Apollo exactly as before. Without a built
 * IDE the route changes nothing.
 */
export function graphqlIde(dist: string) {
  const file = path.join(dist, "ide.html");
  const page = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!page || !asksForIde(req)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("Vary", "Accept");
    res.type("html").send(page);
  };
}

/** A browser's GET of /graphql (relative to where the route is mounted): it prefers HTML and carries no `query`. */
export function asksForIde(req: Request): boolean {
  if (req.method !== "GET" || req.query.query !== undefined) return false;
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}
