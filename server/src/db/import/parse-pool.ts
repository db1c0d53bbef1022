import { Worker } from "node:worker_threads";
import { BatchChecker, type BatchContext, type CheckedBatch } from "./batch-checker";

type Pending = { resolve: (batch: CheckedBatch) => void; reject: (error: Error) => void };

/**
 * Checks batches of a file on worker threads, or on this one when given none. Results come back
 * in any order; stageRows takes them in file order.
 */
export class ParsePool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private inline: BatchChecker | null = null;
  private nextId = 0;
  private failure: Error | null = null;

  /** Starts `threads` workers now (they take a moment to load), to be given the context later. */
  constructor(threads: number) {
    const boot = new URL("./parse-worker-boot.mjs", import.meta.url);
    const module = new URL("./parse-worker.ts", import.meta.url).href;
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(boot, { workerData: { module } });
      worker.on("message", (message: { id: number; batch?: CheckedBatch; error?: string }) => this.settle(message));
      worker.on("error", (error) => this.fail(error));
      return worker;
    });
  }

  get threads(): number {
    return this.workers.length;
  }

  setContext(context: BatchContext): void {
    if (this.workers.length === 0) this.inline = new BatchChecker(context);
    for (const worker of this.workers) worker.postMessage({ context });
  }

  /** Checks a batch; `bytes` is handed over (not to be used after). */
  check(bytes: Uint8Array): Promise<CheckedBatch> {
    if (this.inline) return Promise.resolve(this.inline.check(bytes));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const result = new Promise<CheckedBatch>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.workers[id % this.workers.length]!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(message: { id: number; batch?: CheckedBatch; error?: string }): void {
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.batch) pending?.resolve(message.batch);
    else pending?.reject(new Error(`checking a batch of the file failed: ${message.error}`));
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
