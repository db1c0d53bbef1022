import { inject, injectable } from "tsyringe";
import type { DataSource } from "typeorm";
import { userError } from "../../common/errors";
import { PRIMARY_DATA_SOURCE } from "../../common/injection-tokens";
import type { RequestContext } from "../../common/request-context";
import { SemanticEngine } from "../../semantic";
import { toRelease, type Release, type ReleaseKind, type Revision, type RevisionReason } from "./releases.types";

/** Releases and their revision logs, as the GraphQL types show them; publication for admins. */
@injectable()
export class ReleasesService {
  constructor(
    @inject(SemanticEngine) private readonly engine: SemanticEngine,
    @inject(PRIMARY_DATA_SOURCE) private readonly writer: DataSource,
  ) {}

  async list(): Promise<Release[]> {
    return (await this.engine.releases()).map((r) => toRelease(r)!);
  }

  async find(id: string): Promise<Release | null> {
    const found = (await this.engine.releases()).find((r) => r.id === id);
    return toRelease(found);
  }

  /** The revisions of `release` (default: the newest release's); every revision with "all". */
  async revisions(release: string | undefined): Promise<Revision[]> {
    const id = release ?? (await this.engine.releases())[0]?.id;
    if (id === undefined) return [];
    if (id !== "all" && !(await this.find(id)))
      throw userError("BAD_USER_INPUT", `Unknown release "${id}": ask \`releases\` for the published ones.`, {
        argument: "release",
      });
    return (await this.engine.revisions(id === "all" ? undefined : id)).map((r) => ({
      ...r,
      reason: r.reason as RevisionReason,
    }));
  }

  async publish(ctx: RequestContext, title: string, note: string | null, kind: ReleaseKind): Promise<Release> {
    if (ctx.role !== "admin") throw userError("FORBIDDEN", "Publishing a release needs an admin token.");
    if (!title.trim()) throw userError("BAD_USER_INPUT", "A release needs a title.", { argument: "title" });
    const release = await this.engine.publish(this.writer, { title: title.trim(), note: note?.trim() || null, kind });
    return toRelease(release)!;
  }
}
