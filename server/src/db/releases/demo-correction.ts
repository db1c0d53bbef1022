import { openSession } from "../session";
import { rebuildRollups } from "../aggregates/rollup-builder";
import { refreshStatusCorrectionsOf } from "../aggregates/status-corrections.sql";
import { noteDataLoadCommitted } from "../data-loads";
import { STATUS_ID } from "../reference/catalogues";
import { keepPinnedVersion } from "./keep-version";

/** What the demo's correction changes: few rows of one provincial federation, chosen by id (deterministic). */
const REVIEWED_INVALID = 4;
const APPEALED_VALID = 2;

export interface DemoCorrection {
  dataVersion: string;
  /** The federation corrected, by name: what the correction release's note says. */
  unitName: string;
  initiatives: number;
}

/**
 * A small synthetic correction load, so that the demo's revision log shows something: in the
 * provincial federation with the lowest id, its first phase-2 valid initiatives (by id) are found
 * invalid on review, its first invalid ones valid on appeal, and the largest benefit of a remaining
 * valid one is divided by ten (a zero typed too many). Submissions do not change. Like every load it
 * keeps the version a release pins, rebuilds the rollups and records a new data version.
 */
export async function applyDemoCorrection(url: URL): Promise<DemoCorrection> {
  const client = await openSession(url.toString(), "sang-kien-demo-correction");
  try {
    await client.query("BEGIN");
    await keepPinnedVersion(client);
    const {
      rows: [unit],
    } = await client.query<{ id: number; name: string }>(
      `SELECT id, name FROM unit WHERE kind = 'PROVINCIAL_FEDERATION' ORDER BY id LIMIT 1`,
    );
    if (!unit) throw new Error("the demo data has no provincial federation to correct");
    const pick = (status: number, n: number) =>
      client.query<{ id: string }>(
        `SELECT id FROM initiative WHERE top_unit_id = $1 AND phase_id = 2 AND status_id = $2 ORDER BY id LIMIT $3`,
        [unit.id, status, n],
      );
    const invalidated = (await pick(STATUS_ID.VALID, REVIEWED_INVALID)).rows.map((r) => r.id);
    const validated = (await pick(STATUS_ID.INVALID, APPEALED_VALID)).rows.map((r) => r.id);
    const decide = async (ids: string[], from: number, to: number) => {
      await client.query(`UPDATE initiative SET status_id = $2 WHERE id = ANY($1::bigint[])`, [ids, to]);
      // The decision in the status history is the one corrected (its instant stays).
      await client.query(
        `UPDATE initiative_status_change h SET status_id = $3 FROM initiative i
          WHERE i.id = ANY($1::bigint[]) AND h.initiative_id = i.id AND h.changed_at = i.decided_at AND h.status_id = $2`,
        [ids, from, to],
      );
    };
    await decide(invalidated, STATUS_ID.VALID, STATUS_ID.INVALID);
    await decide(validated, STATUS_ID.INVALID, STATUS_ID.VALID);
    const repriced = await client.query(
      `UPDATE initiative SET benefit_vnd = benefit_vnd / 10
        WHERE id = (SELECT id FROM initiative WHERE top_unit_id = $1 AND phase_id = 2 AND status_id = $2
                       AND benefit_vnd > 0 ORDER BY benefit_vnd DESC, id LIMIT 1)
       RETURNING id::text`,
      [unit.id, STATUS_ID.VALID],
    );
    // A re-decided initiative's status corrections copy its row and read its history: both changed.
    const changed = [...invalidated, ...validated, ...repriced.rows.map((r: { id: string }) => r.id)];
    for (const statement of refreshStatusCorrectionsOf(`SELECT unnest('{${changed.join(",")}}'::bigint[])`)) {
      await client.query(statement);
    }
    await rebuildRollups(client);
    await client.query("UPDATE dataset SET is_current = false WHERE is_current");
    const {
      rows: [recorded],
    } = await client.query<{ data_version: string }>(
      `INSERT INTO dataset (kind, generator_version, seed, scale, checksum, initiative_count)
       SELECT kind, generator_version, seed, scale, checksum || '+demo-correction', initiative_count
         FROM dataset ORDER BY data_version DESC LIMIT 1
       RETURNING data_version::text`,
    );
    await client.query("COMMIT");
    noteDataLoadCommitted();
    return {
      dataVersion: recorded!.data_version,
      unitName: unit.name,
      initiatives: invalidated.length + validated.length + (repriced.rowCount ?? 0),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
