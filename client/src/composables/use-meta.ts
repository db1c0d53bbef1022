import { computed, ref, type Ref } from "vue";
import type { Locale } from "@/format/number-format";
import { noteDataVersion } from "@/graphql/first-answer";
import type { MemberMeta, Meta } from "@/graphql/result-types";
import { useGraphQLClient } from "./use-graphql-client";

const meta: Ref<Meta | null> = ref(null);
const error: Ref<string | null> = ref(null);
let loading: Promise<void> | null = null;

/** The catalogue (labels in both languages, the data's first and last day): asked once per page load. */
export function useMeta() {
  const client = useGraphQLClient();
  if (!loading) {
    loading = client.ask("DashboardMeta", [{ alias: "meta", field: "meta", args: {} }]).then((result) => {
      if (result.data?.meta) {
        meta.value = result.data.meta as Meta;
        error.value = null;
        noteDataVersion(meta.value.dataVersion);
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
