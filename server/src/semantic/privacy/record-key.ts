import type { EventKind, MeasureDefinition } from "../registry/measures";

/**
 * Record keys of the cell key method (docs/privacy.md): every initiative has a fixed key, uniform
 * on 0 … 2^20 − 1, a hash of its portal code (its id for demo rows) seeded with the database's
 * secret (table cell_key_secret). hashtextextended is what hash partitioning uses, so PostgreSQL
 * keeps it stable across versions: keys survive reloads, upgrades and re-imports.
 */
export const RECORD_KEY_MODULUS = 2 ** 20;

/** The record key of the initiative aliased `i`. */
export const RECORD_KEY_SQL = `(hashtextextended(coalesce(i.portal_code, 'id:' || i.id::text), (SELECT seed FROM cell_key_secret WHERE id = 1)) & ${RECORD_KEY_MODULUS - 1})`;

/** The internal measures that sum record keys over a cell's events, one per kind of event: never asked by users. */
export const KEY_MEASURE: Record<EventKind, string> = {
  submission: "submissionKey",
  valid: "validKey",
  invalid: "invalidKey",
};

export const RECORD_KEY_MEASURES: MeasureDefinition[] = (Object.entries(KEY_MEASURE) as Array<[EventKind, string]>).map(
  ([kind, name]) => ({
    name,
    labelVi: `Khóa ô (${kind})`,
    labelEn: `Cell key (${kind})`,
    unit: "count",
    additivity: "additive",
    internal: true,
    descriptionVi: "Tổng khóa bản ghi của các sự kiện trong ô (chỉ dùng nội bộ để gây nhiễu)",
    descriptionEn: "Sum of the record keys of the cell's events (internal: drives the perturbation)",
    event: { kinds: [kind], value: "key" },
  }),
);
