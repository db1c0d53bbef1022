/**
 * How many times something happened in the last `windowMs`, counted in slots of a tenth of the
 * window: constant memory and time whatever the rate (a dashboard under load notes thousands of
 * reads a minute), at the price of the oldest slot's partial count.
 */
export class RecentActivity {
  private static readonly SLOTS = 10;
  private readonly counts = new Array<number>(RecentActivity.SLOTS).fill(0);
  /** The last slot noted or counted (slots are numbered from the clock's origin). */
  private current = -Infinity;

  constructor(
    private readonly windowMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  note(): void {
    this.counts[this.advance() % RecentActivity.SLOTS]! += 1;
  }

  count(): number {
    this.advance();
    return this.counts.reduce((sum, n) => sum + n, 0);
  }

  /** Empties the slots that have left the window since the last call; returns the slot of now. */
  private advance(): number {
    const slot = Math.floor(this.now() / (this.windowMs / RecentActivity.SLOTS));
    for (let s = Math.max(this.current + 1, slot - RecentActivity.SLOTS + 1); s <= slot; s++)
      this.counts[s % RecentActivity.SLOTS] = 0;
    this.current = Math.max(this.current, slot);
    return slot;
  }
}
