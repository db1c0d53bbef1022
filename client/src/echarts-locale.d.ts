// Also in the root tsconfig: the server draws the first chart with the client's ECharts registration.
/** ECharts ships its Vietnamese words as an ES module without a declaration of its own. */
declare module "echarts/lib/i18n/langVI.js" {
  const locale: Parameters<typeof import("echarts/core").registerLocale>[1];
  export default locale;
}
