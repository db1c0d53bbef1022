import type { DataSource } from "typeorm";

/** What one check of a replica found: usable, or why it is skipped. */
export type ReplicaVerdict = { usable: true } | { usable: false; reason: string };

/** A standby's WAL positions, as `pg_last_wal_*_lsn()` give them ("16/B374D848"). */
export interface Positions {
  standby: boolean;
  streaming: boolean;
  received: string | null;
  replayed: string | null;
}

const PROBE = `SELECT pg_is_in_recovery() AS standby,
  EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming,
  pg_last_wal_receive_lsn()::text AS received, pg_last_wal_replay_lsn()::text AS replayed`;

/**
 * How far one replica is behind, measured by its own WAL positions rather than by
 * `now() - pg_last_xact_replay_timestamp()`, which grows on an idle primary where nothing lags.
 * Each check notes the position received so far and when; the lag is the age of the oldest noted
 * position not yet replayed (0 when replay has caught up with what arrived). The resolution is
 * one check interval. A standby that stopped streaming is as far behind as it has been silent.
 */
export class ReplicaLag {
  private pending: Array<{ lsn: bigint; seenAt: number }> = [];
  private silentSince: number | undefined;

  constructor(private readonly maxLagMs: number) {}

  async check(replica: DataSource, now = Date.now): Promise<ReplicaVerdict> {
    const [row] = (await replica.query(PROBE)) as Positions[];
    return this.observe(row, now());
  }

  /** The verdict on positions read at `at` (ms), given the ones read before. */
  observe(row: Positions | undefined, at: number): ReplicaVerdict {
    if (!row || !row.standby) return { usable: true }; // A primary listed as a reader: never behind.
    if (row.streaming) this.silentSince = undefined;
    else this.silentSince ??= at;
    const received = row.received ? lsnValue(row.received) : undefined;
    const replayed = row.replayed ? lsnValue(row.replayed) : undefined;
    if (received !== undefined && !this.pending.some((p) => p.lsn >= received)) {
      this.pending.push({ lsn: received, seenAt: at });
    }
    if (replayed !== undefined) this.pending = this.pending.filter((p) => p.lsn > replayed);
    const lagMs = this.pending.length ? at - this.pending[0]!.seenAt : 0;
    if (lagMs > this.maxLagMs) return { usable: false, reason: `replay is ${lagMs} ms behind what it received` };
    if (this.silentSince !== undefined && at - this.silentSince > this.maxLagMs) {
      return { usable: false, reason: `not streaming from its primary for ${at - this.silentSince} ms` };
    }
    return { usable: true };
  }
}

/** "16/B374D848" → 0x16B374D848: WAL positions compare as 64-bit numbers. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}
