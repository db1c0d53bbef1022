import pg from "pg";

/** The headers a portal export has, in its order. */
export const HEADERS = [
  "Mã sáng kiến",
  "Tên sáng kiến",
  "Lĩnh vực",
  "Đơn vị",
  "Ngày nộp",
  "Trạng thái",
  "Ngày duyệt",
  "Giá trị làm lợi (đồng)",
  "Khối",
  "Loại giải pháp",
  "Tác giả",
  "Mã tác giả",
  "Đồng tác giả",
] as const;

export type PortalRow = Partial<Record<(typeof HEADERS)[number], string>>;

/** A CSV file as a portal (or Excel) writes it: RFC 4180 quoting, CRLF, optional BOM and delimiter. */
export function portalCsv(
  rows: PortalRow[],
  options: { bom?: boolean; delimiter?: string; headers?: readonly string[] } = {},
): string {
  const delimiter = options.delimiter ?? ",";
  const cell = (v: string) => (/["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [(options.headers ?? HEADERS).map(cell).join(delimiter)];
  for (const row of rows) lines.push(HEADERS.map((h) => cell(row[h] ?? "")).join(delimiter));
  return `${options.bom === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`;
}

/** A good row for grassroots union `unit`; override any cell. */
export function goodRow(code: string, unit: string, overrides: PortalRow = {}): PortalRow {
  return {
    "Mã sáng kiến": code,
    "Tên sáng kiến": `Cải tiến quy trình ${code}`,
    "Lĩnh vực": "Sản xuất, kinh doanh",
    "Đơn vị": unit,
    "Ngày nộp": "15/03/2022 09:30",
    "Trạng thái": "Hợp lệ",
    "Ngày duyệt": "02/04/2022",
    "Giá trị làm lợi (đồng)": "12.500.000 đ",
    Khối: "Khu vực doanh nghiệp",
    "Loại giải pháp": "Giải pháp kỹ thuật",
    "Tác giả": `Người Thử ${code}`,
    "Mã tác giả": "",
    "Đồng tác giả": "2",
    ...overrides,
  };
}

/** A fingerprint of every imported table's rows: equal fingerprints, equal data. */
export async function dataChecksum(url: URL): Promise<string> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ sum: string }>(`
      SELECT md5(concat_ws('|',
        (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY id), '')) FROM initiative i),
        (SELECT md5(coalesce(string_agg(d::text, ',' ORDER BY initiative_id), '')) FROM initiative_detail d),
        (SELECT md5(coalesce(string_agg(h::text, ',' ORDER BY initiative_id, changed_at, status_id), '')) FROM initiative_status_change h),
        (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) FROM author a),
        (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s::text), '')) FROM rollup_category_daily s),
        (SELECT md5(coalesce(string_agg(ds::text, ',' ORDER BY id), '')) FROM dataset ds))) AS sum`);
    return rows[0]!.sum;
  } finally {
    await client.end();
  }
}
