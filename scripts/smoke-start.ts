import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../test/setup/processes";

/**
 * `npm start` under whichever Node runs this script (CI runs it under Node 22, the Docker image's,
 * while the machines run 20): the server starts with an embedded PostgreSQL and a small demo
 * dataset, answers GraphQL, and stops cleanly on SIGTERM. Exits 1 with the server's output otherwise.
 */
const TIMEOUT_MS = 180_000;

async function main(): Promise<void> {
  // 0755: PostgreSQL runs as its own OS user when we are root and must reach its folder.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-smoke-"));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      HOST: "127.0.0.1",
      SEED_SCALE: "0.01",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    let count: number | undefined;
    while (count === undefined) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error("the server did not answer");
      count = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ dataset { initiativeCount } }" }),
      })
        .then(async (response) => (await response.json()) as { data?: { dataset?: { initiativeCount: number } } })
        .then((body) => body.data?.dataset?.initiativeCount)
        .catch(() => new Promise<undefined>((resolve) => setTimeout(resolve, 500)));
    }
    server.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) throw new Error(`the server stopped with status ${code}`);
    console.log(`Node ${process.version}: the server started, answered (${count} initiatives) and stopped cleanly`);
  } catch (error) {
    server.kill("SIGTERM");
    console.error(`Node ${process.version}: ${(error as Error).message}\n${output}`);
    process.exitCode = 1;
  } finally {
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
