import { firstAnswerVersion } from "@/graphql/first-answer";
import type { PanelField } from "@/graphql/panel-query";
import { NARROW } from "./define-chart";

/** A chart the server drew as SVG into the page (server/src/http/first-page.ts), shown until the live chart. */
export interface FirstDrawing {
  svg: string;
  description: string;
}

/** Read once: the template is inert (nothing in it is drawn or loaded until shown). */
const template =
  typeof document === "undefined" ? null : document.querySelector<HTMLTemplateElement>("template#first-chart");

/**
 * The server's drawing of this chart, when it is what the live chart would draw: the same questions
 * (state and language), the data version of the first answer (never one the catalogue or the page's
 * own answer has replaced), and a narrow box at least as wide as the drawing (a phone: wider screens
 * load ECharts at once, and a phone-sized drawing there would be a flash of another layout).
 */
export function firstDrawingFor(
  chartId: string,
  fields: PanelField[],
  { lang, width, pageVersion }: { lang: string; width: number | undefined; pageVersion: string | undefined },
): FirstDrawing | undefined {
  const drawn = template?.dataset;
  if (!drawn || drawn.drawnChart !== chartId || drawn.lang !== lang || drawn.question !== JSON.stringify(fields))
    return;
  const version = firstAnswerVersion();
  if (!version || drawn.version !== version || (pageVersion !== undefined && pageVersion !== version)) return;
  if (width === undefined || width < Number(drawn.width) || width >= NARROW) return;
  return { svg: template!.innerHTML, description: drawn.description ?? "" };
}
