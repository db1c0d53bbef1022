import fs from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import expressStaticGzip from "express-static-gzip";
import type { DataStateCache } from "../semantic";
import { answerClientError } from "./client-error";
import type { FirstPageParts } from "./first-page";

// Marked up without a style attribute, which the Content-Security-Policy would block: <mark> is yellow by itself.
const NOTICE = `<noscript><p><mark><strong>Dữ liệu mẫu tổng hợp, không phải số liệu thật:
sinh ngẫu nhiên, khớp với các số liệu đã công bố. / Synthetic demo data, not real figures.</strong></mark></p>
<p>Bảng số liệu cần JavaScript; số liệu có qua API GraphQL tại /graphql. / The dashboard needs JavaScript; the figures are at /graphql.</p></noscript>`;

/**
 * The dashboard's synthetic-data banner, in the page itself: painted with the HTML, before any
 * script (the largest paint on a phone), and kept by the dashboard (App.vue) while the page is in
 * Vietnamese. The words are the dashboard's own (app.synthetic in client/src/locales/vi.json; a test
 * holds them equal).
 */
const SYNTHETIC_BANNER_VI =
  "Dữ liệu mẫu tổng hợp, không phải số liệu thật: sinh ngẫu nhiên, khớp với các số liệu đã công bố.";
const BANNER = `<section id="synthetic-banner" class="synthetic-banner" aria-label="Lưu ý về dữ liệu"><p role="note" data-role="synthetic-banner">${SYNTHETIC_BANNER_VI}</p></section>`;

/** Paths that belong to the API, the operators or the built files, never to a page of the dashboard. */
const NOT_PAGES = /^\/(graphql|healthz|readyz|metrics|export\.csv|admin|assets)(\/|$)/;
/**
 * A file someone is looking for (/wp-login.php, /.env, /.git/config, /robots.txt): the dashboard's
 * routes have no extension and no dot-segment (a unit's code, under /don-vi/, may have a dot).
 */
const FILE_LIKE = /(^|\/)\.|\.[A-Za-z0-9]{1,8}$/;

/** A GET of this path is one of the dashboard's pages, answered with index.html. */
export function isDashboardPage(urlPath: string): boolean {
  if (NOT_PAGES.test(urlPath)) return false;
  return !FILE_LIKE.test(urlPath) || urlPath.startsWith("/don-vi/");
}

/**
 * The built dashboard. Hashed assets never change, so browsers (and any CDN in front) keep them for
 * a year, and each is sent as the brotli or gzip copy the build made beside it when the browser
 * accepts one (`Vary: Accept-Encoding`); index.html is revalidated each time, so a new release
 * shows at once. Every other GET path that looks like
 * a page is a route of the dashboard (/don-vi/LDLD-38, /chi-tieu, or one it shows as "not found")
 * and gets index.html — which, when the data is synthetic, says so even to a reader (or a crawler)
 * without JavaScript. The overview (`/`) also carries its first answer and first chart (first-page.ts). A missing asset, or anything that looks like a file, is a JSON 404.
 */
export function serveDashboard(
  app: express.Express,
  dist: string,
  state: DataStateCache,
  firstPage?: (req: Request, res: Response) => Promise<FirstPageParts | undefined>,
): void {
  const index = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const withNotice = index.replace('<div id="app"></div>', `${NOTICE}\n    ${BANNER}\n    <div id="app"></div>`);
  let synthetic = true;
  const isSynthetic = async () => {
    try {
      synthetic = (await state.current()).synthetic;
    } catch {
      // Database away or nothing loaded: keep the last answer (the API itself reports the outage).
    }
    return synthetic;
  };

  // fallthrough: false — a miss under /assets is the static handler's 404, never the dashboard's page.
  app.use(
    "/assets",
    refuseOddPaths,
    expressStaticGzip(path.join(dist, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      serveStatic: { immutable: true, maxAge: "365d", fallthrough: false, redirect: false },
    }),
  );
  app.use(
    expressStaticGzip(dist, {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      index: false,
      serveStatic: { index: false, maxAge: 0, redirect: false },
    }),
  );
  app.get(/.*/, async (req, res, next) => {
    if (!isDashboardPage(req.path)) return next();
    res.setHeader("Cache-Control", "no-cache");
    const html = (await isSynthetic()) ? withNotice : index;
    // The overview's first figures and chart in the page (first-page.ts): they depend on the data version
    // (the ETag Express makes of the body changes with it, and no-cache makes every cache ask) and the API language.
    const first = await firstPage?.(req, res);
    if (req.path === "/") res.vary("Accept-Language");
    res
      .type("html")
      .send(
        first
          ? html
              .replace("</head>", `  ${first.head}\n  </head>`)
              .replace('<div id="app"></div>', `${first.body}<div id="app"></div>`)
          : html,
      );
  });
}

/**
 * A path that cannot name one of the files (a NUL byte, a backslash, a "..", broken percent
 * encoding) is answered 400 here, in words of ours, before the static handler sees it.
 */
function refuseOddPaths(req: Request, res: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    return answerClientError(res, 400, "BAD_REQUEST", "The path's percent-encoding is malformed.");
  }
  if (/[\0\\]|(^|\/)\.\.(\/|$)/.test(decoded))
    return answerClientError(
      res,
      400,
      "BAD_REQUEST",
      'This path names no file: it holds a NUL byte, a backslash or a ".." segment.',
    );
  next();
}
