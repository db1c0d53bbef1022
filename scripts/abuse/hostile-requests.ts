/**
 * Requests a stranger who read docs/api.md might send to take the server down or make it err:
 * the abuse suite (test/server/abuse/) sends each to a real `npm start` process and requires its
 * refusal, with its code, in well under a second, while a normal question still answers; the
 * benchmark (`npm run bench:abuse`) records how long each refusal took.
 */
export interface HostileRequest {
  name: string;
  /** Relative to the server's base URL. */
  path: string;
  method: "GET" | "POST" | "PUT" | "OPTIONS";
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** What the server must answer. */
  expect: { status: number; code: string };
}

/** Root fields with arguments that pass validation, to alias many times over. */
export const ROOT_FIELD_SELECTIONS: Record<string, string> = {
  analytics: `analytics(query: { measures: [submissions] }) { source }`,
  overview: `overview { programmeProgress }`,
  ranking: `ranking(measure: submissions, by: province) { count }`,
  timeSeries: `timeSeries(measures: [submissions], granularity: YEAR) { source }`,
  shares: `shares(measure: submissions, dimension: phase) { source }`,
  unitDrilldown: `unitDrilldown(unit: "TLĐ") { unit { code } }`,
  targetAttainment: `targetAttainment { code }`,
  milestones: `milestones { count }`,
  meta: `meta { measures { name } }`,
  searchUnits: `searchUnits(text: "a") { code }`,
  provinces: `provinces { code }`,
  topUnits: `topUnits { code }`,
  dataset: `dataset { dataVersion }`,
};

const json = (payload: unknown): Pick<HostileRequest, "method" | "headers" | "body" | "path"> => ({
  path: "/graphql",
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(payload),
});

/** `fragment F1 on Query { ...F0 ...F0 } … { ...F<levels-1> }`: 2^levels fields from a 2 KB document. */
export function fragmentFanOut(levels: number): string {
  const fragments = [`fragment F0 on Query { dataset { dataVersion } }`];
  for (let i = 1; i < levels; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `{ ...F${levels - 1} } ${fragments.join(" ")}`;
}

function aliases(count: number, selection: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(" ")} }`;
}

/** Requests that are not GraphQL requests at all: refused at the door (test/server/http/malformed-requests.test.ts has more, byte for byte). */
const MALFORMED: HostileRequest[] = [
  {
    name: "truncated JSON",
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"query": "{ dataset { ki',
    expect: { status: 400, code: "BAD_REQUEST" },
  },
  {
    name: "a UTF-16 body",
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-16" },
    body: new Uint8Array(Buffer.from('{"query":"{ __typename }"}', "utf16le")),
    expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  },
  {
    name: "a form's text/plain body",
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: '{"query":"{ __typename }"}',
    expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  },
  {
    name: "PUT /graphql",
    path: "/graphql",
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: "{}",
    expect: { status: 405, code: "METHOD_NOT_ALLOWED" },
  },
  {
    name: "an encoded path traversal",
    path: "/assets/..%2f..%2fpackage.json",
    method: "GET",
    expect: { status: 400, code: "BAD_REQUEST" },
  },
  { name: "a NUL in a path", path: "/assets/%00", method: "GET", expect: { status: 400, code: "BAD_REQUEST" } },
  {
    name: "a missing asset",
    path: "/assets/index-00000000.js",
    method: "GET",
    expect: { status: 404, code: "NOT_FOUND" },
  },
  { name: "a scanner's PHP page", path: "/wp-login.php", method: "GET", expect: { status: 404, code: "NOT_FOUND" } },
];

const TOO_COMPLEX = { status: 400, code: "QUERY_TOO_COMPLEX" };
const BAD_INPUT = { status: 400, code: "BAD_USER_INPUT" };
/**
 * Refused by the field that reads the arguments, not before execution: as GraphQL over HTTP has it,
 * the answer is 200 with `data: null` for that field and the error with its code.
 */
const FIELD_TOO_COMPLEX = { status: 200, code: "QUERY_TOO_COMPLEX" };
const FIELD_BAD_INPUT = { status: 200, code: "BAD_USER_INPUT" };

export const HOSTILE_REQUESTS: HostileRequest[] = [
  ...MALFORMED,
  { name: "fragment fan-out, 40 levels", ...json({ query: fragmentFanOut(40) }), expect: TOO_COMPLEX },
  { name: "fragment fan-out, 16 levels", ...json({ query: fragmentFanOut(16) }), expect: TOO_COMPLEX },
  ...Object.entries(ROOT_FIELD_SELECTIONS).flatMap(([field, selection]) => [
    { name: `450 aliased ${field}`, ...json({ query: aliases(450, selection) }), expect: TOO_COMPLEX },
    { name: `31 aliased ${field}`, ...json({ query: aliases(31, selection) }), expect: TOO_COMPLEX },
  ]),
  {
    name: "limit through variables: 15 aliased analytics of 10,000 rows",
    ...json({
      query: `query($q: AnalyticsQueryInput!) ${aliases(15, "analytics(query: $q) { source }").slice(0)}`,
      variables: { q: { measures: ["submissions"], dimensions: ["province"], limit: 10_000 } },
    }),
    expect: TOO_COMPLEX,
  },
  {
    name: "limit through a variable's default",
    ...json({
      query: `query($n: Int = 10000) ${aliases(15, "analytics(query: { measures: [submissions], limit: $n }) { source }")}`,
    }),
    expect: TOO_COMPLEX,
  },
  {
    name: "600 fields under one name",
    ...json({ query: `{ ${"a: dataset { kind } ".repeat(600)} }` }),
    expect: TOO_COMPLEX,
  },
  { name: "1,300 __typename", ...json({ query: `{ ${"__typename ".repeat(1300)} }` }), expect: TOO_COMPLEX },
  {
    name: "3,000 directives (as many as 64 KB holds)",
    ...json({ query: `{ dataset ${"@include(if: true) ".repeat(3_000)}{ kind } }` }),
    expect: TOO_COMPLEX,
  },
  {
    name: "25 directives on 25 fields",
    ...json({ query: aliases(25, "dataset @include(if: true) { kind }") }),
    expect: TOO_COMPLEX,
  },
  { name: "nesting 1,500 deep", ...json({ query: `${"{ a ".repeat(1500)}${"} ".repeat(1500)}` }), expect: TOO_COMPLEX },
  {
    name: "nesting 40 levels of ofType",
    ...json({ query: `{ __type(name: "Query") { ${"ofType { ".repeat(40)}name${" }".repeat(40)} } }` }),
    expect: TOO_COMPLEX,
  },
  {
    name: "introspection cycle fields { type { fields … } }",
    ...json({ query: `{ __schema { types { ${"fields { type { ".repeat(6)}name${" } }".repeat(6)} } } }` }),
    expect: TOO_COMPLEX,
  },
  {
    name: "500-operation batch",
    ...json(Array.from({ length: 500 }, () => ({ query: "{ dataset { kind } }" }))),
    expect: { status: 400, code: "BAD_REQUEST" },
  },
  {
    name: "huge variables: a filter of 100,000 unit codes (0.9 MB)",
    ...json({
      query: `query($f: [FilterInput!]) { analytics(query: { measures: [submissions], filters: $f }) { source } }`,
      variables: { f: [{ dimension: "unit", values: Array.from({ length: 100_000 }, (_, i) => `X${i}`) }] },
    }),
    expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
  },
  {
    name: "the largest body allowed: a filter of 5,000 unit codes (60 KB)",
    ...json({
      query: `query($f: [FilterInput!]) { analytics(query: { measures: [submissions], filters: $f }) { source } }`,
      variables: {
        f: [{ dimension: "unit", values: Array.from({ length: 5_000 }, (_, i) => `X${i}`.padEnd(9, "0")) }],
      },
    }),
    expect: FIELD_TOO_COMPLEX,
  },

  {
    name: "two operations, no operationName",
    ...json({ query: "query A { dataset { kind } } query B { topUnits { code } }" }),
    expect: BAD_INPUT,
  },
  {
    name: "asOf 9999-12-31",
    ...json({ query: `{ analytics(query: { measures: [submissions], asOf: "9999-12-31" }) { source } }` }),
    expect: BAD_INPUT,
  },
  {
    name: "asOf 0001-01-01 in the overview",
    ...json({ query: `{ overview(asOf: "0001-01-01") { programmeProgress } }` }),
    expect: BAD_INPUT,
  },
  {
    name: "dateRange from 1900, to left open",
    ...json({
      query: `{ analytics(query: { measures: [submissions], dateRange: { from: "1900-01-01" } }) { source } }`,
    }),
    expect: FIELD_BAD_INPUT,
  },
  {
    name: "an operationName the document does not hold",
    ...json({ query: "query A { dataset { kind } }", operationName: "B" }),
    expect: BAD_INPUT,
  },
];
