import clustersJson from "./clusters.json";
import provinces2025Json from "./provinces-2025.json";
import provincesJson from "./provinces.json";
import regionsJson from "./regions.json";
import topUnitsJson from "./top-units.json";

export interface RegionRecord {
  code: string;
  nameVi: string;
  nameEn: string;
  order: number;
}
export interface ProvinceRecord {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  type: "province" | "municipality";
  region: string;
  iso: string;
  population2019: number;
  successor2025: string;
}
export interface Province2025Record {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  type: "province" | "municipality";
  formedFrom: string[];
}
export interface ClusterRecord {
  code: string;
  nameVi: string;
  nameEn: string;
  confirmed: boolean;
}
export type TopUnitKind = "PROVINCIAL_FEDERATION" | "CENTRAL_SECTOR_UNION" | "CORPORATION_UNION";
export interface TopUnitRecord {
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  kind: TopUnitKind;
  cluster: string;
  provinceCode: string;
  confirmed: boolean;
}

export const REGIONS = regionsJson as RegionRecord[];
export const PROVINCES = provincesJson as ProvinceRecord[];
export const PROVINCES_2025 = provinces2025Json as Province2025Record[];
export const CLUSTERS = clustersJson as ClusterRecord[];
export const TOP_UNITS = topUnitsJson as TopUnitRecord[];
