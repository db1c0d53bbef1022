import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { killTree, type RunningProcess } from "./processes";

export interface ProcessFixture {
  /** A data folder of the file's own, for the embedded PostgreSQL its processes start. */
  dataDir: string;
  /** Returns `run`, killed with all it started after the test if still running. */
  track(run: RunningProcess): RunningProcess;
}

/**
 * For a test file that runs servers as processes: their data folder (0755: as root, PostgreSQL runs as
 * its own user and must reach it), removed at the end, and no process left behind by a failed
 * expectation. Call at the top of the file: it registers the hooks.
 */
export function processFixture(name: string): ProcessFixture {
  const dataDir = path.join(os.tmpdir(), `sangkien-${name}-${process.pid}`);
  const running: RunningProcess[] = [];
  beforeAll(() => {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
  });
  afterEach(() => {
    for (const run of running.splice(0))
      if (run.child.exitCode === null && run.child.signalCode === null) killTree(run.child.pid!);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir, track: (run) => (running.push(run), run) };
}
