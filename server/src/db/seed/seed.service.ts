import { loadDataset, type LoadResult } from "./dataset.loader";
import { generateDemoDataset, type GenerationStage } from "./demo-dataset";
import type { Progress } from "./progress";
import { demoTableRows } from "./table-rows";

const STAGE_LABEL: Record<GenerationStage, string> = {
  units: "Sinh đơn vị và đoàn viên",
  initiatives: "Phân bổ sáng kiến theo ngày",
  authors: "Gán tác giả",
  reviews: "Xét duyệt",
  redecisions: "Xét lại, phúc khảo",
  benefits: "Giá trị làm lợi",
  attributes: "Loại giải pháp, lĩnh vực",
};

/** Generates the synthetic demo dataset and loads it, replacing whatever dataset was there. */
export async function seedDemoData(
  url: URL,
  seed: number,
  scale: number,
  progress: Progress,
): Promise<LoadResult & { seconds: number }> {
  const started = Date.now();
  progress.note(`Sinh dữ liệu mẫu (tổng hợp, không phải số liệu thật): quy mô ${scale}, seed ${seed}`);
  const dataset = generateDemoDataset(seed, scale, (stage) => progress.note(`· ${STAGE_LABEL[stage]}…`));
  const result = await loadDataset(
    url,
    demoTableRows(dataset),
    {
      kind: "demo",
      generatorVersion: dataset.generatorVersion,
      seed,
      scale,
    },
    progress,
  );
  return { ...result, seconds: (Date.now() - started) / 1000 };
}
