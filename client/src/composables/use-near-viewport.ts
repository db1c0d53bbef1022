import { onBeforeUnmount, onMounted, ref, type Ref } from "vue";

/** How far below (or above) the screen a panel starts loading its chart: about half a phone screen. */
const AHEAD = "400px 0px";

/** Whole pixels in steps of 8: a scrollbar appearing must not lay every chart out again. */
const stepped = (px: number) => Math.round(px / 8) * 8;

/** `?print` in the address: every chart is drawn at once, ready to print or save as PDF. */
const printing = () => typeof location !== "undefined" && new URLSearchParams(location.search).has("print");

/**
 * Whether an element is on or near the screen (once true, it stays true: a drawn chart is kept),
 * and its inner width, which charts lay themselves out for. Without IntersectionObserver (old
 * browsers, test DOMs) every element counts as near, and so with `?print` or once the reader prints.
 */
export function useNearViewport(element: Ref<HTMLElement | null>): {
  near: Ref<boolean>;
  width: Ref<number | undefined>;
} {
  const near = ref(typeof IntersectionObserver === "undefined" || printing());
  const drawAll = () => {
    near.value = true;
    intersection?.disconnect();
  };
  const width = ref<number | undefined>(undefined);
  let intersection: IntersectionObserver | undefined;
  let resize: ResizeObserver | undefined;
  onMounted(() => {
    const el = element.value;
    if (!el) return;
    // As ResizeObserver will report it (the content box), so the first layout is the one that stays.
    const style = getComputedStyle(el);
    width.value = stepped(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) || undefined;
    window.addEventListener("beforeprint", drawAll);
    if (!near.value) {
      intersection = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) drawAll();
        },
        { rootMargin: AHEAD },
      );
      intersection.observe(el);
    }
    if (typeof ResizeObserver !== "undefined") {
      resize = new ResizeObserver(([entry]) => {
        const w = stepped(entry?.contentRect.width ?? 0);
        if (w && w !== width.value) width.value = w;
      });
      resize.observe(el);
    }
  });
  onBeforeUnmount(() => {
    window.removeEventListener("beforeprint", drawAll);
    intersection?.disconnect();
    resize?.disconnect();
  });
  return { near, width };
}
