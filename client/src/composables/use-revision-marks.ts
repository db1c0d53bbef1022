import { computed, type ComputedRef } from "vue";

/**
 * "Đã điều chỉnh" lines for a panel: the figures of its scope (national, topUnit, province,
 * workerCategory, field) that the revision log lists for the release shown, old → new.
 * Needs the API's `revisions` (the releases contract): until the schema has it, there is nothing to mark.
 */
export function useRevisionMarks(
  _scope: () => string | undefined,
  _release: () => string | undefined,
): ComputedRef<string[]> {
  return computed(() => []);
}
