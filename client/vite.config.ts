import { fileURLToPath } from "node:url";
import VueI18nPlugin from "@intlify/unplugin-vue-i18n/vite";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const ECHARTS = /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/;
/** zrender, ECharts' renderer, imports nothing of ECharts: a chunk of its own cannot form a cycle. */
const ZRENDER = /node_modules[\\/]zrender[\\/]/;
/**
 * What only the map draws with (map-renderer.ts): the map and scatter series, geo and visualMap
 * components, the geo coordinate system and their helpers. They import ECharts' core, which never
 * imports them back (registerMap's geoSourceManager, GeoJSONResource and parseGeoJson stay in the core).
 */
const ECHARTS_MAP =
  /node_modules[\\/]echarts[\\/]lib[\\/](chart[\\/](map|scatter)|component[\\/](geo|visualMap|helper[\\/](MapDraw|RoamController|roamHelper|cursorHelper|interactionMutex))|coord[\\/]geo[\\/](Geo|GeoModel|geoCreator|prepareCustom|fix[\\/]geoCoord)\.|visual[\\/](visualSolution|VisualMapping))/;

/**
 * The addresses of ECharts' two chunks, in the page as a <meta> element (no inline script, which the
 * Content-Security-Policy and its test forbid): a phone's charts wait for the reader to scroll
 * (use-near-viewport.ts), and prefetch these once the page is loaded, so the first chart does not
 * wait for 181 KiB more (2.1–2.5 s on Lighthouse's 4G profile). Pages without charts ignore them.
 */
const echartsChunkList = (): Plugin => ({
  name: "echarts-chunk-list",
  transformIndexHtml: {
    order: "post",
    handler: (_html, { bundle }) => [
      {
        tag: "meta",
        attrs: {
          name: "echarts-chunks",
          content: Object.values(bundle ?? {})
            .filter((file) => file.type === "chunk" && (file.name === "echarts" || file.name === "zrender"))
            .map((file) => `/${file.fileName}`)
            .join(" "),
        },
        injectTo: "head" as const,
      },
    ],
  },
});

/**
 * The locale messages compiled at build time, and vue-i18n's runtime-only build (no message compiler) in
 * the bundle: compiling them in the browser was 55–125 ms of the first render at a 4× CPU slowdown
 * (docs/benchmarks.md, "Phone"). Only this build: the server imports plugins/i18n.ts through tsx for its
 * first chart, with vue-i18n's full build and the JSON as it is.
 */
const precompiledMessages = () =>
  VueI18nPlugin({
    include: [here("src/locales/*.json")],
    runtimeOnly: true,
    compositionOnly: true,
    fullInstall: true,
    dropMessageCompiler: true,
  });

/** The dashboard: built into client/dist, which the API server serves at /. */
export default defineConfig({
  root: here("."),
  plugins: [vue(), precompiledMessages(), echartsChunkList()],
  resolve: { alias: { "@": here("src"), "@geo": here("generated/geo") } },
  server: { proxy: { "/graphql": "http://localhost:4000" } },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // ECharts changes less often than our code: its own chunk stays cached across releases.
        codeSplitting: {
          groups: [
            // ECharts in three chunks that import one way only: zrender <- ECharts <- the map's parts. Split
            // further (its charts and components apart from its core), chunks of ECharts' classes imported each
            // other in a cycle ("Class extends value undefined"). Without their dependencies (Vue): drawn in by
            // vue-echarts, Vue would land here and every page would load ECharts.
            {
              name: "echarts-map",
              test: (id: string) => ECHARTS_MAP.test(id),
              priority: 4,
              includeDependenciesRecursively: false,
            },
            {
              name: "zrender",
              test: (id: string) => ZRENDER.test(id),
              priority: 3,
              includeDependenciesRecursively: false,
            },
            {
              name: "echarts",
              test: (id: string) => ECHARTS.test(id),
              priority: 2,
              includeDependenciesRecursively: false,
            },
            // exceljs (a self-contained bundle, ~250 kB gzip) only for an .xlsx download (export/xlsx.ts): never in the
            // vendor chunk every page loads first.
            { name: "exceljs", test: (id: string) => /node_modules[\\/]exceljs[\\/]/.test(id), priority: 5 },
            { name: "vendor", test: (id: string) => /node_modules[\\/]/.test(id) && !ECHARTS.test(id), priority: 1 },
          ],
        },
      },
    },
  },
});
