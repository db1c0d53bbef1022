import fs from "node:fs";
import path from "node:path";
import express from "express";
import type { DataStateCache } from "../semantic/data-state";

const NOTICE = `<noscript><p style="background:#fff4d6;padding:8px;font-weight:600">Dữ liệu mẫu tổng hợp, không phải số liệu thật:
sinh ngẫu nhiên, khớp với các số liệu đã công bố. / Synthetic demo data, not real figures.</p>
<p>Bảng số liệu cần JavaScript; số liệu có qua API GraphQL tại /graphql. / The dashboard needs JavaScript; the figures are at /graphql.</p></noscript>`;

/**
 * The built dashboard. Hashed assets never change, so browsers keep them for a year; index.html
 * is revalidated each time, so a new release shows at once. Every other GET path is a route of
 * the dashboard (/don-vi/LDLD-38, /chi-tieu) and gets index.html — which, when the data is
 * synthetic, says so even to a reader (or a crawler) without JavaScript.
 */
export function serveDashboard(app: express.Express, dist: string, state: DataStateCache): void {
  const index = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const withNotice = index.replace('<div id="app"></div>', `${NOTICE}\n    <div id="app"></div>`);
  let synthetic = true;
  const isSynthetic = async () => {
    try {
      synthetic = (await state.current()).synthetic;
    } catch {
      // Database away or nothing loaded: keep the last answer (the API itself reports the outage).
    }
    return synthetic;
  };

  app.use("/assets", express.static(path.join(dist, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }));
  app.use(express.static(dist, { index: false, maxAge: 0 }));
  app.get(/^\/(?!graphql|healthz|readyz|metrics|export\.csv|admin\/).*/, async (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send((await isSynthetic()) ? withNotice : index);
  });
}
