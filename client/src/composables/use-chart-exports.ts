import { ref } from "vue";
import type { ChartDefinition, ChartContext } from "@/charts/define-chart";
import { downloadBlob, fileNameOf, toCsv } from "@/export/csv";
import { composePng, PNG_PIXEL_RATIO } from "@/export/png";

interface ExportSource {
  chart: ChartDefinition<any>;
  data: () => Record<string, unknown> | undefined;
  ctx: () => ChartContext;
  title: () => string;
  subtitle: () => string;
  citation: () => string;
  synthetic: () => string | undefined;
  asOfDate: () => string;
  /** The ECharts instance's getDataURL (vue-echarts exposes it on the component). */
  dataUrl: () => string | undefined;
}

/** Download PNG and CSV, copy the link and the embed code: what every chart offers. */
export function useChartExports(source: ExportSource) {
  const notice = ref("");
  const flash = (text: string) => {
    notice.value = text;
    setTimeout(() => (notice.value = ""), 2500);
  };

  function downloadCsv() {
    const data = source.data();
    if (!data) return;
    const csv = toCsv(source.chart.toTable(data, source.ctx()), source.citation());
    downloadBlob(
      new Blob([csv], { type: "text/csv;charset=utf-8" }),
      fileNameOf(source.chart.id, source.asOfDate(), "csv"),
    );
  }

  async function downloadPng() {
    const url = source.dataUrl();
    if (!url) return;
    const blob = await composePng(url, {
      title: source.title(),
      subtitle: source.subtitle(),
      citation: source.citation(),
      synthetic: source.synthetic(),
    });
    downloadBlob(blob, fileNameOf(source.chart.id, source.asOfDate(), "png"));
  }

  function chartUrl(embed: boolean): string {
    const url = new URL(window.location.href);
    url.searchParams.delete("embed");
    if (embed) url.searchParams.set("embed", source.chart.id);
    else url.hash = source.chart.id;
    return url.toString();
  }

  async function copy(text: string, done: string) {
    try {
      await navigator.clipboard.writeText(text);
      flash(done);
    } catch {
      // No clipboard (plain http on another host, or a denied permission): show the text to copy by hand.
      window.prompt("", text);
    }
  }

  return {
    notice,
    downloadCsv,
    downloadPng,
    copyLink: (done: string) => copy(chartUrl(false), done),
    copyEmbed: (done: string, height: number) =>
      copy(
        `<iframe src="${chartUrl(true)}" title="${source.title().replace(/"/g, "&quot;")}" width="100%" height="${height + 120}" style="border:0" loading="lazy"></iframe>`,
        done,
      ),
    pixelRatio: PNG_PIXEL_RATIO,
  };
}
