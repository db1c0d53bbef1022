import type { CatalogueName } from "../catalogue";
import type { DataState } from "../data-state";
import type { RawResult } from "../execution/execute";
import { sourceTables } from "../execution/execute";
import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { Registry } from "../registry/registry";
import { AsOf } from "../time/as-of";
import type { UnitDirectory } from "../units/unit-directory";
import type { Answer, AnswerColumn, Locale } from "./answer";

const FORMAT: Record<string, string> = { count: "integer", vnd: "vnd", percent: "percent", ratio: "decimal" };

/** The tables that answered: those the statements read, or (a question with no statement of events) those the plan chose. */
export function answeringTables(result: RawResult): string[] {
  return result.sources.length ? result.sources : sourceTables(result.plan.source);
}

/** Turns the executor's rows into an answer: keys labelled in the caller's language, columns described, the plan explained. */
export async function buildAnswer(
  registry: Registry,
  units: UnitDirectory,
  data: DataState,
  query: NormalizedQuery,
  result: RawResult,
  locale: Locale,
): Promise<Answer> {
  const label = await labeller(
    registry,
    units,
    data,
    query,
    result.rows.map((r) => r.keys),
    locale,
  );
  const asOf = AsOf.at(query.asOf);
  return {
    rows: result.rows.map((row) => ({
      time: row.time ?? null,
      dimensions: query.dimensions.map((d, i) => ({ dimension: d, ...label(d, row.keys[i]!) })),
      values: query.measures.map((m) => ({
        measure: m,
        value: row.values[m] ?? null,
        share: query.share.includes(m) ? (row.shares[m] ?? null) : null,
      })),
    })),
    totals: query.measures.map((m) => ({
      measure: m,
      value: result.totals[m] ?? null,
      share: query.share.includes(m) ? 1 : null,
    })),
    columns: columnsOf(registry, query, locale),
    asOf: new Date(asOf.before),
    asOfDate: asOf.date,
    dataVersion: data.dataVersion,
    synthetic: data.synthetic,
    sources: answeringTables(result),
    explain: {
      rejected: [
        ...result.plan.rejected,
        ...(result.submittersRejected ? [{ rollup: "rollup_submitters_*", reason: result.submittersRejected }] : []),
      ],
      sql: result.statements.map((s) => s.text.replace(/\s+/g, " ").trim()),
      parameters: result.statements.map((s) => JSON.stringify(s.values)),
    },
  };
}

function columnsOf(registry: Registry, query: NormalizedQuery, locale: Locale): AnswerColumn[] {
  const text = (vi: string, en: string) => (locale === "en" ? en : vi);
  return [
    ...(query.time
      ? [{ name: "time", kind: "time" as const, label: text("Thời gian", "Time"), unit: null, format: "date" }]
      : []),
    ...query.dimensions.map((name) => {
      const d = registry.dimensions.get(name)!;
      return { name, kind: "dimension" as const, label: text(d.labelVi, d.labelEn), unit: null, format: null };
    }),
    ...query.measures.map((name) => {
      const m = registry.measures.get(name)!;
      return {
        name,
        kind: "measure" as const,
        label: text(m.labelVi, m.labelEn),
        unit: m.unit,
        format: m.format ?? FORMAT[m.unit] ?? null,
      };
    }),
  ];
}

/** Codes and labels of the row keys; child units are looked up in one query. */
async function labeller(
  registry: Registry,
  units: UnitDirectory,
  data: DataState,
  query: NormalizedQuery,
  keys: Array<Array<number | string>>,
  locale: Locale,
) {
  const unitIndex = query.dimensions.indexOf(UNIT_DIMENSION);
  const named = unitIndex >= 0 ? await units.byIds([...new Set(keys.map((k) => Number(k[unitIndex])))]) : new Map();
  return (dimension: string, key: number | string) => {
    if (dimension === UNIT_DIMENSION) {
      const unit = named.get(Number(key));
      return { code: unit?.code ?? String(key), label: unit?.name ?? String(key) };
    }
    const catalogue = registry.dimensions.get(dimension)!.catalogue as CatalogueName;
    const member = data.catalogue[catalogue].find((m) => m.key === key);
    return {
      code: member?.code ?? String(key),
      label: member ? (locale === "en" ? member.labelEn : member.labelVi) : String(key),
    };
  };
}
