// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { describe, expect, it } from "vitest";
import { registerECharts } from "@/plugins/echarts";
import { defineComponent, h } from "vue";
import VChart, { INIT_OPTIONS_KEY } from "vue-echarts";
import { categoryBenefitChart } from "@/charts/category-benefit/category-benefit.chart";
import { workerSharesChart } from "@/charts/worker-shares/worker-shares.chart";
import { contextFor, result, row, WORKER_SHARES_2022_05_31 } from "./fixtures";

// happy-dom has no canvas: the dashboard's ECharts parts, drawn as SVG at a fixed size.
registerECharts();
use([SVGRenderer]);

function render(option: object) {
  const Host = defineComponent({ render: () => h(VChart, { option: { animation: false, ...option } }) });
  return mount(Host, {
    global: { provide: { [INIT_OPTIONS_KEY as symbol]: { renderer: "svg", width: 480, height: 320 } } },
  });
}

describe("charts render in ECharts", () => {
  it("the donut draws the four shares as Vietnamese percentages", async () => {
    const wrapper = render(workerSharesChart.toOption({ workerShares: WORKER_SHARES_2022_05_31 }, contextFor()));
    await new Promise((r) => setTimeout(r, 50));
    const svg = wrapper.html();
    for (const label of ["54,6%", "24,2%", "15,9%", "5,2%"]) expect(svg).toContain(label);
    wrapper.unmount();
  });

  it("benefit bars draw their axis in tỷ đồng", async () => {
    const data = result([
      row([["workerCategory", "ENTERPRISE", "Khu vực doanh nghiệp"]], { benefitVnd: 9_400e9 }, { benefitVnd: 0.926 }),
      row([["workerCategory", "PUBLIC_SERVICE", "Đơn vị sự nghiệp"]], { benefitVnd: 380e9 }, { benefitVnd: 0.074 }),
    ]);
    const wrapper = render(categoryBenefitChart.toOption({ categoryBenefit: data }, contextFor()));
    await new Promise((r) => setTimeout(r, 50));
    expect(wrapper.html()).toContain("92,6%");
    expect(wrapper.html()).toContain("tỷ đồng");
    wrapper.unmount();
  });
});
