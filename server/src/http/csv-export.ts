import type { Request, Response } from "express";
import { graphql, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { CSV_BOM } from "../common/csv";
import type { RequestContext } from "../common/request-context";
import type { Logger } from "../observability/logger";
import { connectionFailureOf } from "../db/connection-failure";
import type { PoolLimits } from "../db/data-source";
import { answerClientError } from "./client-error";
import { answerFor, asGraphqlError, refuseForDatabase } from "./connection-failure-answer";
import { internalError } from "./error-masking.plugin";
import { exportMetadata, footerLines, headerLine, rowWriter, type ExportAnswer } from "./csv-export-format";

/** The question's answer as the file needs it; `release { id }` once the schema has releases (issue 19). */
function exportDocument(schema: GraphQLSchema): string {
  const result = schema.getType("AnalyticsResult") as GraphQLObjectType | undefined;
  const release = result?.getFields().release ? "release { id }" : "";
  return `query Export($query: AnalyticsQueryInput!, $locale: Locale) {
  analytics(query: $query, locale: $locale) {
    asOfDate dataVersion synthetic source totalsSuppressed ${release}
    columns { name kind label unit }
    rows { time suppressed perturbed dimensions { code label } values { measure value share compared difference percentChange } }
    compared { asOfDate }
  }
}`;
}
const ROWS_PER_WRITE = 500;
const USER_CODES = new Set(["BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "QUERY_TIMEOUT", "NO_DATASET", "SERVER_BUSY"]);
/** Worth asking again later: the question was fine, the server could not answer it now. */
const RETRY_CODES = new Set(["QUERY_TIMEOUT", "SERVER_BUSY"]);

/**
 * GET /export.csv?query=<AnalyticsQueryInput as JSON>[&locale=en][&release=<id>][&citation=0][&metadata=1]:
 * any analytics answer as CSV, up to its row limit (10,000), written as it is produced. `citation=0`
 * leaves out the lines after the table (a plain table for pandas and R); `metadata=1` answers the
 * same question's `.metadata.json` instead (citation, as-of date, release, data version, permalink, columns).
 * The question goes through the same GraphQL validation, cost limit, role and suppression as the API; a bad one gets 400 and why.
 * When the database cannot answer: 503 and the API's words (DATABASE_UNAVAILABLE, SERVER_BUSY).
 * Every refusal is the API's JSON error shape with a code, as on /graphql.
 */
export function csvExport(
  schema: GraphQLSchema,
  contextOf: (req: Request, res: Response) => RequestContext,
  logger: Pick<Logger, "error">,
  pool: PoolLimits,
) {
  const source = exportDocument(schema);
  return async (req: Request, res: Response) => {
    let query: Record<string, unknown>;
    try {
      query = JSON.parse(String(req.query.query ?? ""));
      if (typeof query !== "object" || query === null || Array.isArray(query)) throw new Error("not an object");
    } catch {
      return answerClientError(
        res,
        400,
        "BAD_USER_INPUT",
        'query: give the analytics question as JSON, e.g. ?query={"measures":["submissions"],"dimensions":["workerCategory"]}',
      );
    }
    const locale = req.query.locale === "en" ? "en" : "vi";
    if (typeof req.query.release === "string" && req.query.release) query = { ...query, release: req.query.release };
    const ctx = contextOf(req, res);
    const result = await graphql({ schema, source, variableValues: { query, locale }, contextValue: ctx });
    if (result.errors?.length || !result.data) {
      const errors = result.errors ?? [];
      // Errors before execution (bad variables) and coded input errors are the caller's to read; anything else stays inside.
      const internal = errors.find((e) => e.path && !USER_CODES.has(String(e.extensions?.code)));
      const failure = internal && connectionFailureOf(internal);
      if (failure) {
        const answer = answerFor(failure, pool);
        return refuseForDatabase(res, answer).json({ errors: [asGraphqlError(answer, ctx.requestId)] });
      }
      if (internal) {
        logger.error("internal error", { requestId: ctx.requestId, path: "/export.csv", error: internal.message });
        return res.status(500).json({ errors: [internalError(ctx.requestId)] });
      }
      const status = errors.some((e) => RETRY_CODES.has(String(e.extensions?.code))) ? 503 : 400;
      // Variables that do not fit the schema come back from graphql-js without a code: they are the caller's input.
      return res.status(status).json({
        errors: errors.map((e) => ({
          message: e.message,
          extensions: {
            ...e.extensions,
            code: String(e.extensions?.code ?? "BAD_USER_INPUT"),
            requestId: ctx.requestId,
          },
        })),
      });
    }
    const answer = (result.data as { analytics: ExportAnswer }).analytics;
    // The permalink pins the effective as-of date and the release: the same figures after any later import.
    const pinned = { ...query, asOf: answer.asOfDate, ...(answer.release ? { release: answer.release.id } : {}) };
    const permalink = `${req.protocol}://${req.get("host")}/export.csv?query=${encodeURIComponent(JSON.stringify(pinned))}&locale=${locale}`;
    res.setHeader("Cache-Control", "private, no-store");
    if (req.query.metadata === "1") {
      res.setHeader("Content-Disposition", `attachment; filename="analytics-${answer.asOfDate}.metadata.json"`);
      return res.status(200).json(exportMetadata(answer, locale, query, permalink));
    }
    res.status(200).type("text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="analytics-${answer.asOfDate}.csv"`);
    const writeRow = rowWriter(answer);
    let chunk = CSV_BOM + headerLine(answer, locale);
    answer.rows.forEach((row, i) => {
      chunk += writeRow(row);
      if ((i + 1) % ROWS_PER_WRITE === 0) {
        res.write(chunk);
        chunk = "";
      }
    });
    res.end(req.query.citation === "0" ? chunk : chunk + footerLines(answer, locale));
  };
}
