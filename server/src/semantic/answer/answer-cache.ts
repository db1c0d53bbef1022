import { Lru } from "../../cache/lru";

/**
 * Answers (or answers being computed: identical concurrent questions share one computation) kept
 * per key, least recently used out first, in two parts of `capacity` each: answers that read the
 * base table (hundreds of milliseconds to seconds to recompute) and the others (summed from
 * rollups in milliseconds). Under load the cheap ones arrive ten times as often: sharing one part,
 * they pushed the costly ones out within seconds, and the same scans ran again and again.
 */
export class AnswerCache<T> {
  private readonly cheap: Lru<Promise<T>>;
  private readonly costly: Lru<Promise<T>>;

  constructor(
    capacity: number,
    private readonly isCostly: (answer: T) => boolean,
  ) {
    this.cheap = new Lru({ maxEntries: capacity });
    this.costly = new Lru({ maxEntries: capacity });
  }

  get(key: string): Promise<T> | undefined {
    return this.costly.get(key) ?? this.cheap.get(key);
  }

  /** Keeps `answer` (in the cheap part until it is known to be costly); a failed answer is dropped. */
  set(key: string, answer: Promise<T>): void {
    this.cheap.set(key, answer);
    answer.then(
      (value) => {
        if (this.cheap.get(key) !== answer || !this.isCostly(value)) return;
        this.cheap.delete(key);
        this.costly.set(key, answer);
      },
      () => {
        for (const part of [this.cheap, this.costly]) if (part.get(key) === answer) part.delete(key);
      },
    );
  }
}
