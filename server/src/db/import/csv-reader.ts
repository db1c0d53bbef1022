import { ImportFileError } from "./import-error";

/** One record of the file and the line it starts on (the header is line 1), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DELIMITERS = [",", ";", "\t"];
/** No such character further on. */
const NONE = -2;

/**
 * The file's byte at `byte` (on line `line`) is not UTF-8: most likely a file saved in a legacy
 * code page, whose other rows are no better, so the file is refused rather than its rows one by one.
 */
export function notUtf8Error(line: number, byte: number): ImportFileError {
  return new ImportFileError(
    `tệp không phải văn bản UTF-8: dòng ${line} (byte ${byte.toLocaleString("vi-VN")}) / the file is not UTF-8 text: line ${line} (byte ${byte})`,
    'save it from Excel as "CSV UTF-8 (Comma delimited)"',
  );
}

/** A quoted cell that is never closed: the file cannot be read past it. */
export class UnclosedQuoteError extends ImportFileError {
  constructor(readonly line: number) {
    super(`ô có ngoặc kép mở ở dòng ${line} không được đóng / a quoted cell opened on line ${line} is never closed`);
  }
}

/**
 * RFC 4180 records from text, chunk after chunk: an unfinished record is kept and parsed again
 * with the next chunk. The delimiter, unless given, is what the first line uses most: a comma, or
 * the semicolon Excel writes under a Vietnamese locale, or a tab.
 */
export class CsvParser {
  private rest = "";
  private restLine: number;
  private delimiter: number;

  /**
   * `delimiter`: the character code, when known (else detected from the first line); `line`: the
   * line the text starts on (a batch of a file read in parts).
   */
  constructor({ delimiter = -1, line = 1 }: { delimiter?: number; line?: number } = {}) {
    this.delimiter = delimiter;
    this.restLine = line;
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.restLine;
  }

  push(text: string, final: boolean): CsvRecord[] {
    const s = this.rest.length > 0 ? this.rest + text : text;
    const out: CsvRecord[] = [];
    if (this.delimiter < 0) {
      const end = firstLineBreak(s);
      if (end < 0 && !final) {
        this.rest = s;
        return out;
      }
      this.delimiter = detectDelimiter(end < 0 ? s : s.slice(0, end));
    }
    const n = s.length;
    const delimiter = String.fromCharCode(this.delimiter);
    let i = 0;
    let line = this.restLine;
    // The next quote, line feed and carriage return at or after i (NONE: there is none): each
    // searched for once it is passed, never again per line, so that a file without line feeds
    // (or without carriage returns) is not searched to its end for every line.
    let nextQuote = -1;
    let nextLf = -1;
    let nextCr = -1;
    while (i < n) {
      if (nextQuote !== NONE && nextQuote < i) nextQuote = indexOrNone(s, '"', i);
      if (nextLf !== NONE && nextLf < i) nextLf = indexOrNone(s, "\n", i);
      if (nextCr !== NONE && nextCr < i) nextCr = indexOrNone(s, "\r", i);
      // Fast path: a whole line without quotes is split natively. It ends at its first line break:
      // a line feed, a CR LF, or a carriage return alone (which, ending the text, may yet be a CR LF).
      const lineBreak = nextCr !== NONE && (nextLf === NONE || nextCr < nextLf) ? nextCr : nextLf;
      if (
        lineBreak !== NONE &&
        (nextQuote === NONE || nextQuote > lineBreak) &&
        (lineBreak + 1 < n || final || lineBreak === nextLf)
      ) {
        if (lineBreak > i) out.push({ line, fields: s.slice(i, lineBreak).split(delimiter) });
        i = lineBreak === nextCr && lineBreak + 1 === nextLf ? lineBreak + 2 : lineBreak + 1;
        line++;
        continue;
      }
      const start = i;
      const startLine = line;
      const fields: string[] = [];
      let lineEnd = nextLf === NONE ? n : nextLf;
      let done = false;
      while (!done) {
        let value = "";
        if (s.charCodeAt(i) === QUOTE) {
          const closed = this.quoted(s, i + 1, final);
          if (!closed) return this.keep(s, start, startLine, out, final);
          value = closed.value;
          line += closed.lines;
          i = closed.next;
          if (i > lineEnd) lineEnd = s.indexOf("\n", i) < 0 ? n : s.indexOf("\n", i);
        }
        // Unquoted text, or what follows a closing quote (kept, as spreadsheets do), up to the
        // delimiter or the end of the line (a lone carriage return ends it too).
        let k = s.indexOf(delimiter, i);
        if (k < 0 || k > lineEnd) k = lineEnd;
        if (nextCr !== NONE && nextCr < i) nextCr = indexOrNone(s, "\r", i);
        if (nextCr >= i && nextCr < k) k = nextCr;
        if (k === n && !final) return this.keep(s, start, startLine, out, final);
        fields.push(k > i ? value + s.slice(i, k) : value);
        if (k === n) {
          i = n;
          done = true;
        } else if (s.charCodeAt(k) === this.delimiter) {
          i = k + 1;
          if (i === n && !final) return this.keep(s, start, startLine, out, final);
          if (i === n) fields.push("");
          done = i === n;
        } else {
          if (s.charCodeAt(k) === CR && k + 1 === n && !final) return this.keep(s, start, startLine, out, final);
          i = s.charCodeAt(k) === CR && s.charCodeAt(k + 1) === LF ? k + 2 : k + 1;
          line++;
          done = true;
        }
      }
      // Blank lines (often at the end of an export) are not records.
      if (fields.length > 1 || fields[0] !== "") out.push({ line: startLine, fields });
    }
    this.rest = "";
    this.restLine = line;
    return out;
  }

  /** The content of a quoted cell from just after its opening quote; null when the chunk ends inside it. */
  private quoted(s: string, from: number, final: boolean): { value: string; next: number; lines: number } | null {
    let value = "";
    let j = from;
    for (;;) {
      const q = s.indexOf('"', j);
      if (q < 0) {
        if (final) return this.unclosed(s, from);
        return null;
      }
      if (q + 1 === s.length && !final) return null;
      if (s.charCodeAt(q + 1) === QUOTE) {
        value += s.slice(j, q + 1);
        j = q + 2;
        continue;
      }
      value += s.slice(j, q);
      return { value, next: q + 1, lines: lineBreaksIn(value) };
    }
  }

  private unclosed(s: string, from: number): never {
    throw new UnclosedQuoteError(this.restLine + lineBreaksIn(s.slice(0, from)));
  }

  private keep(s: string, start: number, startLine: number, out: CsvRecord[], final: boolean): CsvRecord[] {
    if (final) throw new Error("CsvParser: unfinished record at the end of input");
    this.rest = s.slice(start);
    this.restLine = startLine;
    return out;
  }
}

/** The delimiter the header line uses most, as a character code. */
export function detectDelimiter(firstLine: string): number {
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best.charCodeAt(0);
}

/** Where the first line ends: at its first line feed or carriage return; -1 if it does not. */
export function firstLineBreak(text: string): number {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/** Line breaks in text: line feeds, and carriage returns not followed by one (a CR LF is one break). */
export function lineBreaksIn(text: string): number {
  let breaks = 0;
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) breaks++;
  for (let k = text.indexOf("\r"); k >= 0; k = text.indexOf("\r", k + 1)) if (text.charCodeAt(k + 1) !== LF) breaks++;
  return breaks;
}

function indexOrNone(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? NONE : at;
}
