import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

/**
 * Writes the loaded demo dataset as a portal export would look (Vietnamese headers and labels,
 * dd/mm/yyyy HH:mm:ss in Vietnam time, amounts as "1.234.567 đ", UTF-8 with BOM): input for the
 * import benchmark and the tests. Names are the generator's synthetic ones; no real person is in it.
 * `limit` takes the first rows by id; `codePrefix` keeps portal codes of two exports apart.
 */
export async function writeDemoExport(
  url: URL,
  file: string,
  options: { limit?: number; codePrefix?: string } = {},
): Promise<number> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const out = fs.createWriteStream(file);
    out.write("\uFEFF");
    const local = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS')`;
    const copy = client.query(
      copyTo(`COPY (
      SELECT $$${options.codePrefix ?? "SK"}$$ || lpad(i.id::text, 8, '0') AS "Mã sáng kiến",
             'Sáng kiến ' || f.name_vi || ' số ' || i.id AS "Tên sáng kiến",
             f.name_vi AS "Lĩnh vực",
             u.code AS "Đơn vị",
             ${local("i.submitted_at")} AS "Ngày nộp",
             s.name_vi AS "Trạng thái",
             ${local("i.decided_at")} AS "Ngày duyệt",
             CASE WHEN i.benefit_vnd IS NULL THEN '' ELSE replace(to_char(i.benefit_vnd, 'FM999,999,999,999,999'), ',', '.') || ' đ' END
               AS "Giá trị làm lợi (đồng)",
             w.name_vi AS "Khối",
             t.name_vi AS "Loại giải pháp",
             a.full_name AS "Tác giả",
             a.member_code AS "Mã tác giả",
             i.co_authors AS "Đồng tác giả"
        FROM initiative i
        JOIN unit u ON u.id = i.grassroots_unit_id
        JOIN author a ON a.id = i.lead_author_id
        JOIN initiative_field f ON f.id = i.field_id
        JOIN initiative_status s ON s.id = i.status_id
        JOIN worker_category w ON w.id = i.worker_category_id
        JOIN solution_type t ON t.id = i.solution_type_id
       ORDER BY i.id ${options.limit ? `LIMIT ${Math.floor(options.limit)}` : ""}
    ) TO STDOUT WITH (FORMAT csv, HEADER true)`),
    );
    await pipeline(copy, out);
    const { rows } = await client.query<{ n: number }>(`SELECT least(count(*), $1)::int AS n FROM initiative`, [
      options.limit ?? 2 ** 31 - 1,
    ]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}
