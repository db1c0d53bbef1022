import type { NextFunction, Request, Response } from "express";
import { Kind, parse, visit, type DocumentNode, type SelectionSetNode } from "graphql";
import { REQUEST_LIMITS } from "./request-guards";

/**
 * Refuses, before Apollo parses and validates it, a document (POST body or GET `query`) that names
 * one field more than `maxUnderOneName` times in a selection: 400 QUERY_TOO_COMPLEX. Here rather
 * than in an Apollo hook because Apollo runs graphql-js's rules before any of ours, and answers an
 * error thrown from its earlier hooks with a 500. One parse, linear and bounded by the token limit
 * (about 0.2 ms for the dashboard's largest batch); what does not parse is left to Apollo to report.
 */
export function refuseRepeatedFields(maxUnderOneName = REQUEST_LIMITS.maxFieldsUnderOneName, maxTokens = REQUEST_LIMITS.maxTokens) {
  return (req: Request, res: Response, next: NextFunction) => {
    const source = req.method === "GET" ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof source !== "string") return next();
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens });
    } catch {
      return next();
    }
    const most = mostFieldsUnderOneName(document);
    if (most <= maxUnderOneName) return next();
    res.status(400).json({
      errors: [{
        message: `${most} fields answer under one name in one selection; at most ${maxUnderOneName}: give them different aliases, or ask once.`,
        extensions: { code: "QUERY_TOO_COMPLEX", max: maxUnderOneName, requestId: res.locals.requestId },
      }],
    });
  };
}

/**
 * The most fields that answer under one name in one selection set (`a: dataset { kind }` written
 * 600 times; inline fragments' fields counted with their parent's), in one linear walk.
 *
 * Why it exists: graphql-js's OverlappingFieldsCanBeMerged, a specified rule that runs before any
 * rule of ours, compares such fields pairwise with their sub-selections. Within the token limit,
 * 600 repetitions took 110–230 ms of blocked event loop per request on this project's 2-core VM;
 * counting them first and refusing takes under a millisecond.
 */
export function mostFieldsUnderOneName(document: DocumentNode): number {
  let most = 0;
  visit(document, {
    SelectionSet(set) {
      const counts = new Map<string, number>();
      countNames(set, counts);
      for (const n of counts.values()) most = Math.max(most, n);
    },
  });
  return most;
}

function countNames(set: SelectionSetNode, counts: Map<string, number>): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = (selection.alias ?? selection.name).value;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      countNames(selection.selectionSet, counts);
    }
  }
}
