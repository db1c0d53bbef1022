import { detached } from "./detached-string";

/**
 * The line of the first row with each portal code. Exports list initiatives in code order, and
 * while codes keep rising none can have been met before: each is appended to a sorted list, with
 * no hashing of half a million strings. The first code out of order turns the list into a map.
 */
export class FirstLineOfCode {
  private codes: string[] = [];
  private lines: number[] = [];
  private byCode: Map<string, number> | null = null;

  /** The line that had `code` first; undefined when this is the first (and `line` is recorded). */
  claim(code: string, line: number): number | undefined {
    if (this.byCode === null) {
      const last = this.codes.at(-1);
      if (last === undefined || code > last) {
        this.codes.push(detached(code));
        this.lines.push(line);
        return undefined;
      }
      this.byCode = new Map(this.codes.map((c, i) => [c, this.lines[i]!]));
      this.codes = [];
      this.lines = [];
    }
    const first = this.byCode.get(code);
    if (first === undefined) this.byCode.set(detached(code), line);
    return first;
  }
}
