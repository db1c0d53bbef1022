import type { Request, Response } from "express";
import { graphql, type GraphQLSchema } from "graphql";
import { CSV_BOM, csvLine } from "../common/csv";
import type { RequestContext } from "../common/request-context";
import type { Logger } from "../observability/logger";
import type { MeasureValue } from "../semantic";
import { connectionFailureOf } from "../db/connection-failure";
import type { PoolLimits } from "../db/data-source";
import { answerClientError } from "./client-error";
import { answerFor, asGraphqlError, refuseForDatabase } from "./connection-failure-answer";
import { internalError } from "./error-masking.plugin";

const EXPORT = `query Export($query: AnalyticsQueryInput!, $locale: Locale) {
  analytics(query: $query, locale: $locale) {
    asOfDate synthetic source totalsSuppressed dataVersion release { id }
    columns { name kind label }
    rows { time suppressed perturbed dimensions { code label } values { measure value share compared difference percentChange } }
    compared { asOfDate }
  }
}`;
const ROWS_PER_WRITE = 500;
const USER_CODES = new Set(["BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "QUERY_TIMEOUT", "NO_DATASET", "SERVER_BUSY"]);
/** Worth asking again later: the question was fine, the server could not answer it now. */
const RETRY_CODES = new Set(["QUERY_TIMEOUT", "SERVER_BUSY"]);

interface Answer {
  asOfDate: string;
  compared: { asOfDate: string } | null;
  dataVersion: string;
  release: { id: string } | null;
  synthetic: boolean;
  columns: Array<{ name: string; kind: string; label: string }>;
  rows: Array<{
    time: string | null;
    suppressed: string | null;
    perturbed: boolean;
    dimensions: Array<{ code: string; label: string }>;
    values: MeasureValue[];
  }>;
}

/** With a comparison, each measure's value is followed by these (percent change as a fraction, like the API). */
const COMPARED_COLUMNS = [
  { field: "compared", vi: "so sánh", en: "compared" },
  { field: "difference", vi: "chênh lệch", en: "difference" },
  { field: "percentChange", vi: "tỷ lệ thay đổi", en: "change, fraction" },
] as const;

/**
 * GET /export.csv?query=<AnalyticsQueryInput as JSON>[&locale=en]: any analytics answer as CSV,
 * up to its row limit (10,000), written as it is produced. The question goes through the same
 * GraphQL validation, cost limit, role and suppression as the API; a bad one gets 400 and why.
 * When the database cannot answer: 503 and the API's words (DATABASE_UNAVAILABLE, SERVER_BUSY).
 * Every refusal is the API's JSON error shape with a code, as on /graphql.
 */
export function csvExport(
  schema: GraphQLSchema,
  contextOf: (req: Request, res: Response) => RequestContext,
  logger: Pick<Logger, "error">,
  pool: PoolLimits,
) {
  return async (req: Request, res: Response) => {
    let query: unknown;
    try {
      query = JSON.parse(String(req.query.query ?? ""));
    } catch {
      return answerClientError(
        res,
        400,
        "BAD_USER_INPUT",
        'query: give the analytics question as JSON, e.g. ?query={"measures":["submissions"],"dimensions":["workerCategory"]}',
      );
    }
    const locale = req.query.locale === "en" ? "en" : "vi";
    const ctx = contextOf(req, res);
    // ?release=<id> (or "live"): the same as the question's own `release`, which it overrides.
    if (typeof req.query.release === "string" && query && typeof query === "object")
      query = { ...(query as object), release: req.query.release };
    const result = await graphql({ schema, source: EXPORT, variableValues: { query, locale }, contextValue: ctx });
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
    const answer = (result.data as { analytics: Answer }).analytics;
    res.status(200).type("text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="analytics-${answer.asOfDate}.csv"`);
    res.setHeader("Cache-Control", "private, no-store");
    const shares = new Set(answer.rows.flatMap((r) => r.values.filter((v) => v.share !== null).map((v) => v.measure)));
    const dimensions = answer.columns.filter((c) => c.kind === "dimension");
    const measures = answer.columns.filter((c) => c.kind === "measure");
    const compared = answer.compared ? COMPARED_COLUMNS : [];
    const header = [
      ...(answer.columns.some((c) => c.kind === "time") ? [locale === "en" ? "Time" : "Thời gian"] : []),
      ...dimensions.flatMap((d) => [`${d.label} (${locale === "en" ? "code" : "mã"})`, d.label]),
      ...measures.flatMap((m) => [
        m.label,
        ...(shares.has(m.name) ? [`${m.label} (${locale === "en" ? "share" : "tỷ trọng"})`] : []),
        ...compared.map((c) => `${m.label} (${c[locale]})`),
      ]),
      ...(answer.rows.some((r) => r.suppressed) ? [locale === "en" ? "Withheld" : "Ẩn số liệu"] : []),
      ...(answer.rows.some((r) => r.perturbed) ? [locale === "en" ? "Perturbed" : "Gây nhiễu"] : []),
    ];
    const anyWithheld = answer.rows.some((r) => r.suppressed);
    // Public figures below the second tier carry small consistent noise (docs/privacy.md): said per row and under the table.
    const anyPerturbed = answer.rows.some((r) => r.perturbed);
    let chunk = CSV_BOM + csvLine(header);
    answer.rows.forEach((row, i) => {
      chunk += csvLine([
        ...(row.time !== null ? [row.time] : []),
        ...row.dimensions.flatMap((d) => [d.code, d.label]),
        ...measures.flatMap((m) => {
          const v = row.values.find((x) => x.measure === m.name);
          return [
            v?.value ?? null,
            ...(shares.has(m.name) ? [v?.share ?? null] : []),
            ...compared.map((c) => v?.[c.field] ?? null),
          ];
        }),
        ...(anyWithheld ? [row.suppressed ?? ""] : []),
        ...(anyPerturbed ? [row.perturbed ? "PERTURBED" : ""] : []),
      ]);
      if ((i + 1) % ROWS_PER_WRITE === 0) {
        res.write(chunk);
        chunk = "";
      }
    });
    const source = locale === "en" ? "Source: VGCL initiatives portal" : "Nguồn: Tổng LĐLĐ Việt Nam, Cổng sáng kiến";
    const synthetic = answer.synthetic ? (locale === "en" ? " (synthetic demo data)" : " (dữ liệu mẫu tổng hợp)") : "";
    const [y, m, d] = answer.asOfDate.split("-").map(Number);
    const [cy, cm, cd] = (answer.compared?.asOfDate ?? "").split("-").map(Number);
    const against = !answer.compared
      ? ""
      : locale === "en"
        ? `, compared with 24h on ${cd}/${cm}/${cy}`
        : `, so sánh với 24h ngày ${cd}/${cm}/${cy}`;
    const asOf =
      (locale === "en" ? `figures as of 24h on ${d}/${m}/${y}` : `Số liệu tính đến 24h ngày ${d}/${m}/${y}`) + against;
    const note = !anyPerturbed
      ? ""
      : csvLine([
          locale === "en"
            ? "Rows marked PERTURBED (grassroots unions and below) carry small random noise that protects small groups; leadership sees exact figures."
            : "Các dòng PERTURBED (công đoàn cơ sở trở xuống) có nhiễu ngẫu nhiên nhỏ để bảo vệ nhóm nhỏ; lãnh đạo xem được số chính xác.",
        ]);
    const edition = answer.release
      ? `${locale === "en" ? "release" : "bản phát hành"} ${answer.release.id}`
      : `${locale === "en" ? "live data, version" : "dữ liệu trực tiếp, phiên bản"} ${answer.dataVersion}`;
    res.end(chunk + "\r\n" + note + csvLine([`${source}${synthetic} · ${asOf} · ${edition}`]));
  };
}
