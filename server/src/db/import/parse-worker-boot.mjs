// A worker thread runs JavaScript: this loads the TypeScript worker through tsx, as `npm start` does the server.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
