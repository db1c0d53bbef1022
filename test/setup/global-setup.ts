import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/src/db/embedded-postgres";

let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;

/**
 * Tests talk to a real PostgreSQL: DATABASE_URL's server when set, otherwise an embedded one
 * started here once for the whole run. Each test file creates its own database on that server.
 */
/**
 * embedded-postgres installs async-exit-hook, whose 'beforeExit' handler ends the process with
 * process.exit(0): that would replace the status 1 Vitest leaves in process.exitCode when a test
 * fails, and CI would pass a failing run. Keep a failure status whatever exit is asked for.
 */
function keepFailureStatus(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code || process.exitCode)) as typeof process.exit;
}

export async function setup(project: TestProject): Promise<void> {
  keepFailureStatus();
  let server = process.env.DATABASE_URL;
  if (!server) {
    const dataDir = (embeddedDir = path.join(os.tmpdir(), `sangkien-test-${process.pid}`));
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir, port: 54000 + (process.pid % 1000), database: "postgres" });
    server = embedded.url.toString();
  }
  project.provide("testDatabaseServer", server);
}

export async function teardown(): Promise<void> {
  if (!embedded) return;
  await embedded.stop();
  fs.rmSync(embeddedDir!, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseServer: string;
  }
}
