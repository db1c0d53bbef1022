/**
 * Entry point: turns page states (JSON on standard input) into the dashboard's own HTTP requests
 * for them (JSON on standard output) — see translate-pages.ts. Run with the client's path aliases:
 *   tsx --tsconfig client/tsconfig.json scripts/load/requests/page-requests.ts < states.json
 */
import { register } from "node:module";

// Before any client module loads: they import Apollo by names only its ES modules export.
register("./apollo-esm.hooks.ts", import.meta.url);
await import("./translate-pages");
