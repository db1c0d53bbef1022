import type { Request, Response } from "express";
import { graphql, type GraphQLSchema } from "graphql";
import { CSV_BOM, csvLine } from "../common/csv";
import type { RequestContext } from "../common/request-context";
import { answerClientError } from "./client-error";

const REVISIONS = `query Revisions($release: ID) {
  revisions(release: $release) { release previousRelease reason note scope key label measure previousValue value }
}`;

const HEADER = {
  vi: [
    "Bản phát hành",
    "Bản trước",
    "Lý do",
    "Ghi chú",
    "Phạm vi",
    "Mã",
    "Tên",
    "Chỉ số",
    "Giá trị trước",
    "Giá trị mới",
  ],
  en: ["Release", "Previous release", "Reason", "Note", "Scope", "Code", "Name", "Measure", "Previous value", "Value"],
};
/** ONS's labels: R for a planned revision, C for a correction. */
const REASON = { PLANNED: "R", CORRECTION: "C" } as Record<string, string>;

/**
 * GET /revisions.csv?release=<id>|all: the revision log (the `revisions` field) as CSV, one figure a line,
 * old → new with the reason (R/C) and the release's note. Nothing personal and nothing below the second tier.
 */
export function revisionsCsv(schema: GraphQLSchema, contextOf: (req: Request, res: Response) => RequestContext) {
  return async (req: Request, res: Response) => {
    const release = typeof req.query.release === "string" ? req.query.release : undefined;
    const locale = req.query.locale === "en" ? "en" : "vi";
    const ctx = contextOf(req, res);
    const result = await graphql({ schema, source: REVISIONS, variableValues: { release }, contextValue: ctx });
    const error = result.errors?.[0];
    if (error) return answerClientError(res, 400, "BAD_USER_INPUT", error.message);
    const rows = (result.data as { revisions: Array<Record<string, string | number | null>> }).revisions;
    res.status(200).type("text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="revisions-${release ?? "latest"}.csv"`);
    const lines = rows.map((r) =>
      csvLine([
        r.release,
        r.previousRelease,
        REASON[String(r.reason)] ?? r.reason,
        r.note,
        r.scope,
        r.key,
        r.label,
        r.measure,
        r.previousValue,
        r.value,
      ]),
    );
    res.end(CSV_BOM + csvLine(HEADER[locale]) + lines.join(""));
  };
}
