import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { ReleasesService } from "./releases.service";
import { Release, ReleaseKind, Revision } from "./releases.types";

@injectable()
@Resolver()
export class ReleasesResolver {
  constructor(@inject(ReleasesService) private readonly service: ReleasesService) {}

  @Query(() => [Release], { description: "Published releases, newest first" })
  releases(): Promise<Release[]> {
    return this.service.list();
  }

  @Query(() => Release, { nullable: true, description: "One published release, or null" })
  release(@Arg("id", () => ID) id: string): Promise<Release | null> {
    return this.service.find(id);
  }

  @Query(() => [Revision], {
    description:
      'The figures a release changed from the one before it (default: the newest release; "all": every release, newest first)',
  })
  revisions(@Arg("release", () => ID, { nullable: true }) release?: string): Promise<Revision[]> {
    return this.service.revisions(release);
  }

  @Mutation(() => Release, {
    description: "Publishes a release pinning the live data version, with its revision log (admin token only)",
  })
  publishRelease(
    @Ctx() ctx: RequestContext,
    @Arg("title", () => String) title: string,
    @Arg("kind", () => ReleaseKind) kind: ReleaseKind,
    @Arg("note", () => String, { nullable: true }) note?: string,
  ): Promise<Release> {
    return this.service.publish(ctx, title, note ?? null, kind);
  }
}
