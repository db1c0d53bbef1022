/**
 * Questions asked of the server on Citus and on plain PostgreSQL (scripts/citus/check-layout.ts),
 * besides schema/examples: each from the base table and from the rollups, so that both the
 * distributed `initiative` and the co-located rollups answer; units, areas, catalogues, time buckets,
 * distinct submitters (a count(DISTINCT) Citus computes by repartitioning), a drill-down, dashboard fields.
 */
const analytics = (name: string, query: string) =>
  [true, false].map((useRollups) => ({
    name: `${name} (${useRollups ? "rollups" : "base table"})`,
    query: `{ analytics(query: { ${query}, useRollups: ${useRollups}, limit: 10000 }) { totals { measure value } rows { time dimensions { key } values { measure value } } } }`,
  }));

export const CHECKED_QUESTIONS: Array<{ name: string; query: string }> = [
  ...analytics("by top unit", "measures: [submissions, valid, invalid, benefitVnd], dimensions: [topUnit]"),
  ...analytics("by province and status", 'measures: [submissions], dimensions: [province, status], asOf: "2022-05-31"'),
  ...analytics(
    "by region and worker category, weekly",
    "measures: [valid, benefitVnd], dimensions: [region, workerCategory], timeDimension: { granularity: WEEK }",
  ),
  ...analytics("distinct submitters by field", "measures: [submitters], dimensions: [field]"),
  ...analytics("Thanh Hóa's units", 'measures: [submissions, valid], dimensions: [unit], parentUnit: "LDLD-38"'),
  ...analytics(
    "daily, phase 2 only",
    'measures: [submissions], timeDimension: { granularity: DAY }, filters: [{ dimension: phase, operator: IN, values: ["2"] }]',
  ),
  {
    name: "overview",
    query: '{ overview(asOf: "2023-06-30") { kpis { measure value previous } phases { phase progress } } }',
  },
  { name: "ranking", query: "{ ranking(by: topUnit, measure: valid, limit: 83) { count rows { code value rank } } }" },
];
