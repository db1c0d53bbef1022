import { createHash } from "node:crypto";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CopyBuffer } from "../seed/copy-buffer";
import { readCsvRecords } from "./csv-reader";
import { mapHeader, type HeaderMap } from "./header-map";
import { ImportFileError } from "./import-error";
import type { RowError } from "./import-report";
import { RowValidator } from "./row-validator";
import { COPY_STAGING } from "./staging.sql";
import type { UnitResolver } from "./unit-resolver";

const FLUSH_BYTES = 1 << 20;

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
 * Streams the file through the CSV reader and the row checks into import_staging with COPY. Memory
 * stays small whatever the file's size, but for each portal code and its line (to find repeats:
 * about 150 MB for the programme's two million initiatives).
 */
export async function stageRows(
  client: pg.ClientBase,
  input: AsyncIterable<Buffer | string>,
  units: UnitResolver,
  onRead: (bytes: number, rows: number) => void,
): Promise<StagedFile> {
  const hash = createHash("sha256");
  const errors: RowError[] = [];
  let header: HeaderMap | undefined;
  let validator: RowValidator | undefined;
  let rows = 0;
  let staged = 0;
  const out = new CopyBuffer();
  const copy = client.query(copyFrom(COPY_STAGING));
  const copied = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  const flush = async () => {
    if (!copy.write(out.take())) await new Promise((resolve) => copy.once("drain", resolve));
  };
  try {
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
      if (out.size > FLUSH_BYTES) await flush();
    }
    await flush();
  } catch (error) {
    copy.destroy(error as Error);
    await copied.catch(() => undefined);
    throw error;
  }
  copy.end();
  await copied;
  if (!header) throw new ImportFileError("tệp trống / the file is empty", "the first line must name the columns; see docs/import.md");
  return { header, rows, staged, errors, sha256: hash.digest("hex") };
}

async function* hashing(input: AsyncIterable<Buffer | string>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    yield bytes;
  }
}
