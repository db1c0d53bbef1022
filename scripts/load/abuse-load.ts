import { runTs, type RunningProcess } from "../../test/setup/processes";
import { parseSummary, type AbusiveClientSummary } from "./abusive-client";

/** The abusive client (scripts/load/abusive-client.ts) in its own process, from its first request until told to stop. */
export class AbusiveClient {
  /**
   * When its output is all read: "close", not "exit" (the summary holds every latency, and on a busy
   * machine its last chunks come well after the process ended). Listened for from the start, in
   * case it stops by itself (the server gone).
   */
  private readonly closed: Promise<true>;

  private constructor(private readonly running: RunningProcess) {
    this.closed = new Promise((resolve) => running.child.once("close", () => resolve(true)));
  }

  static async start(entry: URL, intervalMs: number): Promise<AbusiveClient> {
    const running = runTs(
      "scripts/load/abusive-client.ts",
      ["--entry", entry.origin, "--interval-ms", String(intervalMs)],
      {},
    );
    await running.waitFor(/abusive client: /, 30_000);
    return new AbusiveClient(running);
  }

  /** Stops it after the request in flight and returns what it sent and got. */
  async stop(): Promise<AbusiveClientSummary> {
    const { child } = this.running;
    child.kill("SIGTERM");
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref());
    if (!(await Promise.race([this.closed, timeout]))) {
      child.kill("SIGKILL");
      throw new Error(
        `the abusive client did not stop within 30 s; its output:\n${this.running.output().slice(-2000)}`,
      );
    }
    return parseSummary(this.running.output());
  }
}
