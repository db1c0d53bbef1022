import { CsvParser, detectDelimiter, notUtf8Error, UnclosedQuoteError } from "./csv-reader";
import { mapHeader, type HeaderMap } from "./header-map";
import { ImportFileError } from "./import-error";
import { RecordBoundaries } from "./record-boundaries";
import { firstUndecodableByte } from "./undecodable-byte";

const LF = 10;
const CR = 13;
/**
 * A file whose first megabyte holds no header record is not a portal export (or has a quote left
 * open on its first line): said at once, rather than read again as each chunk of it comes in.
 */
const MAX_HEADER_BYTES = 1 << 20;

/** The header record of a file, and what it says about the rest. */
export interface FileHeader {
  header: HeaderMap;
  delimiter: number;
  /** Where the records after the header begin, in the bytes given (the BOM, if any, excluded). */
  bodyStart: number;
  /** The line the first record after the header starts on. */
  bodyLine: number;
  /** Boundaries of the records after the header, to be fed from bodyStart. */
  boundaries: RecordBoundaries;
}

/**
 * Reads the header from the first bytes of a file (without its BOM), or null when they do not
 * yet hold a whole header record (or, at the end of the file, none at all). Blank lines before
 * the header are skipped; the delimiter is the one its first line uses most. Lines end with a line
 * feed, a CR LF or a carriage return alone. `firstByte`: where the bytes start in the file, for messages.
 */
export function readFileHeader(bytes: Uint8Array, final: boolean, firstByte = 0): FileHeader | null {
  // Blank lines first.
  let recordStart = 0;
  let line = 1;
  for (; bytes[recordStart] === LF || bytes[recordStart] === CR; recordStart++) {
    if (bytes[recordStart] === LF || bytes[recordStart + 1] !== LF) line++;
  }
  const breaks = new LineBreaks(bytes);
  const firstBreak = breaks.from(recordStart);
  if (firstBreak < 0 && !final) return notYet(bytes);
  const delimiter = detectDelimiter(
    decodeUtf8(bytes.subarray(recordStart, firstBreak < 0 ? bytes.length : firstBreak), line, firstByte + recordStart),
  );
  // Tells whether a line break ends a record or lies inside a quoted cell.
  const quotes = new RecordBoundaries(delimiter);
  for (let start = recordStart; start < bytes.length;) {
    const lineBreak = breaks.from(start);
    const end = lineBreak < 0 ? (final ? bytes.length : -1) : lineEnd(bytes, lineBreak, final);
    if (end < 0) break;
    quotes.lastRecordEnd(bytes.subarray(start, lineBreak < 0 ? end : lineBreak));
    if (lineBreak < 0 || quotes.outsideQuotes) {
      const parser = new CsvParser({ delimiter, line });
      const records = parser.push(decodeUtf8(bytes.subarray(recordStart, end), line, firstByte + recordStart), true);
      if (records.length > 0) {
        return {
          header: mapHeader(records[0]!.fields),
          delimiter,
          bodyStart: end,
          bodyLine: parser.nextLine,
          boundaries: new RecordBoundaries(delimiter),
        };
      }
      // Blank lines (a record of nothing but a line break inside quotes, say).
      recordStart = end;
      line = parser.nextLine;
    }
    if (lineBreak >= 0) quotes.lastRecordEnd(bytes.subarray(lineBreak, end));
    start = end;
  }
  // The bytes end inside the header record (or hold only blank lines).
  if (!quotes.outsideQuotes && (final || bytes.length > MAX_HEADER_BYTES)) throw new UnclosedQuoteError(line);
  return final ? null : notYet(bytes);
}

/** Just past the line break at `at` (a CR LF taken whole); -1 when a carriage return ends the bytes and more may follow. */
function lineEnd(bytes: Uint8Array, at: number, final: boolean): number {
  if (bytes[at] === LF) return at + 1;
  if (at + 1 === bytes.length) return final ? at + 1 : -1;
  return bytes[at + 1] === LF ? at + 2 : at + 1;
}

/** Null (wait for more bytes) while the bytes are few enough for a header; past that, the file has none. */
function notYet(bytes: Uint8Array): null {
  if (bytes.length <= MAX_HEADER_BYTES) return null;
  throw new ImportFileError(
    "không thấy dòng tiêu đề trong 1 MB đầu / no header line in the first megabyte",
    "the first line must name the columns; see docs/import.md",
  );
}

/** The next line feed or carriage return, each searched for once it is passed: never to the end per line. */
class LineBreaks {
  private lf: number;
  private cr: number;

  constructor(private readonly bytes: Uint8Array) {
    this.lf = bytes.indexOf(LF);
    this.cr = bytes.indexOf(CR);
  }

  from(at: number): number {
    if (this.lf >= 0 && this.lf < at) this.lf = this.bytes.indexOf(LF, at);
    if (this.cr >= 0 && this.cr < at) this.cr = this.bytes.indexOf(CR, at);
    return this.lf < 0 ? this.cr : this.cr < 0 ? this.lf : Math.min(this.lf, this.cr);
  }
}

/** Bytes starting on `line`, at `firstByte` in the file. */
function decodeUtf8(bytes: Uint8Array, line: number, firstByte: number): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstUndecodableByte(bytes);
    throw notUtf8Error(line + bad.line - 1, firstByte + bad.byte);
  }
}
