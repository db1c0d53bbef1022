/**
 * One chart drawn per task of the browser's main thread. ECharts draws a chart (init, setOption,
 * the first paint of its canvas) in one go: two or three panels reaching the screen together made
 * one long task on a phone (Lighthouse's total blocking time counts every task's time beyond
 * 50 ms), and the page could not answer a tap until all were drawn. Each caller gets a turn in a
 * task of its own, in the order asked: between two charts the browser paints and handles input.
 * A hand-written queue of a few lines: scheduler.yield() is not in every browser.
 */
let last: Promise<void> = Promise.resolve();

/** Resolves in a new task, after every turn asked before it. */
export function nextDrawTurn(): Promise<void> {
  const turn = last.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  last = turn;
  return turn;
}

/**
 * ECharts in two steps, each in a task of its own: zrender (its renderer, a third of the code)
 * evaluated first, then ECharts and the chart component. Evaluating all of it at once was the
 * page's longest task on a phone.
 */
export async function loadChartCanvas() {
  await import("zrender/lib/zrender.js");
  await nextDrawTurn();
  return import("@/components/ChartCanvas.vue");
}
