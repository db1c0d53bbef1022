import { parentPort } from "node:worker_threads";
import { BatchChecker, type BatchContext } from "./batch-checker";

/** Checks the batches a ParsePool sends, in the order they come: first the context, then batches. */
let checker: BatchChecker | null = null;
parentPort!.on("message", (message: { context: BatchContext } | { id: number; bytes: Uint8Array }) => {
  if ("context" in message) {
    checker = new BatchChecker(message.context);
    return;
  }
  try {
    const batch = checker!.check(message.bytes);
    parentPort!.postMessage({ id: message.id, batch }, [batch.copy.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
