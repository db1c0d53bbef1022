import { CsvParser, detectDelimiter, notUtf8Error } from "./csv-reader";
import { mapHeader, type HeaderMap } from "./header-map";
import { RecordBoundaries } from "./record-boundaries";

const LF = 10;

/** The header record of a file, and what it says about the rest. */
export interface FileHeader {
  header: HeaderMap;
  delimiter: number;
  /** Where the records after the header begin, in the bytes given (the BOM, if any, excluded). */
  bodyStart: number;
  /** The line the first record after the header starts on. */
  bodyLine: number;
  /** Boundaries of the records after the header, fed up to bodyStart. */
  boundaries: RecordBoundaries;
}

/**
 * Reads the header from the first bytes of a file (without its BOM), or null when they do not
 * yet hold a whole header record (or, at the end of the file, none at all). The delimiter is the
 * one the first line uses most; blank lines before the header are skipped.
 */
export function readFileHeader(bytes: Uint8Array, final: boolean): FileHeader | null {
  const firstLineFeed = bytes.indexOf(LF);
  if (firstLineFeed < 0 && !final) return null;
  const firstLine = decodeUtf8(bytes.subarray(0, firstLineFeed < 0 ? bytes.length : firstLineFeed));
  const delimiter = detectDelimiter(firstLine);
  const boundaries = new RecordBoundaries(delimiter);
  let start = 0;
  while (start < bytes.length) {
    const lineFeed = bytes.indexOf(LF, start);
    const end = lineFeed < 0 ? bytes.length : lineFeed + 1;
    if (lineFeed < 0 && !final) return null;
    const ended = boundaries.lastRecordEnd(bytes.subarray(start, end)) === end - start || lineFeed < 0;
    if (ended) {
      const parser = new CsvParser({ delimiter });
      const records = parser.push(decodeUtf8(bytes.subarray(0, end)), true);
      if (records.length > 0) return { header: mapHeader(records[0]!.fields), delimiter, bodyStart: end, bodyLine: parser.nextLine, boundaries };
    }
    start = end;
  }
  return null;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw notUtf8Error(0);
  }
}
