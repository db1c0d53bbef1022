import type { EntityManager } from "typeorm";
import { FIELDS, PHASES, SOLUTION_TYPES, STATUSES, WORKER_CATEGORIES, type CatalogueEntry } from "./catalogues";
import { CLUSTERS, PROVINCES, PROVINCES_2025, REGIONS } from "./reference-data";

/**
 * Writes the reference tables from the files in this folder. Idempotent, run after migrations on
 * every start, so a corrected name in a JSON file reaches the database without a new migration.
 */
export async function syncReferenceData(db: EntityManager): Promise<void> {
  await upsert(
    db,
    "region",
    ["code", "name_vi", "name_en", "sort_order"],
    REGIONS.map((r) => [r.code, r.nameVi, r.nameEn, r.order]),
  );
  await upsert(
    db,
    "province_2025",
    ["code", "name", "full_name", "name_en", "type"],
    PROVINCES_2025.map((p) => [p.code, p.name, p.fullName, p.nameEn, p.type]),
  );
  await upsert(
    db,
    "province",
    [
      "code",
      "name",
      "full_name",
      "name_en",
      "type",
      "region_code",
      "iso_code",
      "population_2019",
      "successor_2025_code",
    ],
    PROVINCES.map((p) => [
      p.code,
      p.name,
      p.fullName,
      p.nameEn,
      p.type,
      p.region,
      p.iso,
      p.population2019,
      p.successor2025,
    ]),
  );
  await upsert(
    db,
    "emulation_cluster",
    ["code", "name_vi", "name_en", "confirmed"],
    CLUSTERS.map((c) => [c.code, c.nameVi, c.nameEn, c.confirmed]),
  );
  for (const [table, entries] of [
    ["worker_category", WORKER_CATEGORIES],
    ["solution_type", SOLUTION_TYPES],
    ["initiative_field", FIELDS],
    ["initiative_status", STATUSES],
  ] as const) {
    await upsert(
      db,
      table,
      ["id", "code", "name_vi", "name_en"],
      (entries as readonly CatalogueEntry[]).map((e) => [e.id, e.code, e.nameVi, e.nameEn]),
    );
  }
  await upsert(
    db,
    "phase",
    ["id", "name_vi", "name_en", "applies_from", "applies_until", "portal_opens_at", "portal_closes_at"],
    PHASES.map((p) => [p.id, p.nameVi, p.nameEn, p.appliesFrom, p.appliesUntil, p.portalOpensAt, p.portalClosesAt]),
  );
}

async function upsert(db: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const [key, ...rest] = columns;
  const values = rows
    .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`)
    .join(", ");
  const updates = rest.map((c) => `${c} = EXCLUDED.${c}`).join(", ");
  await db.query(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values} ON CONFLICT (${key}) DO UPDATE SET ${updates}`,
    rows.flat(),
  );
}
