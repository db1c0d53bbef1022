import { createHash } from "node:crypto";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CopyBuffer } from "../seed/copy-buffer";
import { readCsvRecords } from "./csv-reader";
import { mapHeader, type HeaderMap } from "./header-map";
import { ImportFileError } from "./import-error";
import type { RowError } from "./import-report";
import { RowValidator } from "./row-validator";
import { copyStagingPart, createStagingPart } from "./staging.sql";
import type { UnitResolver } from "./unit-resolver";

const FLUSH_BYTES = 1 << 20;
/**
 * Good rows per committed part of the staging table: small enough that the import's transaction
 * writes most parts' titles and history while the file is still read, large enough that each
 * statement's fixed cost is nothing.
 */
const PART_ROWS = 65_536;

export interface StagedFile {
  header: HeaderMap;
  /** Data rows read. */
  rows: number;
  /** Rows that passed the checks made without the database, now in import_staging. */
  staged: number;
  /** Bad cells found so far, in line order. */
  errors: RowError[];
  /** SHA-256 of the file's bytes: recorded with the dataset. */
  sha256: string;
}

/**
 * Streams the file through the CSV reader and the row checks into import_staging with COPY, on a
 * session of its own that commits every PART_ROWS good rows as a part (import_staging_1, _2, …);
 * `onPart` hears of each part once it is committed. Memory stays small whatever the file's size,
 * but for each portal code and its line (to find repeats: about 150 MB for the programme's two
 * million initiatives).
 */
export async function stageRows(
  client: pg.ClientBase,
  input: AsyncIterable<Buffer | string>,
  units: UnitResolver,
  onRead: (bytes: number, rows: number) => void,
  onPart: (part: number) => void = () => undefined,
): Promise<StagedFile> {
  const hash = createHash("sha256");
  const errors: RowError[] = [];
  let header: HeaderMap | undefined;
  let validator: RowValidator | undefined;
  let rows = 0;
  let staged = 0;
  const out = new CopyBuffer();
  const parts = new StagingParts(client, onPart);
  try {
    await parts.next();
    const hashed = hashing(input, hash);
    for await (const batch of readCsvRecords(hashed, (bytes) => onRead(bytes, rows))) {
      for (const record of batch) {
        if (!header) {
          header = mapHeader(record.fields);
          validator = new RowValidator(header, units);
          continue;
        }
        rows++;
        if (validator!.check(record, out, errors)) staged++;
      }
      if (out.size > FLUSH_BYTES || staged - parts.rowsBefore >= PART_ROWS) await parts.write(out.take());
      if (staged - parts.rowsBefore >= PART_ROWS) await parts.next(staged);
    }
    await parts.write(out.take());
    await parts.end();
  } catch (error) {
    await parts.abort(error as Error);
    throw error;
  }
  if (!header) throw new ImportFileError("tệp trống / the file is empty", "the first line must name the columns; see docs/import.md");
  return { header, rows, staged, errors, sha256: hash.digest("hex") };
}

/** The COPY into the current part, and the step to the next. */
class StagingParts {
  private part = 0;
  private copy: ReturnType<typeof copyFrom> | null = null;
  private copied: Promise<void> = Promise.resolve();
  /** Good rows staged in the parts before the current one. */
  rowsBefore = 0;

  constructor(private readonly client: pg.ClientBase, private readonly onPart: (part: number) => void) {}

  async write(bytes: Buffer): Promise<void> {
    if (bytes.length > 0 && !this.copy!.write(bytes)) await new Promise((resolve) => this.copy!.once("drain", resolve));
  }

  /** Commits the current part (if any) and starts the next. */
  async next(rowsBefore = 0): Promise<void> {
    if (this.copy) await this.end();
    this.part++;
    this.rowsBefore = rowsBefore;
    await this.client.query(createStagingPart(this.part));
    const copy = this.client.query(copyFrom(copyStagingPart(this.part)));
    this.copied = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    this.copy = copy;
  }

  /** Ends the current part's COPY, which commits it. */
  async end(): Promise<void> {
    this.copy!.end();
    await this.copied;
    this.copy = null;
    this.onPart(this.part);
  }

  async abort(error: Error): Promise<void> {
    if (!this.copy) return;
    this.copy.destroy(error);
    await this.copied.catch(() => undefined);
    this.copy = null;
  }
}

async function* hashing(input: AsyncIterable<Buffer | string>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    yield bytes;
  }
}
