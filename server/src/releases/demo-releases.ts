import type { Database } from "../db/database";
import { applyDemoCorrection } from "../db/releases/demo-correction";
import { SemanticEngine } from "../semantic";

/**
 * The demo's two releases, so that a fresh `npm start` shows the release list and a revision log:
 * the demo data as seeded (its calibrated figures), then a small synthetic correction of one provincial
 * federation published as a CORRECTION. Both on the primary, before the server answers anyone.
 */
export async function publishDemoReleases(database: Database, statementTimeoutMs: number): Promise<void> {
  const engine = new SemanticEngine({ dataSource: database.dataSource, statementTimeoutMs, answersKept: 0 });
  if ((await engine.releases()).length > 0) return;
  const writer = database.dataSource;
  const first = await engine.publish(writer, {
    title: "Dữ liệu mẫu: bản phát hành đầu tiên",
    note: "Dữ liệu tổng hợp để minh hoạ, không phải số liệu thật.",
    kind: "FIRST",
  });
  const correction = await applyDemoCorrection(database.url);
  const second = await engine.publish(writer, {
    title: "Dữ liệu mẫu: đính chính",
    note:
      `Minh hoạ (dữ liệu tổng hợp): ${correction.initiatives} sáng kiến giai đoạn 2 của ${correction.unitName} ` +
      "được xét lại (hợp lệ → không hợp lệ, không hợp lệ → hợp lệ khi khiếu nại) và một giá trị làm lợi nhập thừa một số 0 được sửa.",
    kind: "CORRECTION",
  });
  console.log(`Bản phát hành mẫu / demo releases: ${first.id}, ${second.id} (đính chính / correction)`);
}
