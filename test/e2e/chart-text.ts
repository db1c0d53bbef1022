import type { Page } from "playwright-core";

/**
 * Panels draw their chart only when they come near the screen (issue 18): this scrolls a panel
 * into view and waits for its canvas.
 */
export async function chartDrawn(page: Page, chart: string): Promise<void> {
  // On a phone the panels after the first come with the reader's first move (use-in-turns.ts), as a reader scrolls to it.
  await page.evaluate(() => window.scrollBy(0, 1));
  const panel = page.locator(`[data-chart="${chart}"]`);
  await panel.scrollIntoViewIfNeeded();
  await panel.locator("canvas").first().waitFor();
}

/** Every panel of the page scrolled to, so each has drawn its chart (or its error or empty state); back to the top. */
export async function drawEveryChart(page: Page): Promise<void> {
  // On a phone what lies below the first screen waits for the reader's first move (reader-moved.ts): move.
  await page.evaluate(() => window.scrollBy(0, 1));
  // Panels and the targets table's rows come in turns (use-in-turns.ts): every one first.
  await page.locator("[data-filling]").first().waitFor({ state: "detached" });
  const charts = await page
    .locator("figure[data-chart]")
    .evaluateAll((figures) => figures.map((f) => f.getAttribute("data-chart")!));
  for (const chart of charts) {
    const panel = page.locator(`[data-chart="${chart}"]`);
    await panel.scrollIntoViewIfNeeded();
    await panel.locator("canvas, .panel-state").first().waitFor();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

export interface TextBox {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Recorded in the page before any script runs: every piece of text ECharts draws on a canvas
 * (zrender's fillText), as a box in the canvas's pixels, found from the context's transform, its
 * alignment and measureText. A full clear of a canvas starts its list again, so each canvas keeps
 * the texts of its last frame. As a string: page scripts must not depend on the test's compiler.
 */
export const RECORD_CANVAS_TEXT = `(() => {
  const drawn = new WeakMap();
  window.__canvasText = (canvas) => drawn.get(canvas) || [];
  const proto = CanvasRenderingContext2D.prototype;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x, y, w, h) {
    const t = this.getTransform();
    if (x <= 0 && y <= 0 && x * t.a + w * t.a >= this.canvas.width - 1 && y * t.d + h * t.d >= this.canvas.height - 1) drawn.set(this.canvas, []);
    return clearRect.apply(this, arguments);
  };
  const fillText = proto.fillText;
  proto.fillText = function (text, x, y) {
    const t = this.getTransform();
    const m = this.measureText(text);
    const width = m.width;
    const ascent = m.actualBoundingBoxAscent, descent = m.actualBoundingBoxDescent;
    const align = this.textAlign, baseline = this.textBaseline;
    const dx = align === "center" ? -width / 2 : align === "right" || align === "end" ? -width : 0;
    // measureText's actual box is relative to the current baseline, whatever it is.
    const left = x + dx, top = y - ascent, right = left + width, bottom = y + descent;
    const corners = [[left, top], [right, top], [left, bottom], [right, bottom]].map(([px, py]) => [t.a * px + t.c * py + t.e, t.b * px + t.d * py + t.f]);
    const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
    const list = drawn.get(this.canvas) || [];
    if (String(text).trim()) list.push({ text: String(text), left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys), scale: t.a, rotated: t.b !== 0 || t.c !== 0 });
    drawn.set(this.canvas, list);
    return fillText.apply(this, arguments);
  };
})();`;

export interface TextProblem {
  chart: string;
  problem: string;
}

/**
 * What is wrong with the text each chart on the page drew: a piece outside its canvas (clipped),
 * two pieces over each other, or none at all (then the recorder saw nothing, and says so). Boxes are shrunk by a pixel each side: glyphs' anti-aliasing touches.
 */
export async function chartTextProblems(page: Page): Promise<TextProblem[]> {
  return page.evaluate(`(() => {
    const problems = [];
    for (const figure of document.querySelectorAll("figure[data-chart]")) {
      const chart = figure.getAttribute("data-chart");
      for (const canvas of figure.querySelectorAll("canvas")) {
        const boxes = window.__canvasText(canvas);
        // Every chart writes something (axes, labels, a scale): nothing recorded means the check saw nothing.
        if (!boxes.length) problems.push({ chart, problem: "no text recorded on its canvas" });
        for (const b of boxes) {
          const slack = 1 * (b.scale || 1);
          if (b.left < -slack || b.top < -slack || b.right > canvas.width + slack || b.bottom > canvas.height + slack) {
            problems.push({ chart, problem: "clipped: " + JSON.stringify(b.text) + " at " + [b.left, b.top, b.right, b.bottom].map(Math.round).join(",") + " in " + canvas.width + "x" + canvas.height });
          }
        }
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          if (a.text === b.text && Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1) continue; // the same label drawn twice in a frame
          const inset = 1 * (a.scale || 1);
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (overlapX > 2 * inset && overlapY > 2 * inset) problems.push({ chart, problem: "overlap: " + JSON.stringify(a.text) + " and " + JSON.stringify(b.text) });
        }
      }
    }
    return problems;
  })()`);
}
