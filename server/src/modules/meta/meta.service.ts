import { inject, injectable } from "tsyringe";
import { SemanticEngine, vietnamDateOf, type CatalogueName } from "../../semantic";
import type { Meta } from "./meta.types";

/** The semantic layer described for clients: its measures, dimensions with their members, rollups and data dates. */
@injectable()
export class MetaService {
  constructor(@inject(SemanticEngine) private readonly engine: SemanticEngine) {}

  async describe(): Promise<Meta> {
    const { registry } = this.engine;
    const data = await this.engine.current();
    return {
      measures: registry.publicMeasures.map((name) => {
        const m = registry.measures.get(name)!;
        return {
          name,
          labelVi: m.labelVi,
          labelEn: m.labelEn,
          descriptionVi: m.descriptionVi,
          descriptionEn: m.descriptionEn,
          unit: m.unit,
          additivity: m.additivity,
        };
      }),
      dimensions: [...registry.dimensions.values()].map((d) => ({
        name: d.name,
        labelVi: d.labelVi,
        labelEn: d.labelEn,
        descriptionVi: d.descriptionVi,
        descriptionEn: d.descriptionEn,
        members:
          d.catalogue === "unit"
            ? []
            : data.catalogue[d.catalogue as CatalogueName].map(({ code, labelVi, labelEn }) => ({
                code,
                labelVi,
                labelEn,
              })),
      })),
      rollups: registry.rollups.map((r) => ({ name: r.name, grain: r.grain, columns: r.columns })),
      dataVersion: data.dataVersion,
      synthetic: data.synthetic,
      firstDate: vietnamDateOf(data.dataStart),
      lastDate: vietnamDateOf(data.dataEnd - 1),
    };
  }
}
