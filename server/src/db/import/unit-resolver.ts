import type pg from "pg";
import { detached } from "./detached-string";

/** A grassroots union a row can be filed under, with what every initiative copies from it. */
export interface ResolvedUnit {
  id: number;
  topUnitId: number;
  provinceCode: string;
}

export type UnitResolution = { ok: true; unit: ResolvedUnit } | { ok: false; reason: string };

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  tier: number;
  top_unit_id: number | null;
  province_code: string | null;
}

const GRASSROOTS_TIER = 3;

const UNKNOWN = "không có đơn vị với mã hoặc tên này / no unit has this code or name";
const UPPER =
  "đây là công đoàn cấp trên, cần công đoàn cơ sở / this is an upper-level union: a grassroots union is needed";
const ambiguous = (n: number) =>
  `${n} công đoàn cơ sở cùng tên này, hãy dùng mã đơn vị / ${n} grassroots unions have this name: use the unit code`;

/**
 * Finds the grassroots union an "Đơn vị" cell names: by code in any case (an exact-case match
 * wins), else by exact name among grassroots unions. The unit tree (some 30,000 units) is read
 * once per import, so half a million rows are resolved in memory while the file is read, instead
 * of joined in the database after it.
 */
export class UnitResolver {
  private readonly byCode = new Map<string, UnitRow[]>();
  private readonly byName = new Map<string, UnitRow[]>();
  /** Each distinct cell once: a file repeats a few thousand units over its rows. */
  private readonly resolved = new Map<string, UnitResolution>();

  private constructor(units: UnitRow[]) {
    for (const unit of units) {
      push(this.byCode, unit.code.toUpperCase(), unit);
      push(this.byName, unit.name, unit);
    }
  }

  /** The units, as the resolver needs them: read once per import, and sent to each thread that checks rows. */
  static async loadRows(client: pg.ClientBase): Promise<UnitRow[]> {
    const { rows } = await client.query<UnitRow>("SELECT id, code, name, tier, top_unit_id, province_code FROM unit");
    return rows;
  }

  static fromRows(rows: UnitRow[]): UnitResolver {
    return new UnitResolver(rows);
  }

  /** `ref` is the cell as the row checks left it: trimmed, accents composed, single spaces. */
  resolve(ref: string): UnitResolution {
    let resolution = this.resolved.get(ref);
    if (!resolution) {
      resolution = this.find(ref);
      this.resolved.set(detached(ref), resolution);
    }
    return resolution;
  }

  private find(ref: string): UnitResolution {
    const byCode = this.byCode.get(ref.toUpperCase());
    if (byCode) {
      const unit = byCode.find((u) => u.code === ref) ?? byCode[0]!;
      return unit.tier === GRASSROOTS_TIER ? found(unit) : { ok: false, reason: UPPER };
    }
    const named = this.byName.get(ref) ?? [];
    const grassroots = named.filter((u) => u.tier === GRASSROOTS_TIER);
    if (grassroots.length === 1) return found(grassroots[0]!);
    if (grassroots.length > 1) return { ok: false, reason: ambiguous(grassroots.length) };
    return { ok: false, reason: named.length > 0 ? UPPER : UNKNOWN };
  }
}

function found(unit: UnitRow): UnitResolution {
  // The schema requires both of every grassroots union (unit_check in the initial migration).
  return { ok: true, unit: { id: unit.id, topUnitId: unit.top_unit_id!, provinceCode: unit.province_code! } };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
