import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COPY_STAGING } from "./staging.sql";

/** A statement to run once a batch's rows are staged, e.g. inserting them somewhere else. */
export interface BatchStatement {
  text: string;
  values: unknown[];
}

/**
 * Where a batch's rows are: lines `firstLine` to `lastLine`, in the staging table's pages from
 * `fromPage` on (COPY appends; the previous batch's last page may take the first few rows).
 * Statements select them with `ctid >= '(fromPage,0)'`, which reads those pages only.
 */
export interface BatchRange {
  firstLine: number;
  lastLine: number;
  fromPage: number;
}

/** The statements that can already use a batch's staged rows. */
export type AfterBatch = (batch: BatchRange) => BatchStatement[];

const STAGING_PAGES = `SELECT (pg_relation_size('import_staging') / current_setting('block_size')::int)::int AS pages`;

/** Batches queued and not yet done, at most: bounds the rows held in memory while PostgreSQL catches up. */
const MAX_IN_FLIGHT = 2;

/**
 * Sends staged rows as a series of COPYs into import_staging, each followed by the statements
 * that can already use its rows. They run one after the other on the import's connection, in
 * the background: Node goes on reading and checking the next batch while PostgreSQL ingests and
 * inserts the previous one, so the two cores work at once instead of in turn.
 */
export class StagingBatches {
  private chunks: Buffer[] = [];
  private firstLine = 0;
  private lastLine = 0;
  private rowCount = 0;
  /** The last batch queued: the next one starts when it is done. */
  private tail: Promise<void> = Promise.resolve();
  private readonly inFlight: Array<Promise<void>> = [];

  constructor(private readonly client: pg.ClientBase, private readonly afterBatch: AfterBatch) {}

  /** Rows of the current batch so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** A staged row's line, in file order; its COPY text follows through `write`. */
  noteRow(line: number): void {
    if (this.rowCount++ === 0) this.firstLine = line;
    this.lastLine = line;
  }

  /** COPY text of rows noted in this batch. */
  write(bytes: Buffer): void {
    if (bytes.length > 0) this.chunks.push(bytes);
  }

  /** Ends the batch and queues it; waits only when too many batches are in flight. */
  async endBatch(): Promise<void> {
    if (this.chunks.length === 0) return;
    const chunks = this.chunks;
    const { firstLine, lastLine } = this;
    this.chunks = [];
    this.rowCount = 0;
    this.tail = this.tail.then(async () => {
      const { rows: [size] } = await this.client.query<{ pages: number }>(STAGING_PAGES);
      await copyIntoStaging(this.client, chunks);
      for (const s of this.afterBatch({ firstLine, lastLine, fromPage: Math.max(0, size!.pages - 1) })) {
        await this.client.query(s.text, s.values);
      }
    });
    // Handled here, thrown where awaited: a failure while Node is still reading is not "unhandled".
    this.tail.catch(() => undefined);
    this.inFlight.push(this.tail);
    while (this.inFlight.length > MAX_IN_FLIGHT) await this.inFlight.shift();
  }

  /** Waits for every batch; throws the first failure. */
  async finish(): Promise<void> {
    await this.endBatch();
    await this.tail;
    this.inFlight.length = 0;
  }

  /** Drops what is not sent yet and waits for what is running to settle (the transaction is then rolled back). */
  async abort(): Promise<void> {
    this.chunks = [];
    await this.tail.catch(() => undefined);
    this.inFlight.length = 0;
  }
}

async function copyIntoStaging(client: pg.ClientBase, chunks: Buffer[]): Promise<void> {
  const copy = client.query(copyFrom(COPY_STAGING));
  const done = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  for (const chunk of chunks) copy.write(chunk);
  copy.end();
  await done;
}
