import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord } from "../../../../server/src/db/import/csv-reader";
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

/**
 * The file is cut where RecordBoundaries says records end, and each batch parsed on its own (as
 * the worker threads do): the records, fields and lines must be those of the file parsed whole.
 */
describe("RecordBoundaries cuts a file only between records, as CsvParser reads it", () => {
  it("on random text full of quotes, delimiters and line breaks, in random chunks", () => {
    const rng = new Rng(7, "record-boundaries");
    const alphabet = ["a", "ư", ",", "\"", "\"", "\n", "\r\n", "\r", " "];
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Math.floor(rng.next() * 60) }, () => alphabet[Math.floor(rng.next() * alphabet.length)]).join("");
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
    const boundaries = new RecordBoundaries(COMMA);
    const bytes = Buffer.from(text);
    const ends: number[] = [];
    for (let at = 0; at < bytes.length; at++) {
      const end = boundaries.lastRecordEnd(bytes.subarray(at, at + 1));
      if (end >= 0) ends.push(at + end);
    }
    expect(ends.map((e) => text.slice(0, e).split("\n").length - 1)).toEqual([2, 4, 5]);
  });
});
