import type { DataSource } from "typeorm";
import { connectionFailureOf } from "../connection-failure";
import { ReplicaLag, type ReplicaVerdict } from "./replica-health";

export interface Replica {
  /** host:port/database, for logs (never the password). */
  name: string;
  dataSource: DataSource;
}

export interface ReplicaSetOptions {
  /** REPLICA_MAX_LAG_MS: further behind than this, a replica is skipped. */
  maxLagMs: number;
  /** REPLICA_CHECK_MS: how often each replica is checked. */
  checkMs: number;
  /** Where "skipped" and "back" go (main passes the JSON logger). */
  log: (level: "warn" | "info", message: string, fields: Record<string, unknown>) => void;
}

/**
 * The replicas the API reads from, taken in turn, each checked every `checkMs` (reachable, a standby
 * that streams, not behind by more than `maxLagMs`). One that fails a check or a query is skipped,
 * with a warning, until a check finds it well again; with none usable, reads go to the primary.
 */
export class ReplicaSet {
  private turn = 0;
  private readonly usable: boolean[];
  private readonly lags: ReplicaLag[];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    readonly primary: DataSource,
    private readonly replicas: Replica[],
    private readonly options: ReplicaSetOptions,
  ) {
    // Unusable until start() has checked them.
    this.usable = replicas.map(() => false);
    this.lags = replicas.map(() => new ReplicaLag(options.maxLagMs));
  }

  /** The next usable replica in turn, or the primary when none is. */
  pick(): DataSource {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const index = this.turn++ % this.replicas.length;
      if (this.usable[index]) return this.replicas[index]!.dataSource;
    }
    return this.primary;
  }

  /**
   * A read on `dataSource` failed: when the connection was the reason and it was a replica, that
   * replica is skipped from now on and true says another database can take the retry.
   */
  reportFailure(dataSource: DataSource, error: unknown): boolean {
    const index = this.replicas.findIndex((r) => r.dataSource === dataSource);
    if (index < 0 || connectionFailureOf(error) !== "unavailable") return false;
    this.mark(index, { usable: false, reason: `a query failed: ${(error as Error).message}` });
    return true;
  }

  /** Checks every replica now (start-up, tests), then every `checkMs` until close(). */
  async start(): Promise<void> {
    await this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), this.options.checkMs);
    this.timer.unref();
  }

  checkAll(): Promise<void> {
    // One round at a time: a replica that hangs must not pile checks up.
    this.checking ??= Promise.all(
      this.replicas.map(async (replica, index) => {
        const verdict = await this.checkOne(replica, index).catch((error: Error): ReplicaVerdict => ({
          usable: false,
          reason: `unreachable: ${error.message}`,
        }));
        this.mark(index, verdict);
      }),
    ).then(
      () => (this.checking = undefined),
      () => (this.checking = undefined),
    );
    return this.checking;
  }

  private async checkOne(replica: Replica, index: number): Promise<ReplicaVerdict> {
    // A replica that was down at start-up is connected to when it answers.
    if (!replica.dataSource.isInitialized) await replica.dataSource.initialize();
    return this.lags[index]!.check(replica.dataSource);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await Promise.all(this.replicas.map((r) => (r.dataSource.isInitialized ? r.dataSource.destroy() : undefined)));
  }

  private mark(index: number, verdict: ReplicaVerdict): void {
    const was = this.usable[index];
    this.usable[index] = verdict.usable;
    if (was === verdict.usable) return;
    const replica = this.replicas[index]!.name;
    if (verdict.usable) return this.options.log("info", "replica usable: reads go to it", { replica });
    const fallback = this.usable.some(Boolean) ? "the other replicas" : "the primary";
    this.options.log("warn", `replica skipped: reads go to ${fallback}`, { replica, reason: verdict.reason });
  }
}
