import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../common/request-context";
import { DatasetService } from "./dataset.service";
import { DatasetInfo } from "./dataset.types";

@Resolver()
export class DatasetResolver {
  private readonly service = new DatasetService();

  @Query(() => DatasetInfo, { nullable: true, description: "The loaded dataset: demo or imported, and its data version" })
  dataset(@Ctx() ctx: RequestContext): Promise<DatasetInfo | null> {
    return this.service.current(ctx);
  }
}
