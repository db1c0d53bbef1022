import { onBeforeUnmount, onMounted, ref, watch, type Ref } from "vue";
import { listenForFirstMove, onPhone, printing, readerMoved } from "./reader-moved";

/** How far below (or above) the screen a panel starts loading its chart: about half a phone screen. */
const AHEAD = "400px 0px";

/**
 * On a phone the first screen of the overview and unit pages is the figures (KPI cards, phases): the
 * first chart starts 100–250 px below it. Loading ECharts for it at once cost the page its longest tasks (evaluating ECharts, 70 ms
 * and more of a mid-range phone's main thread, then drawing) for a chart nobody sees yet. So below
 * 600 px a panel that is only near the screen waits until the reader scrolls (or touches the page):
 * the reader who stops at the figures never runs ECharts, the one who scrolls starts it with the
 * first movement, about a screen before the chart. Pages whose chart is what the reader asked for
 * (the explorer) draw it as before.
 */
let prefetched = false;

/** ECharts' chunks (listed in the page by vite.config.ts) downloaded at low priority, not run, once the page has loaded. */
function prefetchECharts() {
  const list = document.querySelector('meta[name="echarts-chunks"]')?.getAttribute("content") ?? "";
  const prefetch = () => {
    for (const href of list.split(" ").filter(Boolean)) {
      const link = Object.assign(document.createElement("link"), { rel: "prefetch", href, crossOrigin: "anonymous" });
      document.head.append(link);
    }
  };
  // When the main thread is idle, not at once: the page's own first render (and the server's first
  // drawing, shown by it) comes first, and the prefetch never competes with them.
  const whenIdle = () =>
    "requestIdleCallback" in window
      ? window.requestIdleCallback(prefetch, { timeout: 3000 })
      : setTimeout(prefetch, 200);
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}
const onScreen = (rect: DOMRectReadOnly) => rect.top < window.innerHeight && rect.bottom > 0;

/** Whole pixels in steps of 8: a scrollbar appearing must not lay every chart out again. */
const stepped = (px: number) => Math.round(px / 8) * 8;

/**
 * Whether an element is on or near the screen (once true, it stays true: a drawn chart is kept),
 * and its inner width, which charts lay themselves out for. Without IntersectionObserver (old
 * browsers, test DOMs) every element counts as near, and so with `?print` or once the reader prints.
 * `belowFigures`: the element sits below a page's figures, and on a phone waits for the reader to move.
 */
export function useNearViewport(
  element: Ref<HTMLElement | null>,
  { belowFigures = false }: { belowFigures?: boolean } = {},
): {
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
  let stopWaiting: (() => void) | undefined;
  onMounted(() => {
    const el = element.value;
    if (!el) return;
    // As ResizeObserver will report it (the content box), so the first layout is the one that stays.
    const style = getComputedStyle(el);
    width.value = stepped(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) || undefined;
    window.addEventListener("beforeprint", drawAll);
    if (!near.value) {
      const waitForReader = belowFigures && onPhone();
      if (waitForReader) {
        listenForFirstMove();
        if (!prefetched) prefetchECharts();
        prefetched = true;
      }
      let nearby = false;
      const decide = () => {
        if (nearby && (!waitForReader || readerMoved.value || onScreen(el.getBoundingClientRect()))) drawAll();
      };
      stopWaiting = watch(readerMoved, decide);
      intersection = new IntersectionObserver(
        (entries) => {
          nearby = entries.some((e) => e.isIntersecting);
          decide();
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
    stopWaiting?.();
  });
  return { near, width };
}
