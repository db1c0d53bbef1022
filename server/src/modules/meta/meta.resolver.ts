import { Query, Resolver } from "type-graphql";
import type { CatalogueName } from "../../semantic/catalogue";
import type { DataStateCache } from "../../semantic/data-state";
import { vietnamDateOf } from "../../semantic/query/dates";
import { REGISTRY } from "../../semantic/registry/registry";
import { Meta } from "./meta.types";

@Resolver()
export class MetaResolver {
  constructor(private readonly state: DataStateCache) {}

  @Query(() => Meta, { description: "Measures, dimensions and their members with labels in Vietnamese and English" })
  async meta(): Promise<Meta> {
    const data = await this.state.current();
    return {
      measures: REGISTRY.publicMeasures.map((name) => {
        const m = REGISTRY.measures.get(name)!;
        return { name, labelVi: m.labelVi, labelEn: m.labelEn, descriptionVi: m.descriptionVi, descriptionEn: m.descriptionEn, unit: m.unit, additivity: m.additivity };
      }),
      dimensions: [...REGISTRY.dimensions.values()].map((d) => ({
        name: d.name, labelVi: d.labelVi, labelEn: d.labelEn, descriptionVi: d.descriptionVi, descriptionEn: d.descriptionEn,
        members: d.catalogue === "unit" ? [] : data.catalogue[d.catalogue as CatalogueName].map(({ code, labelVi, labelEn }) => ({ code, labelVi, labelEn })),
      })),
      rollups: REGISTRY.rollups.map((r) => ({ name: r.name, grain: r.grain, columns: r.columns })),
      dataVersion: data.dataVersion,
      synthetic: data.synthetic,
      firstDate: vietnamDateOf(data.dataStart),
      lastDate: vietnamDateOf(data.dataEnd - 1),
    };
  }
}
