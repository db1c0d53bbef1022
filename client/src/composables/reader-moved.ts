import { ref } from "vue";

/**
 * A phone's first screen is what a reader came for (the figures, the first rows): below 600 px what lies
 * further down waits until the reader scrolls, touches the page or types (use-near-viewport.ts,
 * use-in-turns.ts). A reader who stops at the first screen never runs it.
 */
export const PHONE = "(max-width: 599px)";
export const readerMoved = ref(false);
// focusin and pointerdown too: a screen reader moving its focus, or a pen or mouse, without a scroll.
const MOVES = ["scroll", "touchstart", "wheel", "keydown", "focusin", "pointerdown"] as const;
let listening = false;

/** Starts listening for the reader's first move, once per page; true when this call started it. */
export function listenForFirstMove(): boolean {
  if (listening) return false;
  listening = true;
  const moved = () => {
    readerMoved.value = true;
    for (const type of MOVES) window.removeEventListener(type, moved);
  };
  for (const type of MOVES) window.addEventListener(type, moved, { passive: true });
  return true;
}

export const onPhone = () => typeof window !== "undefined" && (window.matchMedia?.(PHONE).matches ?? false);

/** `?print` in the address: the page is to be printed or saved as PDF, with everything drawn at once. */
export const printing = () => typeof location !== "undefined" && new URLSearchParams(location.search).has("print");
