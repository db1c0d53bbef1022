import type { Request, Response } from "express";
import type { DataSource } from "typeorm";
import type { Role } from "../auth/roles";
import { ImportFileError } from "../db/import/import-error";
import { importCsv } from "../db/import/import.service";
import { answerClientError } from "./client-error";
import { IMPORT_LIMIT_DEFAULTS, type ImportLimits } from "../db/import/import-limits";

/**
 * POST /admin/import (admin token only): the request body is a portal export as CSV (see
 * docs/import.md), streamed into the same import as `npm run import`. The answer is the import's
 * report as JSON: counts, every bad row with line, column and reason (never an author's name),
 * and the new data version. This instance's caches and ETags follow it at once; `announce` tells
 * the other instances (over Redis) before the answer goes out, so they follow it at once too.
 * `limits`: the plausible dates and the benefit ceiling (IMPORT_DATE_FROM, IMPORT_DATE_TO, IMPORT_MAX_BENEFIT_VND).
 */
export function adminImport(
  dataSource: DataSource,
  announce: (dataVersion: string) => Promise<void>,
  limits: ImportLimits = IMPORT_LIMIT_DEFAULTS,
) {
  return async (req: Request, res: Response) => {
    const role = res.locals.role as Role | undefined;
    if (role !== "admin") {
      return role === "public"
        ? answerClientError(res, 401, "UNAUTHENTICATED", "Importing needs an admin token (Authorization: Bearer …).")
        : answerClientError(res, 403, "FORBIDDEN", "Importing needs the admin role.");
    }
    const length = Number(req.headers["content-length"]);
    const name =
      typeof req.query.name === "string" && /^[\p{L}\p{N} ._-]{1,120}$/u.test(req.query.name)
        ? req.query.name
        : "upload.csv";
    try {
      const report = await importCsv(dataSource, req, {
        sourceName: name,
        errorFile: null,
        totalBytes: Number.isFinite(length) ? length : undefined,
        limits,
      });
      if (report.changed && report.dataVersion) await announce(report.dataVersion);
      res.status(200).json({ data: { import: report } });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      answerClientError(res, 400, "BAD_USER_INPUT", error.message, { hint: error.hint });
    }
  };
}

/** POST /admin/import on an instance started with READ_ONLY=1 (on a replica): nothing here may write. */
export function refuseImportWhenReadOnly(_req: Request, res: Response): void {
  answerClientError(
    res,
    409,
    "READ_ONLY",
    "This instance is read-only (READ_ONLY=1): import on an instance that writes to the primary database.",
  );
}
