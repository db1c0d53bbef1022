import { createHash } from "node:crypto";
import type pg from "pg";
import type { BatchContext, CheckedBatch } from "./batch-checker";
import { notUtf8Error, UnclosedQuoteError } from "./csv-reader";
import { readFileHeader, type FileHeader } from "./file-header";
import { FirstLineOfCode } from "./first-line-of-code";
import type { HeaderMap } from "./header-map";
import { ImportFileError } from "./import-error";
import type { RowError } from "./import-report";
import type { ParsePool } from "./parse-pool";
import { repeatedCodeError } from "./row-validator";
import { StagingParts } from "./staging-parts";

/**
 * Good rows per committed part of the staging table: small enough that the import's transaction
 * writes most parts' titles and history while the file is still read, large enough that each
 * statement's fixed cost is nothing.
 */
const PART_ROWS = 65_536;
/** Batches checked at once per thread: one being checked, one waiting. */
const IN_FLIGHT_PER_THREAD = 2;
const BOM = [0xef, 0xbb, 0xbf];

export interface StagedFile {
  header: HeaderMap;
  /** Data rows read. */
  rows: number;
  /** Rows that passed the checks made without the database, now in import_staging. */
  staged: number;
  /** Bad cells, by line, then by column as the file orders them. */
  errors: RowError[];
  /** SHA-256 of the file's bytes: recorded with the dataset. */
  sha256: string;
}

/**
 * Streams the file into import_staging with COPY, on a session of its own that commits every
 * PART_ROWS good rows as a part (import_staging_1, _2, …); `onPart` hears of each part once it
 * is committed. The file is cut into batches of whole records, checked by the pool's threads,
 * then taken in file order: lines are numbered, repeated portal codes found (the first row with a
 * code is the one read), and the good rows copied; `checks` are what rows are checked against.
 * Memory stays small whatever the file's size, but for each portal code and its line (about
 * 150 MB for the programme's two million initiatives).
 */
export async function stageRows(
  client: pg.ClientBase,
  input: AsyncIterable<Buffer | string>,
  checks: Pick<BatchContext, "units" | "limits">,
  pool: ParsePool,
  onRead: (bytes: number, rows: number) => void,
  onPart: (part: number) => void = () => undefined,
): Promise<StagedFile> {
  const hash = createHash("sha256");
  const file = new FileInOrder(new StagingParts(client, onPart));
  const inFlight: Array<{ batch: Promise<CheckedBatch>; startByte: number }> = [];
  const limit = IN_FLIGHT_PER_THREAD * Math.max(1, pool.threads);
  let head: FileHeader | null = null;
  /** Bytes read and not yet sent, from `pendingStart` in the file. */
  let pending: Buffer[] = [];
  let pendingStart = 0;
  const send = async (bytes: Uint8Array, startByte: number) => {
    inFlight.push({ batch: pool.check(bytes), startByte });
    while (inFlight.length >= limit) await file.take(inFlight.shift()!);
  };
  /** Reads the header once the bytes hold it: the threads get the context, `pending` keeps what follows. */
  const takeHeader = (final: boolean): FileHeader | null => {
    const found = headerOf(pending, pendingStart, final);
    if (!found) return null;
    pool.setContext({ header: found.header, delimiter: found.delimiter, ...checks });
    file.header = found.header;
    file.nextLine = found.bodyLine;
    const rest = Buffer.concat(pending).subarray(found.bodyStart - pendingStart);
    pending = rest.length > 0 ? [rest] : [];
    pendingStart = found.bodyStart;
    return found;
  };
  try {
    await file.start();
    for await (const chunk of input) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      onRead(bytes.length, file.rows);
      pending.push(bytes);
      head ??= takeHeader(false);
      if (!head || pending.length === 0) continue;
      const last = pending.at(-1)!;
      const end = head.boundaries.lastRecordEnd(last);
      if (end < 0) continue;
      const size = pending.reduce((sum, b) => sum + b.length, 0) - last.length + end;
      const batch = join(pending, size);
      const startByte = pendingStart;
      pendingStart += size;
      pending = end < last.length ? [last.subarray(end)] : [];
      await send(batch, startByte);
    }
    head ??= takeHeader(true);
    if (!head)
      throw new ImportFileError(
        "tệp trống / the file is empty",
        "the first line must name the columns; see docs/import.md",
      );
    const rest = pending.reduce((sum, b) => sum + b.length, 0);
    if (rest > 0) await send(join(pending, rest), pendingStart);
    while (inFlight.length > 0) await file.take(inFlight.shift()!);
    await file.end();
  } catch (error) {
    await file.abort(error as Error);
    await Promise.allSettled(inFlight.map((b) => b.batch));
    throw error;
  }
  return {
    header: head.header,
    rows: file.rows,
    staged: file.staged,
    errors: inFileOrder(file.errors, head.header),
    sha256: hash.digest("hex"),
  };
}

/** By line, then left to right as the file's columns stand. */
function inFileOrder(errors: RowError[], header: HeaderMap): RowError[] {
  const position = new Map(
    Object.entries(header.name).map(([key, name]) => [name, header.index[key as keyof typeof header.index]]),
  );
  return errors.sort((a, b) => a.line - b.line || (position.get(a.column) ?? -1) - (position.get(b.column) ?? -1));
}

/** The header from the bytes read so far (BOM dropped); null until a whole header record is in. */
function headerOf(pending: Buffer[], pendingStart: number, final: boolean): FileHeader | null {
  const bytes = Buffer.concat(pending);
  const bom = pendingStart === 0 && BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  const head = readFileHeader(bytes.subarray(bom), final, bom);
  return head && { ...head, bodyStart: pendingStart + bom + head.bodyStart };
}

/** The first `size` bytes of `buffers`, in an array of their own (handed over to a thread). */
function join(buffers: Buffer[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const b of buffers) {
    const n = Math.min(b.length, size - at);
    out.set(b.subarray(0, n), at);
    at += n;
    if (at === size) break;
  }
  return out;
}

/**
 * Checked batches, taken in file order: numbers their lines, finds repeated portal codes, and
 * copies the good rows into the staging parts.
 */
class FileInOrder {
  header: HeaderMap | undefined;
  nextLine = 1;
  rows = 0;
  staged = 0;
  readonly errors: RowError[] = [];
  private readonly firstLineOfCode = new FirstLineOfCode();

  constructor(private readonly parts: StagingParts) {}

  async start(): Promise<void> {
    await this.parts.next();
  }

  async take({ batch: checking, startByte }: { batch: Promise<CheckedBatch>; startByte: number }): Promise<void> {
    const batch = await checking;
    const before = this.nextLine - 1;
    if (batch.failure) {
      if ("notUtf8" in batch.failure)
        throw notUtf8Error(before + batch.failure.notUtf8.line, startByte + batch.failure.notUtf8.byte);
      throw new UnclosedQuoteError(before + batch.failure.unclosedQuoteLine);
    }
    for (const error of batch.errors) this.errors.push({ ...error, line: before + error.line });
    // A later row with a code met before is not read: cut out of the COPY text if it was good.
    const kept: Uint8Array[] = [];
    let keptFrom = 0;
    let rowStart = 0;
    let good = 0;
    for (let i = 0; i < batch.codes.length; i++) {
      const line = before + batch.codeLines[i]!;
      const first = this.firstLineOfCode.claim(batch.codes[i]!, line);
      const rowEnd = batch.codeRowEnds[i]!;
      if (first !== undefined) this.errors.push(repeatedCodeError(this.header!, line, batch.codes[i]!, first));
      if (rowEnd < 0) continue;
      if (first !== undefined) {
        kept.push(batch.copy.subarray(keptFrom, rowStart));
        keptFrom = rowEnd;
      } else good++;
      rowStart = rowEnd;
    }
    kept.push(batch.copy.subarray(keptFrom));
    this.rows += batch.rows;
    this.nextLine += batch.lines;
    for (const bytes of kept) await this.parts.write(bytes);
    this.staged += good;
    if (this.staged - this.parts.rowsBefore >= PART_ROWS) await this.parts.next(this.staged);
  }

  async end(): Promise<void> {
    await this.parts.end();
  }

  async abort(error: Error): Promise<void> {
    await this.parts.abort(error);
  }
}
