import { ref, type Ref } from "vue";
import type { Revision } from "@/graphql/result-types";
import { useGraphQLClient } from "./use-graphql-client";
import { newestRevisions, releases, useMeta } from "./use-meta";

const revisionsByRelease = new Map<string, Ref<Revision[]>>();

/**
 * The published releases, newest first, asked once per page load: the newest is what the public
 * reads by default (the API's rule), so a figure without `?release=` still says which release it is.
 */
export function useReleases() {
  const client = useGraphQLClient();
  const { error } = useMeta(); // the releases come with the catalogue
  /** The revision log of one release (the figures it changed from the release before), asked once. */
  function revisionsOf(release: string): Ref<Revision[]> {
    if (release === releases.value?.[0]?.id) return newestRevisions;
    let log = revisionsByRelease.get(release);
    if (!log) {
      const entries: Ref<Revision[]> = ref([]);
      revisionsByRelease.set(release, entries);
      void client
        .ask("ReleaseRevisions", [{ alias: "revisions", field: "revisions", args: { release } }])
        .then((result) => (entries.value = (result.data?.revisions as Revision[] | undefined) ?? []));
      log = entries;
    }
    return log;
  }
  return { releases, error, revisionsOf };
}
