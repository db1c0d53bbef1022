const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Finds where whole records end in the bytes of a CSV file, so that it can be cut into batches for
 * parsers on other threads. It follows CsvParser's quoting: a cell is quoted when its first
 * character is a quote (a quote anywhere else is text), and "" inside a quoted cell is a quote; a
 * line feed outside quoted cells ends a record. Delimiters, quotes and line breaks are ASCII, so
 * the UTF-8 bytes need no decoding. Fed the file chunk after chunk, in order.
 */
export class RecordBoundaries {
  private inQuotes = false;
  /** A quote ended the last chunk inside a quoted cell: either the closing one, or the first of "". */
  private quoteAtEnd = false;
  /** The last byte of the chunk before: a cell starts after a delimiter or a line break (or at the start). */
  private previous = LF;

  constructor(private readonly delimiter: number) {}

  /** The offset just past the last line feed in `chunk` that ends a record; -1 if none does. */
  lastRecordEnd(chunk: Uint8Array): number {
    const n = chunk.length;
    let last = -1;
    let p = 0;
    if (this.quoteAtEnd && n > 0) {
      this.quoteAtEnd = false;
      if (chunk[0] === QUOTE) p = 1;
      else this.inQuotes = false;
    }
    while (p < n) {
      const quote = chunk.indexOf(QUOTE, p);
      if (this.inQuotes) {
        if (quote < 0) break;
        if (quote + 1 === n) {
          this.quoteAtEnd = true;
          break;
        }
        if (chunk[quote + 1] === QUOTE) p = quote + 2;
        else {
          this.inQuotes = false;
          p = quote + 1;
        }
        continue;
      }
      const textEnd = quote < 0 ? n : quote;
      if (textEnd > p) {
        const lineFeed = chunk.lastIndexOf(LF, textEnd - 1);
        if (lineFeed >= p) last = lineFeed + 1;
      }
      if (quote < 0) break;
      const before = quote > 0 ? chunk[quote - 1] : this.previous;
      if (before === this.delimiter || before === LF || before === CR) this.inQuotes = true;
      p = quote + 1;
    }
    if (n > 0) this.previous = chunk[n - 1]!;
    return last;
  }
}
