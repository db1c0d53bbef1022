import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const ECHARTS = /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/;
/** Loaded with the map only (see src/charts/province-map/map-renderer.ts). */
const MAP_PARTS = /echarts[\\/]lib[\\/](chart[\\/](map|scatter)|component[\\/](geo|visualMap)|coord[\\/]geo)[\\/]/;

/** The dashboard: built into client/dist, which the API server serves at /. */
export default defineConfig({
  root: here("."),
  plugins: [vue()],
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
            { name: "echarts", test: (id: string) => ECHARTS.test(id) && !MAP_PARTS.test(id), priority: 2 },
            { name: "vendor", test: (id: string) => /node_modules[\\/]/.test(id) && !MAP_PARTS.test(id), priority: 1 },
          ],
        },
      },
    },
  },
});
