import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord } from "../../../../server/src/db/import/csv-reader";
import { readFileHeader } from "../../../../server/src/db/import/file-header";
import { RecordBoundaries } from "../../../../server/src/db/import/record-boundaries";
import { Rng } from "../../../../server/src/db/seed/random";

const COMMA = 44;

/** Records of `text` as one piece, or null when it cannot be parsed (a quote left open). */
function parse(text: string, line = 1): CsvRecord[] | null {
  try {
    return new CsvParser({ delimiter: COMMA, line }).push(text, true);
  } catch {
    return null;
  }
}

/** The record ends RecordBoundaries reports when fed one byte at a time. */
function endsFedByteByByte(bytes: Buffer): number[] {
  const boundaries = new RecordBoundaries(COMMA);
  const ends: number[] = [];
  for (let at = 0; at < bytes.length; at++) {
    const end = boundaries.lastRecordEnd(bytes.subarray(at, at + 1));
    if (end >= 0) ends.push(at + end);
  }
  return ends;
}

/**
 * The file is cut where RecordBoundaries says records end, and each batch parsed on its own (as
 * the worker threads do): the records, fields and lines must be those of the file parsed whole.
 */
describe("RecordBoundaries cuts a file only between records, as CsvParser reads it", () => {
  it("on random text full of quotes, delimiters and line breaks, in random chunks", () => {
    const rng = new Rng(7, "record-boundaries");
    const alphabet = ["a", "ư", ",", '"', '"', "\n", "\r\n", "\r", " "];
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(rng.next() * 60) },
        () => alphabet[Math.floor(rng.next() * alphabet.length)],
      ).join("");
      const whole = parse(text);
      if (!whole) continue;
      const bytes = Buffer.from(text, "utf8");
      const boundaries = new RecordBoundaries(COMMA);
      const cuts: number[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = 1 + Math.floor(rng.next() * 7);
        const end = boundaries.lastRecordEnd(bytes.subarray(at, at + size));
        if (end >= 0) cuts.push(at + end);
        at += size;
      }
      const pieces: CsvRecord[] = [];
      let line = 1;
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        const parser = new CsvParser({ delimiter: COMMA, line });
        pieces.push(...parser.push(bytes.subarray(from, cut).toString("utf8"), true));
        line = parser.nextLine;
        from = cut;
      }
      expect(pieces, JSON.stringify(text)).toEqual(whole);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("keeps a quoted line break, an escaped quote and a quote inside a cell in one record", () => {
    const text = 'a,"x\ny",b\nc,"say ""hi""\n",d\ne,f"g,h\n';
    const ends = endsFedByteByByte(Buffer.from(text));
    expect(ends.map((e) => text.slice(0, e).split("\n").length - 1)).toEqual([2, 4, 5]);
  });

  it("cuts after a carriage return alone, never between the CR and the LF of a CR LF", () => {
    const bytes = Buffer.from('a\rb\r\nc,"x\ry"\rd\ne\r');
    // One byte at a time, a carriage return is known to stand alone only once the next byte comes,
    // in the next chunk: its record end is not reported (a later one is). Records end after bytes
    // 1 (CR), 4 (LF), 12 (CR, the one at 9 is quoted), 14 (LF) and 16 (CR, last: it may yet be a CR LF).
    expect(endsFedByteByByte(bytes)).toEqual([5, 15]);
    const lastEnd = (size: number) => new RecordBoundaries(COMMA).lastRecordEnd(bytes.subarray(0, size));
    expect([3, 4, 5, 12, 13, 14, 17].map(lastEnd)).toEqual([2, 2, 5, 5, 5, 13, 15]);
  });
});

describe("readFileHeader", () => {
  const header = "Mã sáng kiến;Tên sáng kiến;Lĩnh vực;Đơn vị;Ngày nộp;Trạng thái;Khối;Loại giải pháp;Tác giả";

  it("reads a header ended by a carriage return alone, after blank lines, and waits for the byte after it", () => {
    const bytes = Buffer.from(`\r\n\r${header}\rSK-1;x`);
    const end = 3 + Buffer.byteLength(header);
    expect(readFileHeader(bytes.subarray(0, end + 1), false)).toBeNull();
    const head = readFileHeader(bytes, false)!;
    expect(head).toMatchObject({ delimiter: 59, bodyStart: end + 1, bodyLine: 4 });
    expect(head.header.index.unit).toBe(3);
  });

  it("gives up on a file whose first megabyte holds no header, naming an open quote", () => {
    const open = Buffer.from(`"${header}\n${"x\n".repeat(600_000)}`);
    expect(() => readFileHeader(open, false)).toThrow(/a quoted cell opened on line 1 is never closed/);
    expect(() => readFileHeader(Buffer.from("\n".repeat(1_100_000)), false)).toThrow(
      /no header line in the first megabyte/,
    );
  });
});
