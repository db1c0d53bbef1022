const QUOTE = 34;
const LF = 10;
const CR = 13;
/** No such byte further on in the chunk. */
const NONE = -2;

/**
 * Finds where whole records end in the bytes of a CSV file, so that it can be cut into batches for
 * parsers on other threads. It follows CsvParser's quoting: a cell is quoted when its first
 * character is a quote (a quote anywhere else is text), and "" inside a quoted cell is a quote; a
 * line break outside quoted cells ends a record: a line feed, a CR LF, or a carriage return alone
 * (classic Mac Excel writes those, and files pieced together mix all three). Delimiters, quotes and
 * line breaks are ASCII, so the UTF-8 bytes need no decoding. Fed the file chunk after chunk, in order.
 */
export class RecordBoundaries {
  private inQuotes = false;
  /** A quote ended the last chunk inside a quoted cell: either the closing one, or the first of "". */
  private quoteAtEnd = false;
  /** The last byte of the chunk before: a cell starts after a delimiter or a line break (or at the start). */
  private previous = LF;

  constructor(private readonly delimiter: number) {}

  /** Whether the bytes fed so far end outside a quoted cell, given that a line break comes next. */
  get outsideQuotes(): boolean {
    return !this.inQuotes || this.quoteAtEnd;
  }

  /** The offset just past the last line break in `chunk` that ends a record; -1 if none does. */
  lastRecordEnd(chunk: Uint8Array): number {
    const n = chunk.length;
    let last = -1;
    let p = 0;
    // The next line feed (at or after p) and carriage return, each searched for again only once
    // passed: a file without one is searched once per chunk, not back to the chunk's start per cell.
    let nextLf = -1;
    let nextCr = -1;
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
      if (nextLf !== NONE && nextLf < p) nextLf = indexOrNone(chunk, LF, p);
      let lineStart = p;
      if (nextLf !== NONE && nextLf < textEnd) {
        lineStart = chunk.lastIndexOf(LF, textEnd - 1) + 1;
        last = lineStart;
      }
      // A carriage return after the last line feed (a CR LF's comes before it) can only be a lone one.
      if (nextCr !== NONE && nextCr < lineStart) nextCr = indexOrNone(chunk, CR, lineStart);
      if (nextCr !== NONE && nextCr < textEnd) {
        const carriageReturn = lastLoneCarriageReturn(chunk, lineStart, textEnd);
        if (carriageReturn >= 0) last = carriageReturn + 1;
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

/**
 * The last carriage return in chunk[from, to) that ends a line by itself, where no line feed is
 * (the caller starts after the last one); -1 if none. One that ends the chunk may be the first
 * half of a CR LF: it is left for the next chunk to tell. Searched from the end, so a line-feed
 * file looks at no more than the start of the line after its last line feed.
 */
function lastLoneCarriageReturn(chunk: Uint8Array, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    if (chunk[i] === CR && i + 1 < chunk.length) return i;
  }
  return -1;
}

function indexOrNone(chunk: Uint8Array, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at < 0 ? NONE : at;
}
