import { PROVINCES } from "../reference/reference-data";
import type { DemoDataset } from "./demo-dataset";
import { grassrootsRow, topUnitRow, type UnitRow } from "./hierarchy.builder";
import { pad, personName, searchable } from "./names";
import { Rng } from "./random";

/** One table's rows in PostgreSQL's COPY text format, produced in chunks so nothing large is held as strings. */
export interface TableRows {
  table: string;
  columns: string[];
  rowCount: number;
  chunks(): Generator<string>;
}

const CHUNK_ROWS = 20_000;

export function demoTableRows(d: DemoDataset): TableRows[] {
  return [unitRows(d), targetRows(d), authorRows(d), initiativeRows(d)];
}

function unitRows(d: DemoDataset): TableRows {
  const h = d.hierarchy;
  const upper: UnitRow[] = [h.confederation, ...h.topUnits.map(topUnitRow), ...h.intermediates];
  return {
    table: "unit",
    columns: ["id", "parent_id", "code", "name", "search_name", "kind", "tier", "depth", "path", "top_unit_id",
      "province_code", "cluster_code", "grassroots_kind", "members"],
    rowCount: upper.length + h.grassroots.count,
    *chunks() {
      const line = (u: UnitRow, kind: string | null, members: number | null) =>
        [u.id, u.parentId, text(u.code), text(u.name), text(searchable(u.name)), u.kind, u.tier, u.depth, u.path,
          u.topUnitId, u.provinceCode, u.clusterCode, kind, members].map(field).join("\t");
      yield upper.map((u) => line(u, null, null)).join("\n") + "\n";
      for (let from = 0; from < h.grassroots.count; from += CHUNK_ROWS) {
        const lines: string[] = [];
        for (let g = from; g < Math.min(from + CHUNK_ROWS, h.grassroots.count); g++) {
          const row = grassrootsRow(h, g);
          lines.push(line(row, row.grassrootsKind, row.members));
        }
        yield lines.join("\n") + "\n";
      }
    },
  };
}

function targetRows(d: DemoDataset): TableRows {
  const targets = d.hierarchy.targets;
  return {
    table: "target",
    columns: ["unit_id", "phase_id", "target"],
    rowCount: targets.length,
    *chunks() {
      yield targets.map((t) => `${t.unitId}\t${t.phaseId}\t${t.target}`).join("\n") + "\n";
    },
  };
}

function authorRows(d: DemoDataset): TableRows {
  const { authors, hierarchy } = d;
  return {
    table: "author",
    columns: ["id", "full_name", "member_code", "grassroots_unit_id"],
    rowCount: authors.count,
    *chunks() {
      const rng = new Rng(d.seed, "author-names");
      for (let from = 0; from < authors.count; from += CHUNK_ROWS) {
        const lines: string[] = [];
        for (let i = from; i < Math.min(from + CHUNK_ROWS, authors.count); i++) {
          const g = authors.grassroots[i]!;
          const province = PROVINCES[hierarchy.grassroots.provinceIndex[g]!]!.code;
          lines.push(`${i + 1}\t${text(personName(rng))}\tDV${province}${pad(i + 1, 8)}\t${hierarchy.grassroots.firstId + g}`);
        }
        yield lines.join("\n") + "\n";
      }
    },
  };
}

function initiativeRows(d: DemoDataset): TableRows {
  const { initiatives: a, hierarchy: h, reviews, benefit, attributes, authors } = d;
  return {
    table: "initiative",
    columns: ["id", "submitted_at", "grassroots_unit_id", "top_unit_id", "province_code", "worker_category_id",
      "solution_type_id", "field_id", "status_id", "decided_at", "benefit_vnd", "co_authors", "lead_author_id"],
    rowCount: a.count,
    *chunks() {
      for (let from = 0; from < a.count; from += CHUNK_ROWS) {
        const lines: string[] = [];
        for (let r = from; r < Math.min(from + CHUNK_ROWS, a.count); r++) {
          const g = a.grassroots[r]!;
          const decided = reviews.decidedAt[r]!;
          const value = benefit[r]!;
          lines.push(
            `${r + 1}\t${new Date(a.submittedAt[r]!).toISOString()}\t${h.grassroots.firstId + g}\t` +
            `${h.topUnits[a.topUnit[r]!]!.id}\t${PROVINCES[h.grassroots.provinceIndex[g]!]!.code}\t${a.category[r]! + 1}\t` +
            `${attributes.solutionType[r]}\t${attributes.field[r]}\t${reviews.status[r]}\t` +
            `${Number.isNaN(decided) ? "\\N" : new Date(decided).toISOString()}\t` +
            `${Number.isNaN(value) ? "\\N" : value.toFixed(0)}\t${attributes.coAuthors[r]}\t${authors.leadAuthor[r]}`,
          );
        }
        yield lines.join("\n") + "\n";
      }
    },
  };
}

function field(value: string | number | null): string {
  return value === null ? "\\N" : String(value);
}

/** COPY text escaping for free text (names): backslash, tab and line breaks. */
function text(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}
