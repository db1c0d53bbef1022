import { MapChart, ScatterChart } from "echarts/charts";
import { GeoComponent, VisualMapComponent } from "echarts/components";
import { use } from "echarts/core";

// The map's parts of ECharts load with the map, not with the first page.
use([MapChart, ScatterChart, GeoComponent, VisualMapComponent]);

// Through this module, so that no page imports ECharts before it draws a chart.
export { registerMap } from "echarts/core";
