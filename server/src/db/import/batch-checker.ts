import { BinaryRows } from "./binary-rows";
import { hasControlCharacter } from "./control-characters";
import { CsvParser, UnclosedQuoteError } from "./csv-reader";
import type { HeaderMap } from "./header-map";
import type { RowError } from "./import-report";
import type { ImportLimits } from "./import-limits";
import { RowValidator } from "./row-validator";
import { firstUndecodableByte } from "./undecodable-byte";
import { UnitResolver, type UnitRow } from "./unit-resolver";

/** What a batch checker needs to know of the file, sent once to each thread. */
export interface BatchContext {
  header: HeaderMap;
  delimiter: number;
  units: UnitRow[];
  limits: ImportLimits;
}

/**
 * A batch of whole records, checked. Lines count from 1 at the batch's first line: the batch does
 * not know how many lines came before it (StagedFile adds them, in file order).
 */
export interface CheckedBatch {
  /** The good rows in binary COPY format, in order (no header or trailer). */
  copy: Uint8Array;
  /** Records read (blank lines are not records). */
  rows: number;
  /** Lines the batch spans: the next batch starts that many lines further. */
  lines: number;
  errors: RowError[];
  /** Each record that has a portal code (every good one does): the code, its line, and where its row ends in `copy` (-1 if bad). */
  codes: string[];
  codeLines: number[];
  codeRowEnds: number[];
  /** The batch cannot be read at all: not UTF-8 from this byte and line on, or a quoted cell left open at the end of the file. */
  failure?: { notUtf8: { byte: number; line: number } } | { unclosedQuoteLine: number };
}

/**
 * Decodes, parses and checks batches of a file, each on its own: on a worker thread (see
 * parse-worker.ts) or, for a small file, on the calling one.
 */
export class BatchChecker {
  private readonly validator: RowValidator;
  // fatal: a file saved in a legacy code page would otherwise load with U+FFFD in place of every "ư".
  // ignoreBOM: the file's BOM is dropped with its header; a batch keeps what it starts with.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private readonly out = new BinaryRows();

  constructor(private readonly context: BatchContext) {
    this.validator = new RowValidator(context.header, UnitResolver.fromRows(context.units), context.limits);
  }

  check(bytes: Uint8Array): CheckedBatch {
    const batch: CheckedBatch = {
      copy: new Uint8Array(0),
      rows: 0,
      lines: 0,
      errors: [],
      codes: [],
      codeLines: [],
      codeRowEnds: [],
    };
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      return { ...batch, failure: { notUtf8: firstUndecodableByte(bytes) } };
    }
    const parser = new CsvParser({ delimiter: this.context.delimiter });
    let records;
    try {
      records = parser.push(text, true);
    } catch (error) {
      if (error instanceof UnclosedQuoteError) return { ...batch, failure: { unclosedQuoteLine: error.line } };
      throw error;
    }
    // One search of the whole batch: the cells of its rows are searched only when it has one.
    this.validator.screenControlCharacters = hasControlCharacter(text);
    for (const record of records) {
      const good = this.validator.check(record, this.out, batch.errors);
      const code = this.validator.portalCode;
      if (code !== undefined) {
        batch.codes.push(code);
        batch.codeLines.push(record.line);
        batch.codeRowEnds.push(good ? this.out.size : -1);
      }
    }
    batch.rows = records.length;
    batch.lines = parser.nextLine - 1;
    batch.copy = this.out.takeBytes();
    return batch;
  }
}
