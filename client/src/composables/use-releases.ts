import { ref, type Ref } from "vue";
import type { Release, Revision } from "@/graphql/result-types";
import { RELEASES_IN_SCHEMA } from "@/graphql/release-scope";
import { useGraphQLClient } from "./use-graphql-client";

const releases: Ref<Release[] | null> = ref(null);
const error: Ref<string | null> = ref(null);
let loading: Promise<void> | null = null;
const revisionsByRelease = new Map<string, Ref<Revision[]>>();

/**
 * The published releases, newest first, asked once per page load: the newest is what the public
 * reads by default (the API's rule), so a figure without `?release=` still says which release it is.
 */
export function useReleases() {
  const client = useGraphQLClient();
  if (!loading && RELEASES_IN_SCHEMA) {
    loading = client.ask("DashboardReleases", [{ alias: "releases", field: "releases", args: {} }]).then((result) => {
      if (result.data?.releases) {
        releases.value = result.data.releases as Release[];
        error.value = null;
        return;
      }
      error.value = result.errors[0]?.message ?? "no releases";
      loading = null;
    });
  }
  /** The revision log of one release (the figures it changed from the release before), asked once. */
  function revisionsOf(release: string): Ref<Revision[]> {
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
