import type { NextFunction, Request, Response } from "express";
import helmet, { type HelmetOptions } from "helmet";
import { isDashboardPage } from "./dashboard-files";
import { asksForIde } from "./graphql-ide";
import { PLACEHOLDER_SCRIPT_HASH, PLACEHOLDER_STYLE_HASH } from "./placeholder-page";

/**
 * helmet's headers on every answer (pages, the API, assets, errors): nosniff, no referrer, and a
 * Content-Security-Policy that lets a page load only from this origin. The dashboard and the
 * GraphQL IDE are built files with no inline script or style element (the placeholder page's two
 * inline blocks are allowed by their hashes). Charts draw on canvas; a chart saved as PNG or a
 * table as CSV is a data: or blob: URL, hence img-src; the IDE's fonts are data: URLs inside its
 * CSS. The one allowance is style attributes (style-src-attr), which ECharts' tooltips are written
 * with: an attribute cannot run script, and whatever it could load is held to img-src and font-src.
 *
 * The IDE's page alone may also add <style> elements (style-src-elem 'unsafe-inline'): GraphiQL 5's
 * editor, Monaco, writes its theme and layout rules into <style> elements it creates at run time and
 * offers no nonce (microsoft/monaco-editor#271). A style element cannot run script either, and
 * whatever it could load is held to img-src and font-src ('self', data:), so nothing leaves the origin.
 *
 * No page may be framed (frame-ancestors 'none', X-Frame-Options: DENY), against clickjacking —
 * except the dashboard's embed views (?embed=<chart>), made to be framed by any site.
 *
 * Not sent: upgrade-insecure-requests (the server also runs over plain HTTP on closed networks,
 * where it would break every asset), and HSTS for subdomains (this app does not know its host's
 * neighbours; a TLS proxy in front may add it).
 */
export function securityHeaders() {
  const everywhere = helmet(options({ framedBy: "'none'" }));
  const embeddable = helmet(options({ framedBy: "*" }));
  const ide = helmet(options({ framedBy: "'none'", styleElements: true }));
  return (req: Request, res: Response, next: NextFunction) =>
    (isEmbedView(req) ? embeddable : isIdePage(req) ? ide : everywhere)(req, res, next);
}

/** GET /graphql from a browser: the page graphql-ide.ts answers with the IDE. */
function isIdePage(req: Request): boolean {
  return req.path === "/graphql" && asksForIde(req);
}

/** A dashboard page asked for one chart, to be shown inside another site's page. */
function isEmbedView(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const embed = req.query.embed;
  return typeof embed === "string" && embed !== "" && isDashboardPage(req.path);
}

function options({
  framedBy,
  styleElements = false,
}: {
  framedBy: "'none'" | "*";
  styleElements?: boolean;
}): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", PLACEHOLDER_SCRIPT_HASH],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'", PLACEHOLDER_STYLE_HASH],
        // Style attributes only (no <style> element): ECharts writes its tooltips as HTML with them.
        "style-src-attr": ["'unsafe-inline'"],
        // The IDE's page only: Monaco's run-time <style> elements (see above).
        ...(styleElements ? { "style-src-elem": ["'self'", "'unsafe-inline'"] } : {}),
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [framedBy],
      },
    },
    // Older browsers know only X-Frame-Options, which cannot say "anyone": embed views send none.
    xFrameOptions: framedBy === "*" ? false : { action: "deny" },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  };
}
