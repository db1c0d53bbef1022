import { BarChart, LineChart, PieChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { registerLocale, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import langVI from "echarts/lib/i18n/langVI.js";

/**
 * What every chart but the map draws with; the map registers its own parts when it loads
 * (map-renderer.ts). Imported only by ChartCanvas.vue, which panels load when they come near the
 * viewport: pages and panels without a chart never download ECharts.
 */
export function registerECharts(): void {
  use([
    BarChart,
    LineChart,
    PieChart,
    GridComponent,
    TooltipComponent,
    LegendComponent,
    MarkAreaComponent,
    MarkLineComponent,
    // The Explorer's small multiples name each measure with a title of their own.
    TitleComponent,
    AriaComponent,
    CanvasRenderer,
  ]);
  // ECharts' own words (toolbox, "series", aria fallbacks) in Vietnamese on Vietnamese pages.
  registerLocale("VI", langVI);
}

/** ECharts' locale name for the dashboard's language. */
export const echartsLocale = (locale: string) => (locale === "vi" ? "VI" : "EN");
