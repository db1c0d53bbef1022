import type { Rng } from "./random";
import type { GrassrootsKindCode } from "./calibration";
export { searchable } from "../../common/searchable-text";

export const GRASSROOTS_KIND_LABEL: Record<GrassrootsKindCode, string> = {
  ENTERPRISE: "Doanh nghiệp",
  SCHOOL: "Trường học",
  HEALTH: "Cơ sở y tế",
  PUBLIC_SERVICE: "Đơn vị sự nghiệp",
  STATE_AGENCY: "Cơ quan",
  COMMUNE: "Xã, phường",
};

// Family names weighted roughly as in Vietnam (Nguyễn about 38%).
const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đinh",
  "Trịnh",
  "Mai",
  "Lương",
];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 4, 2, 4.5, 2.5, 1.5, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 1, 1, 0.8, 0.6];
const MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Trọng", "Anh", "Tiến"];
const MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Hoài", "Mai"];
const GIVEN_MALE = [
  "Anh",
  "Hùng",
  "Dũng",
  "Tuấn",
  "Nam",
  "Hải",
  "Long",
  "Sơn",
  "Thắng",
  "Cường",
  "Trung",
  "Hiếu",
  "Đức",
  "Phong",
  "Khoa",
  "Bình",
  "Quân",
  "Tú",
  "Việt",
  "Thành",
  "Hưng",
  "Lâm",
  "Toàn",
  "Kiên",
];
const GIVEN_FEMALE = [
  "Lan",
  "Hương",
  "Hoa",
  "Mai",
  "Linh",
  "Trang",
  "Thảo",
  "Hà",
  "Nga",
  "Huyền",
  "Hằng",
  "Yến",
  "Phương",
  "Thủy",
  "Dung",
  "Ngọc",
  "Vân",
  "Loan",
  "Hạnh",
  "Oanh",
  "Nhung",
  "Quỳnh",
  "Giang",
  "Hiền",
];

/** A synthetic but plausible Vietnamese full name. */
export function personName(rng: Rng): string {
  const family = FAMILY[rng.pick(FAMILY_WEIGHTS)]!;
  const female = rng.next() < 0.5;
  const middle = female ? MIDDLE_FEMALE[rng.int(MIDDLE_FEMALE.length)]! : MIDDLE_MALE[rng.int(MIDDLE_MALE.length)]!;
  const given = female ? GIVEN_FEMALE[rng.int(GIVEN_FEMALE.length)]! : GIVEN_MALE[rng.int(GIVEN_MALE.length)]!;
  return `${family} ${middle} ${given}`;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
