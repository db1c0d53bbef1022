import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { BinaryRows } from "./binary-rows";
import { copyStagingPart, createStagingPart } from "./staging.sql";

/**
 * The COPY into the current part of the staging table, on the staging session, and the step to
 * the next: ending a COPY commits its part (see staging.sql.ts).
 */
export class StagingParts {
  private part = 0;
  private copy: ReturnType<typeof copyFrom> | null = null;
  private copied: Promise<void> = Promise.resolve();
  /** Good rows staged in the parts before the current one. */
  rowsBefore = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly onPart: (part: number) => void,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0 && !this.copy!.write(bytes)) await new Promise((resolve) => this.copy!.once("drain", resolve));
  }

  /** Commits the current part (if any) and starts the next, after `rowsBefore` good rows. */
  async next(rowsBefore = 0): Promise<void> {
    if (this.copy) await this.end();
    this.part++;
    this.rowsBefore = rowsBefore;
    await this.client.query(createStagingPart(this.part));
    const copy = this.client.query(copyFrom(copyStagingPart(this.part)));
    this.copied = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    this.copy = copy;
    await this.write(BinaryRows.HEADER);
  }

  /** Ends the current part's COPY, which commits it. */
  async end(): Promise<void> {
    await this.write(BinaryRows.TRAILER);
    this.copy!.end();
    await this.copied;
    this.copy = null;
    this.onPart(this.part);
  }

  async abort(error: Error): Promise<void> {
    if (!this.copy) return;
    this.copy.destroy(error);
    await this.copied.catch(() => undefined);
    this.copy = null;
  }
}
