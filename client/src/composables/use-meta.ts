import { gql } from "@apollo/client/core";
import { computed, ref, type Ref } from "vue";
import type { Locale } from "@/format/number-format";
import { useApollo } from "./use-apollo";

export interface MemberMeta { code: string; labelVi: string; labelEn: string }
export interface Meta {
  dataVersion: string;
  firstDate: string;
  lastDate: string;
  synthetic: boolean;
  measures: Array<{ name: string; unit: string; labelVi: string; labelEn: string; descriptionVi: string; descriptionEn: string }>;
  dimensions: Array<{ name: string; labelVi: string; labelEn: string; members: MemberMeta[] }>;
}

const META_QUERY = gql`
  query DashboardMeta {
    meta {
      dataVersion firstDate lastDate synthetic
      measures { name unit labelVi labelEn descriptionVi descriptionEn }
      dimensions { name labelVi labelEn members { code labelVi labelEn } }
    }
  }
`;

const meta: Ref<Meta | null> = ref(null);
const error: Ref<string | null> = ref(null);
let loading: Promise<void> | null = null;

/** The catalogue (labels in both languages, the data's first and last day): asked once per page load. */
export function useMeta() {
  const client = useApollo();
  if (!loading) {
    loading = client.query<{ meta: Meta }>({ query: META_QUERY }).then(
      (result) => {
        if (result.data?.meta) meta.value = result.data.meta;
        else error.value = result.errors?.[0]?.message ?? "no catalogue";
      },
      (e: unknown) => {
        error.value = e instanceof Error ? e.message : String(e);
        loading = null;
      },
    );
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
