import { BarChart, LineChart, PieChart } from "echarts/charts";
import {
  AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent,
} from "echarts/components";
import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

/** Only what the first page draws; the map registers its own parts when it loads (map-renderer.ts). */
export function registerECharts(): void {
  use([
    BarChart, LineChart, PieChart,
    GridComponent, TooltipComponent, LegendComponent,
    MarkAreaComponent, MarkLineComponent, AriaComponent,
    CanvasRenderer,
  ]);
}
