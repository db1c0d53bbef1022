import { Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import { MetaService } from "./meta.service";
import { Meta } from "./meta.types";

@injectable()
@Resolver()
export class MetaResolver {
  constructor(@inject(MetaService) private readonly service: MetaService) {}

  @Query(() => Meta, { description: "Measures, dimensions and their members with labels in Vietnamese and English" })
  meta(): Promise<Meta> {
    return this.service.describe();
  }
}
