import { registerEnumType } from "type-graphql";
import { REGISTRY } from "../../semantic";

/** GraphQL enums generated from the registry: adding a measure or dimension there adds it here. */
export const Measure = Object.fromEntries(REGISTRY.publicMeasures.map((m) => [m, m])) as Record<string, string>;
export const Dimension = Object.fromEntries([...REGISTRY.dimensions.keys()].map((d) => [d, d])) as Record<
  string,
  string
>;

export enum FilterOperator {
  EQUALS = "EQUALS",
  IN = "IN",
  NOT_IN = "NOT_IN",
}
export enum Granularity {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}
export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
export enum Locale {
  vi = "vi",
  en = "en",
}

registerEnumType(Measure, {
  name: "Measure",
  description: "A measure of the semantic layer (see `meta` for labels, units and descriptions)",
  valuesConfig: Object.fromEntries(
    REGISTRY.publicMeasures.map((m) => [m, { description: REGISTRY.measures.get(m)!.descriptionEn }]),
  ),
});
registerEnumType(Dimension, {
  name: "Dimension",
  description: "A dimension of the semantic layer (see `meta` for its members)",
  valuesConfig: Object.fromEntries(
    [...REGISTRY.dimensions.values()].map((d) => [d.name, { description: d.descriptionEn }]),
  ),
});
registerEnumType(FilterOperator, { name: "FilterOperator" });
registerEnumType(Granularity, {
  name: "Granularity",
  description: "Time buckets in Vietnam time; weeks start on Monday",
});
registerEnumType(SortDirection, { name: "SortDirection" });
registerEnumType(Locale, { name: "Locale", description: "Language of labels: Vietnamese (default) or English" });
