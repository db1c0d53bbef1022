// The map's parts of ECharts load with the map, not with the first page. Imported by their own files
// (each registers itself), not through the "echarts/charts" index: through the index, the first
// chart's chunk imported the map's chunk (vite.config.ts), and every page downloaded it.
import "echarts/lib/chart/map";
import "echarts/lib/chart/scatter";
import "echarts/lib/component/geo";
import "echarts/lib/component/visualMap";

// Through this module, so that no page imports ECharts before it draws a chart.
export { registerMap } from "echarts/core";
