/**
 * Catalogues of the programme: the codes stored in the fact table, with their labels.
 * The ids are stable: they are what the initiative table stores.
 */
export interface CatalogueEntry {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
}

/** VGCL's four-way split of submitters (facts §2.2). */
export const WORKER_CATEGORIES = [
  { id: 1, code: "PUBLIC_SERVICE", nameVi: "Đơn vị sự nghiệp", nameEn: "Public service units" },
  { id: 2, code: "ENTERPRISE", nameVi: "Khu vực doanh nghiệp", nameEn: "Enterprises" },
  { id: 3, code: "UNION_CADRE", nameVi: "Cán bộ công đoàn", nameEn: "Union officers" },
  {
    id: 4,
    code: "PARTY_STATE",
    nameVi: "Cơ quan Đảng, Nhà nước, Mặt trận Tổ quốc, đoàn thể",
    nameEn: "Party, State, Fatherland Front and mass organisations",
  },
] as const satisfies readonly CatalogueEntry[];

/** Decree 13/2012 Art. 3 types, plus the research topics and the two kinds named in the Hải Phòng guidance. */
export const SOLUTION_TYPES = [
  { id: 1, code: "TECHNICAL", nameVi: "Giải pháp kỹ thuật", nameEn: "Technical solution" },
  { id: 2, code: "MANAGEMENT", nameVi: "Giải pháp quản lý", nameEn: "Management solution" },
  { id: 3, code: "OPERATIONAL", nameVi: "Giải pháp tác nghiệp", nameEn: "Operational solution" },
  {
    id: 4,
    code: "TECH_PROGRESS_APPLICATION",
    nameVi: "Giải pháp ứng dụng tiến bộ kỹ thuật",
    nameEn: "Application of technical progress",
  },
  { id: 5, code: "RESEARCH_TOPIC", nameVi: "Đề tài nghiên cứu khoa học", nameEn: "Scientific research topic" },
  { id: 6, code: "UNION_ACTIVITY", nameVi: "Giải pháp hoạt động công đoàn", nameEn: "Union activity solution" },
  {
    id: 7,
    code: "COVID_PREVENTION",
    nameVi: "Giải pháp phòng chống dịch COVID-19",
    nameEn: "COVID-19 prevention solution",
  },
] as const satisfies readonly CatalogueEntry[];

/** Lĩnh vực: the domains the programme family used (facts §3), with "vì cộng đồng" split into education and health. */
export const FIELDS = [
  { id: 1, code: "PRODUCTION_BUSINESS", nameVi: "Sản xuất, kinh doanh", nameEn: "Production and business" },
  {
    id: 2,
    code: "SAFETY_ENVIRONMENT",
    nameVi: "An toàn vệ sinh lao động, bảo vệ môi trường",
    nameEn: "Occupational safety and environment",
  },
  { id: 3, code: "ADMINISTRATIVE_REFORM", nameVi: "Cải cách hành chính", nameEn: "Administrative reform" },
  {
    id: 4,
    code: "POLITICAL_SYSTEM",
    nameVi: "Xây dựng Đảng, Nhà nước, hệ thống chính trị",
    nameEn: "Building the Party, State and political system",
  },
  { id: 5, code: "MANAGEMENT", nameVi: "Quản lý, điều hành", nameEn: "Management" },
  { id: 6, code: "UNION_ACTIVITY", nameVi: "Hoạt động công đoàn", nameEn: "Union activity" },
  { id: 7, code: "EDUCATION", nameVi: "Giáo dục", nameEn: "Education" },
  { id: 8, code: "HEALTH", nameVi: "Y tế", nameEn: "Health" },
  {
    id: 9,
    code: "SCIENCE_DIGITAL",
    nameVi: "Khoa học, công nghệ, chuyển đổi số",
    nameEn: "Science, technology and digital transformation",
  },
  { id: 10, code: "COVID_PREVENTION", nameVi: "Phòng, chống dịch COVID-19", nameEn: "COVID-19 prevention" },
  { id: 11, code: "OTHER", nameVi: "Lĩnh vực khác", nameEn: "Other" },
] as const satisfies readonly CatalogueEntry[];

/** The portal showed "hợp lệ" and "đang được tổ chức công đoàn xem xét" (facts §3). */
export const STATUSES = [
  { id: 1, code: "PENDING", nameVi: "Đang xem xét", nameEn: "Pending review" },
  { id: 2, code: "VALID", nameVi: "Hợp lệ", nameEn: "Valid" },
  { id: 3, code: "INVALID", nameVi: "Không hợp lệ", nameEn: "Invalid" },
] as const satisfies readonly CatalogueEntry[];

export const STATUS_ID = { PENDING: 1, VALID: 2, INVALID: 3 } as const;

export interface PhaseDefinition {
  id: 1 | 2;
  nameVi: string;
  nameEn: string;
  /** Initiatives put into application in this window are eligible (inclusive dates). */
  appliesFrom: string;
  appliesUntil: string;
  /** The portal accepted uploads from opensAt (inclusive) to closesAt (exclusive), Vietnam time. */
  portalOpensAt: string;
  portalClosesAt: string;
}

export const PHASES: readonly PhaseDefinition[] = [
  {
    id: 1,
    nameVi: "Giai đoạn 1",
    nameEn: "Phase 1",
    appliesFrom: "2021-09-01",
    appliesUntil: "2022-05-31",
    portalOpensAt: "2022-01-08T00:00:00+07:00",
    portalClosesAt: "2022-06-01T00:00:00+07:00",
  },
  {
    id: 2,
    nameVi: "Giai đoạn 2",
    nameEn: "Phase 2",
    appliesFrom: "2022-06-01",
    appliesUntil: "2023-09-01",
    portalOpensAt: "2022-06-01T00:00:00+07:00",
    portalClosesAt: "2023-09-02T00:00:00+07:00",
  },
];
