export type MapVariant = "63" | "34";

export interface IslandLabel {
  coord: [number, number];
  name: { vi: string; en: string };
}

const loaded = new Map<MapVariant, Promise<{ islands: IslandLabel[] }>>();

/**
 * Geometry is derived from Natural Earth at build time (scripts/build-map.ts) and fetched only
 * when a map is shown, so it never weighs on the first page load.
 */
export function loadProvinceGeometry(variant: MapVariant): Promise<{ islands: IslandLabel[] }> {
  let promise = loaded.get(variant);
  if (!promise) {
    promise = (async () => {
      // In parallel: chaining them would wait for the main thread to finish drawing the other charts.
      const [renderer, geometry, islands] = await Promise.all([
        import("./map-renderer"),
        variant === "63" ? import("@geo/provinces-63.json") : import("@geo/provinces-34.json"),
        import("@geo/island-labels.json"),
      ]);
      renderer.registerMap(`vn${variant}`, geometry.default as never);
      return { islands: islands.default as unknown as IslandLabel[] };
    })();
    promise.catch(() => loaded.delete(variant));
    loaded.set(variant, promise);
  }
  return promise;
}
