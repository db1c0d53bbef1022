/** A caller turned away: every slot stayed taken for the whole wait it was allowed. */
export class WaitExceededError extends Error {
  constructor(
    readonly limit: number,
    readonly waitedMs: number,
  ) {
    super(`all ${limit} slots stayed busy for ${waitedMs} ms`);
    this.name = "WaitExceededError";
  }
}

export interface LimitObserver {
  /** After every change: how many hold a slot and how many wait for one. */
  changed?(running: number, queued: number): void;
  refused?(): void;
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * At most `limit` pieces of work at once; the rest wait in arrival order, each for at most
 * `maxWaitMs` (0: refused at once when every slot is taken), then fail with WaitExceededError.
 * A bounded wait rather than a bounded queue: what a caller cares about is how long it waits.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaitMs: number,
    private readonly observer: LimitObserver = {},
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be a whole number ≥ 1, got ${limit}`);
    if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0)
      throw new RangeError(`maximum wait must be a number of milliseconds ≥ 0, got ${maxWaitMs}`);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /**
   * A slot held until the returned function is called (once; later calls do nothing): for work
   * whose end is not a promise's, such as a pooled connection held until it is released.
   */
  async hold(): Promise<() => void> {
    await this.acquire();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.release();
    };
  }

  private acquire(): Promise<void> {
    // Nobody overtakes a waiter, even when a slot is free for an instant between hand-overs.
    if (this.active < this.limit && this.waiting.length === 0) {
      this.active++;
      this.notify();
      return Promise.resolve();
    }
    if (this.maxWaitMs === 0) return Promise.reject(this.refuse());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(this.refuse());
          this.notify();
        }, this.maxWaitMs),
      };
      this.waiting.push(waiter);
      this.notify();
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the first waiter, so the count of running work stays the same.
    if (next) next.grant();
    else this.active--;
    this.notify();
  }

  private refuse(): WaitExceededError {
    this.observer.refused?.();
    return new WaitExceededError(this.limit, this.maxWaitMs);
  }

  private notify(): void {
    this.observer.changed?.(this.active, this.waiting.length);
  }
}
