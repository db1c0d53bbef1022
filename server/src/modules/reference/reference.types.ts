import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A province in force 2021–2023 (63), keyed by its GSO code" })
export class ProvinceInfo {
  @Field(() => String, { description: "GSO code, two digits (01 = Hà Nội)" }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String, { description: "province or municipality (thành phố trực thuộc trung ương)" }) type!: string;
  @Field(() => String, { description: "Socio-economic region of Resolution 81/2023/QH15" }) regionCode!: string;
  @Field(() => String, { description: "ISO 3166-2 code" }) isoCode!: string;
  @Field(() => Int) population2019!: number;
  @Field(() => String, { description: "Code of the province it belongs to since 1/7/2025 (34 provinces)" })
  successor2025Code!: string;
}

@ObjectType({ description: "One of the 83 units directly under the confederation" })
export class TopUnitInfo {
  @Field(() => Int) id!: number;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "PROVINCIAL_FEDERATION, CENTRAL_SECTOR_UNION or CORPORATION_UNION" })
  kind!: string;
  @Field(() => String, { nullable: true }) provinceCode!: string | null;
  @Field(() => String, { nullable: true, description: "Emulation cluster (cụm, khối thi đua)" }) clusterCode!:
    string | null;
}

@ObjectType({ description: "A unit found by name or code, with where it sits" })
export class UnitHit {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) kind!: string;
  @Field(() => Int, { description: "0 confederation, 1 top-level, 2 intermediate, 3 grassroots" }) tier!: number;
  @Field(() => String, {
    nullable: true,
    description: "Name of its top-level unit (none for the confederation and top-level units)",
  })
  topUnitName!: string | null;
}
