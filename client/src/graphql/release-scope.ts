import { ROOT_ARGUMENTS } from "../../generated/graphql/schema";
import type { PanelField } from "./panel-query";

/**
 * Whether the API this dashboard was built against takes `release:` (the releases contract, issue 19).
 * Read from the generated contract, so the dashboard asks for releases exactly when the schema has them:
 * built against a schema without them, `?release=` is kept in the URL but not sent.
 */
export const RELEASES_IN_SCHEMA = "release" in ROOT_ARGUMENTS.overview;

/**
 * The page's fields pinned to one release: every figure-returning field takes `release`, on its
 * arguments or (for `analytics`) in its question. One place, so no panel can forget it.
 */
export function pinRelease(fields: PanelField[], release: string | undefined): PanelField[] {
  if (!release || !RELEASES_IN_SCHEMA) return fields;
  return fields.map((field) => {
    if (field.field === "analytics") {
      const args = field.args as { query: Record<string, unknown> };
      return { ...field, args: { ...args, query: { ...args.query, release } } } as unknown as PanelField;
    }
    if (!("release" in ROOT_ARGUMENTS[field.field])) return field;
    return { ...field, args: { ...field.args, release } } as unknown as PanelField;
  });
}
