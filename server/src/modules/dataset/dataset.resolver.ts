import { Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import { DatasetService } from "./dataset.service";
import { DatasetInfo } from "./dataset.types";

@injectable()
@Resolver()
export class DatasetResolver {
  constructor(@inject(DatasetService) private readonly service: DatasetService) {}

  @Query(() => DatasetInfo, {
    nullable: true,
    description: "The loaded dataset: demo or imported, and its data version",
  })
  dataset(): Promise<DatasetInfo | null> {
    return this.service.current();
  }
}
