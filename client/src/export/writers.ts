/** Everything that writes a file, loaded together on the first download (use-chart-exports.ts, TargetsView). */
export { downloadBlob, toCsv } from "./csv";
export { metadataJson, toMetadata } from "./metadata";
export { composePng } from "./png";

/** exceljs (~250 kB gzip) only when an .xlsx is asked for. */
export async function toXlsx(...args: Parameters<typeof import("./xlsx").toXlsx>) {
  const { toXlsx: write } = await import("./xlsx");
  return write(...args);
}
