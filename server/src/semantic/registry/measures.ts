import { RECORD_KEY_MEASURES } from "../privacy/record-key";

/**
 * Measures of the semantic layer. Event measures count initiatives' events (a submission, a
 * decision) before the as-of instant; attribute measures come from units and targets; the others
 * are computed from those, from exact sums so they add up everywhere: ratios, and differences.
 */
export type MeasureUnit = "count" | "vnd" | "percent" | "ratio";

/** How a measure combines across rows: summable, a distinct count, or computed from other measures. */
export type Additivity = "additive" | "distinct" | "derived" | "attribute";

/** An event in an initiative's life: its submission, or the decision that it is valid or invalid. */
export type EventKind = "submission" | "valid" | "invalid";

export interface MeasureDefinition {
  name: string;
  labelVi: string;
  labelEn: string;
  descriptionVi: string;
  descriptionEn: string;
  unit: MeasureUnit;
  additivity: Additivity;
  /** For event measures: which events they count, and what (rows, benefit, priced rows). */
  event?: { kinds: EventKind[]; value: "count" | "benefit" | "priced" | "key" };
  /** For derived measures: numerator / denominator (× scale), by measure name. */
  ratio?: { numerator: string; denominator: string; scale: number };
  /**
   * Computed from other measures as the first minus the others, by measure name: never fetched
   * itself, and as summable as its parts (a share of total is defined for it).
   */
  difference?: [string, ...string[]];
  /** For attribute measures: which rows they sum, and how a breakdown applies to them. */
  attribute?: AttributeDefinition;
  /** How a column shows it (integer, vnd, percent, decimal); default from its unit. */
  format?: string;
  /** Shown to users? Helper measures (e.g. pricedValid) are not in the catalogue. */
  internal?: boolean;
}

/**
 * The rows attribute measures sum: the grassroots unions' members, or the targets units
 * registered. A dimension says how it keys each (DimensionDefinition.attributeSql); one without
 * a key for them cannot break such a measure down or filter it.
 */
export type AttributeRows = "unions" | "targets";

export interface AttributeDefinition {
  rows: AttributeRows;
  /** Dimensions the figure does not vary by: filtered or broken down by them, it stays the same (members in every phase). */
  sameAcross?: string[];
  /** No row in scope (no union, no registered target) is no figure, null, rather than 0. */
  nullWithoutRows: boolean;
}

export const MEASURES: MeasureDefinition[] = [
  {
    name: "submissions",
    labelVi: "Lượt nộp",
    labelEn: "Submissions",
    unit: "count",
    additivity: "additive",
    descriptionVi: "Số sáng kiến đã nộp trước thời điểm tính",
    descriptionEn: "Initiatives submitted before the as-of instant",
    event: { kinds: ["submission"], value: "count" },
  },
  {
    name: "valid",
    labelVi: "Hợp lệ",
    labelEn: "Valid",
    unit: "count",
    additivity: "additive",
    descriptionVi: "Số sáng kiến được công nhận hợp lệ trước thời điểm tính",
    descriptionEn: "Initiatives judged valid before the as-of instant",
    event: { kinds: ["valid"], value: "count" },
  },
  {
    name: "invalid",
    labelVi: "Không hợp lệ",
    labelEn: "Invalid",
    unit: "count",
    additivity: "additive",
    descriptionVi: "Số sáng kiến bị đánh giá không hợp lệ trước thời điểm tính",
    descriptionEn: "Initiatives judged invalid before the as-of instant",
    event: { kinds: ["invalid"], value: "count" },
  },
  {
    name: "pending",
    labelVi: "Đang xem xét",
    labelEn: "Pending review",
    unit: "count",
    additivity: "additive",
    descriptionVi: "Đã nộp nhưng chưa được xét tại thời điểm tính (lượt nộp − hợp lệ − không hợp lệ)",
    descriptionEn: "Submitted but not yet judged at the as-of instant (submissions − valid − invalid)",
    difference: ["submissions", "valid", "invalid"],
  },
  {
    name: "benefitVnd",
    labelVi: "Giá trị làm lợi (đồng)",
    labelEn: "Benefit (VND)",
    unit: "vnd",
    additivity: "additive",
    descriptionVi: "Tổng giá trị làm lợi mỗi năm của các sáng kiến hợp lệ",
    descriptionEn: "Yearly monetised benefit of valid initiatives, summed",
    event: { kinds: ["valid"], value: "benefit" },
  },
  {
    name: "pricedValid",
    labelVi: "Hợp lệ có giá trị làm lợi",
    labelEn: "Valid with a benefit figure",
    unit: "count",
    additivity: "additive",
    internal: true,
    descriptionVi: "Sáng kiến hợp lệ có tính được giá trị làm lợi",
    descriptionEn: "Valid initiatives that have a monetary figure",
    event: { kinds: ["valid"], value: "priced" },
  },
  {
    name: "submitters",
    labelVi: "Người nộp",
    labelEn: "Submitters",
    unit: "count",
    additivity: "distinct",
    descriptionVi: "Số tác giả chính khác nhau đã nộp sáng kiến",
    descriptionEn: "Distinct lead authors who submitted",
    event: { kinds: ["submission"], value: "count" },
  },
  {
    name: "members",
    labelVi: "Đoàn viên",
    labelEn: "Union members",
    unit: "count",
    additivity: "attribute",
    descriptionVi: "Số đoàn viên của các công đoàn cơ sở trong phạm vi",
    descriptionEn: "Members of the grassroots unions in scope",
    attribute: { rows: "unions", sameAcross: ["phase"], nullWithoutRows: true },
  },
  {
    name: "target",
    labelVi: "Chỉ tiêu",
    labelEn: "Target",
    unit: "count",
    additivity: "attribute",
    descriptionVi: "Chỉ tiêu số sáng kiến đã đăng ký",
    descriptionEn: "Registered target number of initiatives",
    attribute: { rows: "targets", nullWithoutRows: true },
  },
  {
    name: "validRate",
    labelVi: "Tỷ lệ hợp lệ",
    labelEn: "Valid rate",
    unit: "percent",
    additivity: "derived",
    descriptionVi: "Hợp lệ / lượt nộp",
    descriptionEn: "Valid / submissions",
    ratio: { numerator: "valid", denominator: "submissions", scale: 100 },
  },
  {
    name: "averageBenefitVnd",
    labelVi: "Giá trị làm lợi bình quân (đồng)",
    labelEn: "Average benefit (VND)",
    unit: "vnd",
    additivity: "derived",
    descriptionVi: "Giá trị làm lợi bình quân của sáng kiến hợp lệ có tính được giá trị",
    descriptionEn: "Average benefit of valid initiatives that have a monetary figure",
    ratio: { numerator: "benefitVnd", denominator: "pricedValid", scale: 1 },
  },
  {
    name: "participationRate",
    labelVi: "Tỷ lệ tham gia",
    labelEn: "Participation rate",
    unit: "percent",
    additivity: "derived",
    descriptionVi: "Người nộp / đoàn viên",
    descriptionEn: "Submitters / union members",
    ratio: { numerator: "submitters", denominator: "members", scale: 100 },
  },
  {
    name: "targetAttainment",
    labelVi: "Tỷ lệ đạt chỉ tiêu",
    labelEn: "Target attainment",
    unit: "percent",
    additivity: "derived",
    descriptionVi: "Sáng kiến hợp lệ / chỉ tiêu (cách chương trình đo)",
    descriptionEn: "Valid initiatives / target, as the programme measured it",
    ratio: { numerator: "valid", denominator: "target", scale: 100 },
  },
  {
    name: "submissionsPerThousandMembers",
    labelVi: "Lượt nộp trên 1.000 đoàn viên",
    labelEn: "Submissions per 1,000 members",
    unit: "ratio",
    additivity: "derived",
    descriptionVi: "Lượt nộp × 1.000 / đoàn viên",
    descriptionEn: "Submissions × 1,000 / members",
    ratio: { numerator: "submissions", denominator: "members", scale: 1000 },
  },
  // Internal: sums of record keys for the cell key method (semantic/privacy), base table only.
  ...RECORD_KEY_MEASURES,
];
