import type { DataSource } from "typeorm";
import { Lru } from "../../cache/lru";
import { UNIT_TIER } from "../../db/entities/unit.entity";

/** A unit as the engine and its callers see it. */
export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** 0 confederation, 1 top-level, 2 intermediate, 3 grassroots. */
  tier: number;
  depth: number;
  /** Ids from the root, "/1/38/512/". */
  path: string;
  clusterCode: string | null;
  /** The province of a provincial federation (and of most units below one); null for sector and corporation unions. */
  provinceCode: string | null;
}

/** A unit found by name or code, with the name of the top-level unit it belongs to. */
export interface UnitHit {
  code: string;
  name: string;
  kind: string;
  tier: number;
  topUnitName: string | null;
}

const COLUMNS = `id, code, name, kind, tier, depth, path, cluster_code AS "clusterCode", province_code AS "provinceCode"`;

/**
 * Every look-up of units the engine and the modules make, in one place, remembered per data
 * version (a load may add or rename units; between loads the tree does not change).
 */
export class UnitDirectory {
  private readonly byCodeSeen = new Lru<{ unit: UnitRecord | null }>({ maxEntries: 10_000 });
  private readonly lists = new Lru<UnitRecord[]>({ maxEntries: 8 });

  constructor(
    private readonly db: Pick<DataSource, "query">,
    private readonly dataVersion: () => Promise<string>,
  ) {}

  /** The unit with this code, or null. */
  async byCode(code: string): Promise<UnitRecord | null> {
    const key = `${await this.dataVersion()}|${code}`;
    const seen = this.byCodeSeen.get(key);
    if (seen) return seen.unit;
    const [unit] = (await this.db.query(`SELECT ${COLUMNS} FROM unit WHERE code = $1`, [code])) as UnitRecord[];
    this.byCodeSeen.set(key, { unit: unit ?? null });
    return unit ?? null;
  }

  /** The units with these ids, in one query. */
  async byIds(ids: number[]): Promise<Map<number, UnitRecord>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM unit WHERE id = ANY($1::int[])`, [ids])) as UnitRecord[];
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** From the root down to the unit's parent. */
  async ancestorsOf(unit: UnitRecord): Promise<UnitRecord[]> {
    const ids = unit.path.split("/").filter(Boolean).slice(0, -1).map(Number);
    return [...(await this.byIds(ids)).values()].sort((a, b) => a.depth - b.depth);
  }

  /** The root of the tree: the confederation (code "TLĐ" in the portal's data, read, not assumed). */
  async root(): Promise<UnitRecord> {
    const [root] = await this.list("root", `tier = ${UNIT_TIER.CONFEDERATION} ORDER BY id LIMIT 1`);
    if (!root) throw new Error("the unit tree has no root (no unit of tier 0)");
    return root;
  }

  /** The 83 top-level units, by id. */
  topUnits(): Promise<UnitRecord[]> {
    return this.list("top", `tier = ${UNIT_TIER.TOP} ORDER BY id`);
  }

  /** Of these codes, those of grassroots unions (or below): the cells small-cell protection concerns. */
  async grassrootsAmong(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = (await this.db.query(`SELECT code FROM unit WHERE code = ANY($1) AND tier >= $2`, [
      codes,
      UNIT_TIER.GRASSROOTS,
    ])) as Array<{
      code: string;
    }>;
    return new Set(rows.map((r) => r.code));
  }

  /** Which of these codes are grassroots unions or deeper than `depth` (docs/privacy.md: fine-grained cells). */
  async belowDepthAmong(codes: string[], depth: number): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = (await this.db.query(`SELECT code FROM unit WHERE code = ANY($1) AND (tier >= $2 OR depth > $3)`, [
      codes,
      UNIT_TIER.GRASSROOTS,
      depth,
    ])) as Array<{ code: string }>;
    return new Set(rows.map((r) => r.code));
  }

  /**
   * Units whose searchable name (diacritics folded, spaces collapsed: common/searchable-text.ts)
   * contains `needle`, or whose code starts with it: higher tiers first, then names where the text
   * comes earliest, then by code. `needle` must already be folded.
   */
  async search(needle: string, limit: number): Promise<UnitHit[]> {
    const literal = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    return (await this.db.query(
      `SELECT u.code, u.name, u.kind, u.tier, CASE WHEN u.tier >= 2 THEN t.name END AS "topUnitName"
         FROM unit u LEFT JOIN unit t ON t.id = u.top_unit_id
        WHERE u.search_name LIKE $1 OR lower(u.code) LIKE $2
        ORDER BY u.tier, strpos(u.search_name, $3), length(u.name), u.code
        LIMIT $4`,
      [`%${literal}%`, `${literal}%`, needle, limit],
    )) as UnitHit[];
  }

  private async list(name: string, where: string): Promise<UnitRecord[]> {
    const key = `${await this.dataVersion()}|${name}`;
    const known = this.lists.get(key);
    if (known) return known;
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM unit WHERE ${where}`)) as UnitRecord[];
    this.lists.set(key, rows);
    return rows;
  }
}
