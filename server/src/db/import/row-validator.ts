import { STATUS_ID } from "../reference/catalogues";
import { STAGING_COLUMNS } from "./staging.sql";
import type { BinaryRows } from "./binary-rows";
import { CatalogueLabels } from "./catalogue-labels";
import { firstControlCharacter, showControlCharacters } from "./control-characters";
import type { CsvRecord } from "./csv-reader";
import { COLUMNS, columnDefinition, type ColumnKey, type HeaderMap } from "./header-map";
import { importBounds, type ImportBounds, type ImportLimits } from "./import-limits";
import type { RowError } from "./import-report";
import type { ResolvedUnit, UnitResolver } from "./unit-resolver";
import { parseAmount, parseCount, parseVietnamDateTime, type Parsed } from "./value-parsers";

const MAX_LENGTH: Partial<Record<ColumnKey, number>> = {
  portalCode: 100,
  title: 2000,
  unit: 500,
  authorName: 200,
  memberCode: 50,
};

/** Why a required cell is empty, worded per column; personal columns are named, never quoted. */
const EMPTY_REASON: Partial<Record<ColumnKey, string>> = {
  authorName: "tên tác giả trống / the author's name is empty",
  portalCode: "mã sáng kiến trống / the portal code is empty",
};

/** No cell of the row holds a control character. */
const NO_COLUMNS: ReadonlySet<ColumnKey> = new Set();

/**
 * Checks one record cell by cell. A good row goes into the staging COPY buffer as typed values
 * (ids, UTC instants, whole đồng, its grassroots union's ids); a bad row adds one error per bad
 * cell and loads nothing. Whether its portal code was met before is for the caller to say, as
 * the file may be checked in batches on several threads (see StagedFile): `portalCode` tells it
 * the code of the row just checked.
 */
export class RowValidator {
  private readonly labels = {
    field: new CatalogueLabels("field"),
    workerCategory: new CatalogueLabels("workerCategory"),
    solutionType: new CatalogueLabels("solutionType"),
    status: new CatalogueLabels("status"),
  };
  private record!: CsvRecord;
  private errors!: RowError[];
  private failed = false;
  /** Cells of this row holding a control character: reported as that, and not read further. */
  private controlled = NO_COLUMNS;
  private readonly bounds: ImportBounds;
  /** The trimmed portal code of the row last checked; undefined when its cell is empty, too long or holds a control character. */
  portalCode: string | undefined;
  /** Whether rows may hold control characters: the caller says so when their text has one (rarely), sparing every other row the search. */
  screenControlCharacters = false;

  constructor(
    private readonly header: HeaderMap,
    private readonly units: UnitResolver,
    limits: ImportLimits,
  ) {
    this.bounds = importBounds(limits);
  }

  /** Returns whether the row was good (and written to `out`). */
  check(record: CsvRecord, out: BinaryRows, errors: RowError[]): boolean {
    this.record = record;
    this.errors = errors;
    this.failed = false;
    this.portalCode = undefined;
    if (record.fields.length !== this.header.width) {
      this.fail(
        null,
        `dòng có ${record.fields.length} ô, dòng tiêu đề có ${this.header.width} / the row has ${record.fields.length} cells, the header has ${this.header.width}`,
      );
      return false;
    }
    this.controlled = this.screenControlCharacters ? this.controlCharacters() : NO_COLUMNS;
    const portalCode = this.text("portalCode", true);
    this.portalCode = portalCode;
    const title = this.text("title", true);
    const unit = this.grassrootsUnit();
    const authorName = this.text("authorName", true);
    const memberCode = this.text("memberCode", false);
    const submittedAt = this.date("submittedAt", true);
    const status = this.parsed("status", (t) => this.labels.status.parse(t), true);
    const decidedAt = this.date("decidedAt", false);
    const benefit = this.amount();
    const category = this.parsed("workerCategory", (t) => this.labels.workerCategory.parse(t), true);
    const solutionType = this.parsed("solutionType", (t) => this.labels.solutionType.parse(t), true);
    const field = this.parsed("field", (t) => this.labels.field.parse(t), true);
    const coAuthors = this.parsed("coAuthors", parseCount, false);
    this.checkDecision(status, submittedAt, decidedAt);
    if (this.failed) return false;

    // The columns of STAGING_COLUMNS, in order, with their types.
    out
      .row(STAGING_COLUMNS.length)
      .text(portalCode!)
      .text(title!)
      .int32(unit!.id)
      .int32(unit!.topUnitId)
      .text(unit!.provinceCode)
      .timestamp(submittedAt!)
      .int16(category!)
      .int16(solutionType!)
      .int16(field!)
      .int16(status!);
    if (decidedAt === undefined) out.nil();
    else out.timestamp(decidedAt);
    if (benefit === undefined || benefit === null) out.nil();
    else out.int64(benefit);
    out.int16(coAuthors ?? 0).text(authorName!);
    if (memberCode === undefined) out.nil();
    else out.text(memberCode);
    return true;
  }

  private grassrootsUnit(): ResolvedUnit | undefined {
    const ref = this.text("unit", true);
    if (ref === undefined) return undefined;
    const resolution = this.units.resolve(ref);
    if (resolution.ok) return resolution.unit;
    this.fail("unit", resolution.reason);
    return undefined;
  }

  /** The cells the import reads that hold a control character, each reported. */
  private controlCharacters(): ReadonlySet<ColumnKey> {
    let found: Set<ColumnKey> | undefined;
    for (const { key } of COLUMNS) {
      const control = firstControlCharacter(this.cell(key) ?? "");
      if (!control) continue;
      (found ??= new Set()).add(key);
      this.fail(
        key,
        `ký tự điều khiển ${control.code} ở ký tự thứ ${control.position} / a control character (${control.code}) at character ${control.position}`,
      );
    }
    return found ?? NO_COLUMNS;
  }

  /** A date the programme could have written: outside its window, a typo (a year 2099 or 1901). */
  private date(key: "submittedAt" | "decidedAt", required: boolean): number | undefined {
    const at = this.parsed(key, parseVietnamDateTime, required);
    if (at === undefined || (at >= this.bounds.fromMs && at < this.bounds.untilMs)) return at;
    this.fail(
      key,
      `ngày ngoài khoảng ${this.bounds.window} của chương trình / the date is outside the programme's window ${this.bounds.window} (IMPORT_DATE_FROM, IMPORT_DATE_TO)`,
    );
    return undefined;
  }

  /** The benefit, up to the ceiling: one amount above it would outweigh every other initiative's. */
  private amount(): number | null | undefined {
    const benefit = this.parsed("benefit", parseAmount, false);
    const max = this.bounds.maxBenefitVnd;
    if (benefit === undefined || benefit === null || benefit <= max) return benefit;
    this.fail(
      "benefit",
      `số tiền vượt mức trần ${max.toLocaleString("vi-VN")} đồng / the amount is above the ceiling of ${max.toLocaleString("en-US")} đồng (IMPORT_MAX_BENEFIT_VND)`,
    );
    return undefined;
  }

  /** The portal records a decision instant exactly when it has decided; a decision cannot precede its submission. */
  private checkDecision(
    status: number | undefined,
    submittedAt: number | undefined,
    decidedAt: number | undefined,
  ): void {
    if (status === undefined) return;
    const cell = this.cell("decidedAt");
    if (status === STATUS_ID.PENDING) {
      if (decidedAt !== undefined)
        this.fail(
          "decidedAt",
          "sáng kiến đang xem xét thì chưa có ngày duyệt / a pending initiative has no decision date",
        );
    } else if (cell === null) {
      this.fail(
        "decidedAt",
        "sáng kiến đã xét cần cột ngày duyệt / a decided initiative needs the decision date column",
      );
    } else if (cell === "") {
      this.fail(
        "decidedAt",
        "thiếu ngày duyệt của sáng kiến đã xét / the decision date of a decided initiative is missing",
      );
    } else if (decidedAt !== undefined && submittedAt !== undefined && decidedAt < submittedAt) {
      this.fail("decidedAt", "ngày duyệt trước ngày nộp / the decision date is before the submission date");
    }
  }

  /** The trimmed cell; null when the file has no such column. */
  private cell(key: ColumnKey): string | null {
    const i = this.header.index[key];
    return i < 0 ? null : this.record.fields[i]!.trim();
  }

  private text(key: ColumnKey, required: boolean): string | undefined {
    if (this.controlled !== NO_COLUMNS && this.controlled.has(key)) return undefined;
    const value = this.cell(key);
    if (value === null || value === "") {
      if (required) this.fail(key, EMPTY_REASON[key] ?? "ô trống / the cell is empty");
      return undefined;
    }
    if (value.length > MAX_LENGTH[key]!) {
      this.fail(key, `dài quá ${MAX_LENGTH[key]} ký tự / longer than ${MAX_LENGTH[key]} characters`);
      return undefined;
    }
    return key === "unit" || key === "authorName" ? canonicalName(value) : value;
  }

  private parsed<T>(key: ColumnKey, parse: (text: string) => Parsed<T>, required: boolean): T | undefined {
    if (this.controlled !== NO_COLUMNS && this.controlled.has(key)) return undefined;
    const value = this.cell(key);
    if (value === null) return undefined;
    if (value === "" && required) {
      this.fail(key, "ô trống / the cell is empty");
      return undefined;
    }
    // An empty optional date is "none"; amounts and counts give their own meaning to empty.
    if (value === "" && key === "decidedAt") return undefined;
    const result = parse(value);
    if (result.ok) return result.value;
    this.fail(key, result.reason);
    return undefined;
  }

  private fail(key: ColumnKey | null, reason: string): void {
    this.failed = true;
    const personal = key !== null && columnDefinition(key).personal;
    const portalCodeIndex = this.header.index.portalCode;
    this.errors.push({
      line: this.record.line,
      column: key === null ? "(cả dòng / whole row)" : this.header.name[key],
      reason,
      value: key === null || personal ? null : showControlCharacters((this.cell(key) ?? "").slice(0, 200)),
      personal,
      portalCode: showControlCharacters(this.record.fields[portalCodeIndex]?.trim().slice(0, 100) ?? "") || null,
    });
  }
}

/** The error of a row whose portal code an earlier row (on line `first`) had. */
export function repeatedCodeError(header: HeaderMap, line: number, portalCode: string, first: number): RowError {
  return {
    line,
    column: header.name.portalCode,
    personal: false,
    value: portalCode.slice(0, 200),
    portalCode: portalCode.slice(0, 100),
    reason: `mã sáng kiến trùng dòng ${first}, chỉ dòng đầu được đọc / the same portal code as line ${first}: only the first row of a code is read`,
  };
}

/**
 * Names are matched exactly, so one form of each accent (Excel sometimes writes decomposed ones)
 * and single spaces. The tests first: most names need neither, and normalising is the costly part.
 */
function canonicalName(value: string): string {
  if (!NEEDS_CANONICAL.test(value)) return value;
  const composed = /[\u0300-\u036f]/.test(value) ? value.normalize("NFC") : value;
  return /\s\s|[^\S ]/.test(composed) ? composed.replace(/\s+/g, " ") : composed;
}

/** A combining accent, two spaces in a row, or a space other than " ": one test for the common case of none. */
const NEEDS_CANONICAL = /[\u0300-\u036f]|\s\s|[^\S ]/;
