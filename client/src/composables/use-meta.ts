import { computed, ref, type Ref } from "vue";
import type { Locale } from "@/format/number-format";
import { noteDefaultRead } from "@/graphql/first-answer";
import type { MemberMeta, Meta, Release, Revision } from "@/graphql/result-types";
import { RELEASES_IN_SCHEMA } from "@/graphql/release-scope";
import { useGraphQLClient } from "./use-graphql-client";

const meta: Ref<Meta | null> = ref(null);
const error: Ref<string | null> = ref(null);
/** The published releases, newest first: asked with the catalogue, so a page still makes one request besides its own. */
export const releases: Ref<Release[] | null> = ref(null);
/** The newest release's revision log (the API's default), asked with them: its marks need no request of their own. */
export const newestRevisions: Ref<Revision[]> = ref([]);
let loading: Promise<void> | null = null;

/** The catalogue (labels in both languages, the data's first and last day): asked once per page load. */
export function useMeta() {
  const client = useGraphQLClient();
  if (!loading) {
    const fields = [
      { alias: "meta", field: "meta", args: {} } as const,
      ...(RELEASES_IN_SCHEMA
        ? [
            { alias: "releases", field: "releases", args: {} } as const,
            { alias: "revisions", field: "revisions", args: {} } as const,
          ]
        : []),
    ];
    loading = client.ask("DashboardMeta", fields).then((result) => {
      if (result.data?.meta) {
        meta.value = result.data.meta as Meta;
        releases.value = (result.data.releases as Release[] | undefined) ?? [];
        newestRevisions.value = (result.data.revisions as Revision[] | undefined) ?? [];
        error.value = null;
        // The public's default answers come from the newest release (the live data before the first one).
        const newest = releases.value[0];
        noteDefaultRead(
          newest
            ? { dataVersion: newest.dataVersion, release: newest.id }
            : { dataVersion: meta.value.dataVersion, release: null },
        );
        return;
      }
      error.value = result.errors[0]?.message ?? "no catalogue";
      loading = null; // the next view that needs the catalogue asks again
    });
  }
  const members = computed(() => {
    const index = new Map<string, MemberMeta>();
    for (const dimension of meta.value?.dimensions ?? []) {
      for (const member of dimension.members) index.set(`${dimension.name}|${member.code}`, member);
    }
    return index;
  });
  function label(locale: Locale, dimension: string, code: string, fallback?: string): string {
    const member = members.value.get(`${dimension}|${code}`);
    if (member) return locale === "vi" ? member.labelVi : member.labelEn;
    return fallback ?? code;
  }
  return { meta, error, label };
}
