import { ref } from "vue";
import type { ChartDefinition, ChartContext } from "@/charts/define-chart";
import type { CsvDialect } from "@/export/csv";
import type { Translate } from "@/export/export-columns";
import { permalinkOf, type FigureIdentity } from "@/export/figure-identity";
import { PNG_PIXEL_RATIO } from "@/export/png";

/** The file writers come with the first download, not with the page: a reader who never downloads never loads them. */
const writers = () => import("@/export/writers");

interface ExportSource {
  chart: ChartDefinition<any>;
  data: () => Record<string, unknown> | undefined;
  ctx: () => ChartContext;
  identity: () => FigureIdentity;
  t: Translate;
  synthetic: () => string | undefined;
  /** While the panel reloads its data is the previous state's: nothing is exported then. */
  busy: () => boolean;
  /** The ECharts instance's getDataURL (vue-echarts exposes it on the component). */
  dataUrl: () => string | undefined;
}

/** Downloads (PNG, CSV in two dialects, XLSX, metadata), the copied link and the embed code: what every chart offers. */
export function useChartExports(source: ExportSource) {
  const notice = ref("");
  const flash = (text: string) => {
    notice.value = text;
    setTimeout(() => (notice.value = ""), 2500);
  };
  /** The table and identity of the figures on screen, or nothing while they are being replaced. */
  const current = () => {
    const data = source.data();
    if (!data || source.busy()) return undefined;
    return { table: source.chart.toTable(data, source.ctx()), identity: source.identity() };
  };

  async function downloadCsv(dialect: CsvDialect = "international") {
    const figures = current();
    if (!figures) return;
    const { downloadBlob, toCsv } = await writers();
    const suffix = dialect === "vietnamese" ? ".excel-vn" : "";
    downloadBlob(
      new Blob([toCsv(figures.table, source.t, dialect)], { type: "text/csv;charset=utf-8" }),
      `${figures.identity.fileBase}${suffix}.csv`,
    );
  }

  async function downloadMetadata() {
    const figures = current();
    if (!figures) return;
    const { downloadBlob, metadataJson, toMetadata } = await writers();
    const json = metadataJson(toMetadata(figures.table, figures.identity, source.t));
    downloadBlob(new Blob([json], { type: "application/json" }), `${figures.identity.fileBase}.metadata.json`);
  }

  async function downloadXlsx() {
    const figures = current();
    if (!figures) return;
    const { downloadBlob, toXlsx } = await writers();
    const buffer = await toXlsx(figures.table, figures.identity, source.t);
    downloadBlob(
      new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
      `${figures.identity.fileBase}.xlsx`,
    );
  }

  async function downloadPng() {
    const figures = current();
    const url = figures && source.dataUrl();
    if (!figures || !url) return;
    const { composePng, downloadBlob } = await writers();
    const { identity } = figures;
    const blob = await composePng(url, {
      title: identity.title,
      subtitle: [identity.asOfText, identity.filtersText].join(" · "),
      citation: identity.citation,
      permalink: identity.permalink,
      synthetic: source.synthetic(),
    });
    downloadBlob(blob, `${identity.fileBase}.png`);
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
    downloadMetadata,
    downloadXlsx,
    downloadPng,
    /** Always pinned: the effective as-of date and the release, so the link shows these figures after any import. */
    copyLink: (done: string) => copy(source.identity().permalink, done),
    copy,
    pixelRatio: PNG_PIXEL_RATIO,
  };
}

/** The embed view's address: live (follows new data) or pinned (these figures, whatever is loaded later). */
export function embedUrl(identity: FigureIdentity, state: ChartContext["state"], chartId: string, pinned: boolean) {
  const pageUrl = new URL(identity.permalink);
  return permalinkOf(
    {
      state,
      pageUrl: `${pageUrl.origin}${pageUrl.pathname}`,
      asOfDate: identity.asOfDate,
      releaseId: identity.releaseId,
    },
    { embed: chartId, pinned },
  );
}
