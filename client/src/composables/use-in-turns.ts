import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from "vue";
import { listenForFirstMove, onPhone, printing, readerMoved } from "./reader-moved";

/**
 * A long list's first items at once, the rest a few a turn, each turn in a task of its own after the
 * browser has painted the one before. On Lighthouse's phone profile (four times a laptop's time) the
 * targets table's 83 rows in one go were a render of 160–210 ms and a layout and paint of 240 ms (most
 * of it shaping the text of ~900 cells the first time), and the overview's seven panels a first render
 * of 600 ms with the page around them: in turns each task stays near the 50 ms that counts as blocking,
 * and the first screen is drawn sooner. Items are added below the ones shown, so nothing on screen moves.
 * Only the first fill comes in turns: once every item is shown, a sorted, filtered or new list is shown whole.
 * `filling` is true while items are still to come (the page marks it with data-filling, which tests wait for).
 * `phoneWaitsForReader`: below 600 px the items after the first wait for the reader's first move (scroll,
 * touch, key), as the charts below a page's figures do (reader-moved.ts): the first items fill more than a
 * phone's screen, and a reader who stops there never lays the rest out.
 */
export function useInTurns<T>(
  items: Ref<T[]> | ComputedRef<T[]>,
  { first, perTurn, phoneWaitsForReader = false }: { first: number; perTurn: number; phoneWaitsForReader?: boolean },
): { shown: ComputedRef<T[]>; filling: ComputedRef<boolean> } {
  // `?print` in the address, or printing: everything at once (a printout has no turns to wait for).
  const limit = ref(printing() ? Infinity : first);
  const showAll = () => (limit.value = Infinity);
  window.addEventListener("beforeprint", showAll);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  const nextTurn = () => {
    // After the next frame (the items just added laid out and painted), in a task of its own.
    frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        limit.value += perTurn;
        if (limit.value < items.value.length) nextTurn();
        else limit.value = Infinity;
      }, 0);
    });
  };
  const waits = phoneWaitsForReader && onPhone();
  if (waits) listenForFirstMove();
  const stop = watch(
    [() => items.value.length, readerMoved],
    ([length]) => {
      if (length > limit.value && frame === undefined && (!waits || readerMoved.value)) nextTurn();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    window.removeEventListener("beforeprint", showAll);
    stop();
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  });
  return {
    shown: computed(() => (items.value.length > limit.value ? items.value.slice(0, limit.value) : items.value)),
    filling: computed(() => items.value.length > limit.value),
  };
}
