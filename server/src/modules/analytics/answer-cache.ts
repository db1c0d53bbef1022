/**
 * Answers (or answers being computed: identical concurrent questions share one computation) kept
 * per key, least recently used out first, in two parts of `capacity` each: answers that read the
 * base table (hundreds of milliseconds to seconds to recompute) and the others (summed from
 * rollups in milliseconds). Under load the cheap ones arrive ten times as often: sharing one part,
 * they pushed the costly ones out within seconds, and the same scans ran again and again.
 */
export class AnswerCache<T> {
  private readonly cheap = new Map<string, Promise<T>>();
  private readonly costly = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number, private readonly isCostly: (answer: T) => boolean) {}

  get(key: string): Promise<T> | undefined {
    for (const part of [this.costly, this.cheap]) {
      const answer = part.get(key);
      if (answer === undefined) continue;
      part.delete(key);
      part.set(key, answer);
      return answer;
    }
    return undefined;
  }

  /** Keeps `answer` (in the cheap part until it is known to be costly); a failed answer is dropped. */
  set(key: string, answer: Promise<T>): void {
    if (this.capacity <= 0) return;
    this.put(this.cheap, key, answer);
    answer.then(
      (value) => {
        if (this.cheap.get(key) !== answer || !this.isCostly(value)) return;
        this.cheap.delete(key);
        this.put(this.costly, key, answer);
      },
      () => {
        for (const part of [this.cheap, this.costly]) if (part.get(key) === answer) part.delete(key);
      },
    );
  }

  private put(part: Map<string, Promise<T>>, key: string, answer: Promise<T>): void {
    part.set(key, answer);
    // A map iterates in insertion order: the first key is the least recently used.
    if (part.size > this.capacity) part.delete(part.keys().next().value!);
  }
}
