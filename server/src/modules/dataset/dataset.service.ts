import { inject, injectable } from "tsyringe";
import { SemanticEngine } from "../../semantic";
import type { DatasetInfo } from "./dataset.types";

@injectable()
export class DatasetService {
  constructor(@inject(SemanticEngine) private readonly engine: SemanticEngine) {}

  /** The dataset the figures come from; null until a load has committed. */
  async current(): Promise<DatasetInfo | null> {
    const row = await this.engine.loadedDataset();
    return row && { ...row, synthetic: row.kind === "demo" };
  }
}
