import { computed, type ComputedRef } from "vue";
import { useRoute, useRouter } from "vue-router";
import { parseState, toQuery, type DashboardState } from "@/state/dashboard-state";

export interface DashboardStateHandle {
  state: ComputedRef<DashboardState>;
  /** Change shared settings (a new history entry, so Back undoes it). */
  update(change: Partial<Omit<DashboardState, "options">>): void;
  /** Change one chart setting; the default value is removed from the URL. */
  setOption(key: string, value: string | undefined): void;
  /** Change several settings in one history entry. */
  setOptions(changes: Record<string, string | undefined>): void;
}

export function useDashboardState(): DashboardStateHandle {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseState(route.query));
  const setOptions = (changes: Record<string, string | undefined>) => {
    const options = { ...state.value.options };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete options[key];
      else options[key] = value;
    }
    void router.push({ query: toQuery({ ...state.value, options }) });
  };
  return {
    state,
    update: (change) => void router.push({ query: toQuery({ ...state.value, ...change }) }),
    setOption: (key, value) => setOptions({ [key]: value }),
    setOptions,
  };
}
