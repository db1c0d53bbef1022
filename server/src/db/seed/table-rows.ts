import { PROVINCES } from "../reference/reference-data";
import type { DemoDataset } from "./demo-dataset";
import type { UnitRow } from "./hierarchy.types";
import { pad, personName, searchable } from "./names";
import { grassrootsRow, topUnitRow } from "./unit-rows";
import { CopyBuffer } from "./copy-buffer";
import { Rng } from "./random";

/** One table's rows in PostgreSQL's COPY text format, produced in chunks so nothing large is held as strings. */
export interface TableRows {
  table: string;
  columns: string[];
  rowCount: number;
  chunks(): Generator<Buffer>;
}

const CHUNK_BYTES = 1 << 20;

export function demoTableRows(d: DemoDataset): TableRows[] {
  return [unitRows(d), targetRows(d), authorRows(d), initiativeRows(d), supersededDecisionRows(d)];
}

function unitRows(d: DemoDataset): TableRows {
  const h = d.hierarchy;
  const upper: UnitRow[] = [h.confederation, ...h.topUnits.map(topUnitRow), ...h.intermediates];
  return {
    table: "unit",
    columns: [
      "id",
      "parent_id",
      "code",
      "name",
      "search_name",
      "kind",
      "tier",
      "depth",
      "path",
      "top_unit_id",
      "province_code",
      "cluster_code",
      "grassroots_kind",
      "members",
    ],
    rowCount: upper.length + h.grassroots.count,
    *chunks() {
      const out = new CopyBuffer();
      const row = (u: UnitRow, kind: string | null, members: number | null) => {
        out.int(u.id).tab();
        nullable(out, u.parentId, () => out.int(u.parentId!)).tab();
        out
          .text(u.code)
          .tab()
          .text(u.name)
          .tab()
          .text(searchable(u.name))
          .tab()
          .ascii(u.kind)
          .tab()
          .int(u.tier)
          .tab()
          .int(u.depth)
          .tab()
          .ascii(u.path)
          .tab();
        nullable(out, u.topUnitId, () => out.int(u.topUnitId!)).tab();
        nullable(out, u.provinceCode, () => out.ascii(u.provinceCode!)).tab();
        nullable(out, u.clusterCode, () => out.ascii(u.clusterCode!)).tab();
        nullable(out, kind, () => out.ascii(kind!)).tab();
        nullable(out, members, () => out.int(members!)).endRow();
      };
      for (const u of upper) row(u, null, null);
      for (let g = 0; g < h.grassroots.count; g++) {
        const unit = grassrootsRow(h, g);
        row(unit, unit.grassrootsKind, unit.members);
        if (out.size > CHUNK_BYTES) yield out.take();
      }
      yield out.take();
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
      const out = new CopyBuffer();
      for (const t of targets) out.int(t.unitId).tab().int(t.phaseId).tab().int(t.target).endRow();
      yield out.take();
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
      const out = new CopyBuffer();
      for (let i = 0; i < authors.count; i++) {
        const g = authors.grassroots[i]!;
        const province = PROVINCES[hierarchy.grassroots.provinceIndex[g]!]!.code;
        out
          .int(i + 1)
          .tab()
          .text(personName(rng))
          .tab()
          .ascii(`DV${province}${pad(i + 1, 8)}`)
          .tab()
          .int(hierarchy.grassroots.firstId + g)
          .endRow();
        if (out.size > CHUNK_BYTES) yield out.take();
      }
      yield out.take();
    },
  };
}

function initiativeRows(d: DemoDataset): TableRows {
  const { initiatives: a, hierarchy: h, reviews, benefit, attributes, authors } = d;
  const provinceCodes = PROVINCES.map((p) => p.code);
  const topUnitIds = h.topUnits.map((t) => t.id);
  return {
    table: "initiative",
    columns: [
      "id",
      "submitted_at",
      "grassroots_unit_id",
      "top_unit_id",
      "province_code",
      "worker_category_id",
      "solution_type_id",
      "field_id",
      "status_id",
      "decided_at",
      "benefit_vnd",
      "co_authors",
      "lead_author_id",
    ],
    rowCount: a.count,
    *chunks() {
      const out = new CopyBuffer();
      for (let r = 0; r < a.count; r++) {
        const g = a.grassroots[r]!;
        const decided = reviews.decidedAt[r]!;
        const value = benefit[r]!;
        out
          .int(r + 1)
          .tab()
          .instant(a.submittedAt[r]!)
          .tab()
          .int(h.grassroots.firstId + g)
          .tab()
          .int(topUnitIds[a.topUnit[r]!]!)
          .tab()
          .ascii(provinceCodes[h.grassroots.provinceIndex[g]!]!)
          .tab()
          .int(a.category[r]! + 1)
          .tab()
          .int(attributes.solutionType[r]!)
          .tab()
          .int(attributes.field[r]!)
          .tab()
          .int(reviews.status[r]!)
          .tab();
        if (Number.isNaN(decided)) out.nil();
        else out.instant(decided);
        out.tab();
        if (Number.isNaN(value)) out.nil();
        else out.int(value);
        out.tab().int(attributes.coAuthors[r]!).tab().int(authors.leadAuthor[r]!).endRow();
        if (out.size > CHUNK_BYTES) yield out.take();
      }
      yield out.take();
    },
  };
}

/**
 * The decisions a later one superseded. The loader adds every initiative's submission (pending)
 * and its last decision, which the initiative row holds, to complete the history.
 */
function supersededDecisionRows(d: DemoDataset): TableRows {
  const r = d.redecisions;
  return {
    table: "initiative_status_change",
    columns: ["initiative_id", "changed_at", "status_id"],
    rowCount: r.count,
    *chunks() {
      const out = new CopyBuffer();
      for (let i = 0; i < r.count; i++)
        out
          .int(r.row[i]! + 1)
          .tab()
          .instant(r.at[i]!)
          .tab()
          .int(r.status[i]!)
          .endRow();
      yield out.take();
    },
  };
}

function nullable<T>(out: CopyBuffer, value: T | null, write: () => void): CopyBuffer {
  if (value === null) out.nil();
  else write();
  return out;
}
