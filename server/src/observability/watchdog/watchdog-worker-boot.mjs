// The watchdog thread runs the TypeScript module named in workerData through tsx, whichever way the server was started.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
