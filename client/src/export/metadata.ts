import type { TableData } from "@/charts/define-chart";
import { exportColumns, type Translate } from "./export-columns";
import type { FigureIdentity } from "./figure-identity";

/**
 * The `.metadata.json` written beside every CSV (as Our World in Data does): what the figures are,
 * where they come from, as of when, from which release, and what each column holds. The CSV itself
 * stays a plain table any tool reads.
 */
export interface FigureMetadata {
  title: string;
  unit: { code: string; name: string } | null;
  filters: string[];
  asOf: string | null;
  asOfText: string;
  release: string | null;
  dataVersion: string | null;
  permalink: string;
  source: string;
  citation: string;
  licence: string;
  synthetic: boolean;
  columns: Array<{ name: string; label: string; unit: string | null; description: string }>;
}

export function toMetadata(table: TableData, identity: FigureIdentity, t: Translate): FigureMetadata {
  return {
    title: identity.title,
    unit: identity.unit ?? null,
    filters: identity.filters,
    asOf: identity.asOfDate ?? null,
    asOfText: identity.asOfText,
    release: identity.releaseId ?? null,
    dataVersion: identity.dataVersion ?? null,
    permalink: identity.permalink,
    source: identity.source,
    citation: `${identity.title}. ${identity.citation}. ${identity.permalink}`,
    licence: identity.synthetic ? t("exports.licenceSynthetic") : t("exports.licenceReal"),
    synthetic: identity.synthetic,
    columns: exportColumns(table, t).map((c) => ({
      name: c.key,
      label: c.header,
      unit: c.unit ?? null,
      description: describeColumn(c.label, c.unit, t),
    })),
  };
}

function describeColumn(label: string, unit: string | undefined, t: Translate): string {
  if (unit === "vnd") return `${label} (${t("units.vnd")})`;
  if (unit === "percent") return `${label}, 0–100 (%)`;
  return label;
}

export function metadataJson(metadata: FigureMetadata): string {
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
