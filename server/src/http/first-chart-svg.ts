import { init, use, type EChartsCoreOption } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { registerECharts } from "../../../client/src/plugins/echarts";

// The client's own ECharts parts (one list: client/src/plugins/echarts.ts), drawn here by the SVG renderer.
registerECharts();
use([SVGRenderer]);

/**
 * One chart as SVG markup, drawn by ECharts' server-side renderer from the same option the client
 * gives ECharts. What the renderer adds for its own hover effects is taken out again: a `<style>`
 * element (the page's Content-Security-Policy blocks style elements, and every blocked one is a
 * reported violation), the classes it styles, and the `ecmeta_*` attributes its hydration runtime
 * reads (the dashboard does not use it: the live chart replaces this drawing). Style attributes
 * stay (style-src-attr allows them, as for ECharts' tooltips). The size becomes 100% of the box with
 * the drawing's viewBox kept, so a box a little wider than the one drawn for centres it unscaled.
 */
export function chartSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart
      .renderToSVGString()
      .replace(/<style[\s\S]*?<\/style>\s*/g, "")
      .replace(/ (class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*")/g, "")
      .replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" height="100%" aria-hidden="true" focusable="false"')
      .replace(/>\s*\n\s*</g, "><");
  } finally {
    chart.dispose();
  }
}
