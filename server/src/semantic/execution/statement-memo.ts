import { SharedComputations } from "../../cache/lru";

/** Rows as a statement returns them. */
export type Rows = Array<Record<string, unknown>>;

/**
 * Rows of statements whose answer depends only on the loaded data, not on the as-of date or the
 * measures beside them: the members and targets of units. A unit page asks the same ones for
 * every date a reader picks (tens of milliseconds each, walking the unit tree); they are kept per
 * data version, so a load empties the memo. Statements being run are shared, not run twice.
 */
export class StatementMemo {
  private version: string | undefined;
  private readonly rows: SharedComputations<Rows>;

  constructor(capacity = 2000) {
    this.rows = new SharedComputations<Rows>(capacity);
  }

  /** The rows of `statement` for this data version: remembered, or from `run` (a failure is not kept). */
  get(dataVersion: string, statement: { text: string; values: unknown[] }, run: () => Promise<Rows>): Promise<Rows> {
    if (dataVersion !== this.version) {
      this.version = dataVersion;
      this.rows.clear();
    }
    return this.rows.get(`${statement.text}\u0000${JSON.stringify(statement.values)}`, run);
  }
}
