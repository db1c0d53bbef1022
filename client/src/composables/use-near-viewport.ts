import { onBeforeUnmount, onMounted, ref, type Ref } from "vue";

/** How far below (or above) the screen a panel starts loading its chart: about half a phone screen. */
const AHEAD = "400px 0px";

/**
 * Whether an element is on or near the screen (once true, it stays true: a drawn chart is kept),
 * and its inner width, which charts lay themselves out for. Without IntersectionObserver (old
 * browsers, test DOMs) every element counts as near.
 */
export function useNearViewport(element: Ref<HTMLElement | null>): { near: Ref<boolean>; width: Ref<number | undefined> } {
  const near = ref(typeof IntersectionObserver === "undefined");
  const width = ref<number | undefined>(undefined);
  let intersection: IntersectionObserver | undefined;
  let resize: ResizeObserver | undefined;
  onMounted(() => {
    const el = element.value;
    if (!el) return;
    width.value = el.clientWidth || undefined;
    if (!near.value) {
      intersection = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          near.value = true;
          intersection?.disconnect();
        }
      }, { rootMargin: AHEAD });
      intersection.observe(el);
    }
    if (typeof ResizeObserver !== "undefined") {
      // Whole pixels in steps of 8: a scrollbar appearing must not lay every chart out again.
      resize = new ResizeObserver(([entry]) => {
        const w = Math.round((entry?.contentRect.width ?? 0) / 8) * 8;
        if (w && w !== width.value) width.value = w;
      });
      resize.observe(el);
    }
  });
  onBeforeUnmount(() => {
    intersection?.disconnect();
    resize?.disconnect();
  });
  return { near, width };
}
