import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config/config";
import { runCli } from "../../common/run-cli";
import { announceLoad } from "../../cache/announce-load";
import { openDatabase } from "../database";
import { CALIBRATION } from "./calibration";
import { checksumOf } from "./dataset.loader";
import { generateDemoDataset } from "./demo-dataset";
import { Progress } from "./progress";
import { seedDemoData } from "./seed.service";
import { demoTableRows } from "./table-rows";

const USAGE =
  "usage: npm run seed -- [--scale S (0.001–10, default 1; above 1 for benchmarks)] [--seed N] [--dry-run (print the checksum, load nothing)]";

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: String(CALIBRATION.defaultSeed) },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(scale >= 0.001 && scale <= 10))
    throw new UsageError(`--scale must be a number from 0.001 to 10, got "${values.scale}"`);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31)
    throw new UsageError(`--seed must be a whole number from 0 to 2147483647, got "${values.seed}"`);

  if (values["dry-run"]) {
    const checksum = checksumOf(demoTableRows(generateDemoDataset(seed, scale)));
    return console.log(`checksum ${checksum}`);
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const result = await seedDemoData(database.url, seed, scale, new Progress());
    console.log(
      `Đã nạp ${result.rows.initiative?.toLocaleString("vi-VN")} sáng kiến trong ${result.seconds.toFixed(1)} s`,
    );
    console.log(`data version ${result.dataVersion}`);
    console.log(`checksum ${result.checksum}`);
    await announceLoad(config.redisUrl, result.dataVersion);
  } finally {
    await database.close();
  }
});
