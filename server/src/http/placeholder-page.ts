import { createHash } from "node:crypto";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
.banner{background:#fff3cd;border:1px solid #e0c36a;padding:.5rem 1rem;border-radius:4px}`;

const SCRIPT = `
fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: "{ dataset { synthetic initiativeCount dataVersion } }" }) })
  .then((r) => r.json()).then(({ data }) => {
    if (!data || !data.dataset) return;
    document.getElementById("banner").hidden = !data.dataset.synthetic;
    document.getElementById("dataset").textContent =
      data.dataset.initiativeCount.toLocaleString("vi-VN") + " sáng kiến · phiên bản dữ liệu " + data.dataset.dataVersion;
  });
`;

/** What the Content-Security-Policy names to allow this page's inline style and script, and nothing else inline. */
const cspHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
export const PLACEHOLDER_STYLE_HASH = cspHash(STYLE);
export const PLACEHOLDER_SCRIPT_HASH = cspHash(SCRIPT);

/** Shown at / until the dashboard is built (client/dist). */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>01 triệu sáng kiến – Phân tích</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Chương trình “01 triệu sáng kiến” – phân tích số liệu</h1>
<p class="banner" id="banner" hidden>Dữ liệu mẫu tổng hợp, không phải số liệu thật của chương trình.</p>
<p>Bảng điều khiển đang được xây dựng. API GraphQL: <code>POST /graphql</code>.</p>
<p id="dataset"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;
