/** The first tab a newcomer sees: what "as of" means, in both languages, and a query to run. */
export const DEFAULT_QUERY = `# 01 triệu sáng kiến — GraphQL API
#
# Mốc "tính đến" (asOf): một ngày nghĩa là hết 24h ngày đó, giờ Việt Nam.
#   asOf: "2022-05-31" = mọi sáng kiến nộp trước 00:00 ngày 1/6/2022 (+07:00).
#   Sáng kiến chỉ tính là hợp lệ khi đã được công nhận trước mốc đó.
#   Không ghi asOf: tính đến hết dữ liệu.
# As of: a date means 24h of that day, Vietnam time.
#   asOf: "2022-05-31" = everything before 2022-06-01 00:00+07:00.
#   An initiative counts as valid only once judged valid before that instant.
#   No asOf: the end of the data.
#
# Ctrl+Enter: chạy / run. Các tab và nút "Ví dụ" bên trái: truy vấn mẫu / example queries.
# Nút sách bên trái: tài liệu của schema / the schema's documentation.
query PhaseOneAsOf {
  analytics(query: { measures: [submissions, valid, benefitVnd], dimensions: [workerCategory], asOf: "2022-05-31" }) {
    asOfDate
    synthetic
    totals { measure value }
    rows { dimensions { code label } values { measure value } }
  }
}
`;
