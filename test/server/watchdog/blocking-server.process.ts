import express from "express";
import type { EmbeddedDatabase } from "../../../server/src/db/embedded-postgres";
import { createLogger } from "../../../server/src/observability/logger";
import { observeRequests } from "../../../server/src/observability/request-log.middleware";
import { startWatchdog } from "../../../server/src/observability/watchdog/watchdog";

/**
 * A small real server with the real watchdog and access log, whose routes block or load its event
 * loop on purpose. Test-only: nothing in server/ can reach these routes.
 * Usage: tsx test/server/watchdog/blocking-server.process.ts
 *   WATCHDOG_BLOCKED_MS: the watchdog's bound; DATA_DIR and EMBEDDED_PG_PORT, when set: an embedded
 *   PostgreSQL started there, as main.ts starts one, for the watchdog to stop.
 * Prints "listening on <port>" when it serves, and "blocking <request id>" or "waiting <request id>"
 * when such a request arrives (standard output is synchronous for a pipe: printed before it blocks).
 */
const logger = createLogger({ level: "info" });
let embedded: EmbeddedDatabase | undefined;
if (process.env.DATA_DIR) {
  // Imported only when used: the package's exit hook answers SIGTERM with status 143 once it has nothing to stop.
  const { startEmbeddedPostgres } = await import("../../../server/src/db/embedded-postgres");
  embedded = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, port: Number(process.env.EMBEDDED_PG_PORT) });
}
const watchdog = startWatchdog({ blockedMs: Number(process.env.WATCHDOG_BLOCKED_MS), logLevel: "info", logger });
watchdog.watchPostgres(embedded?.postmasterPid);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Never returns: the bug (or the hostile input) that hangs a process. */
function blockTheEventLoop(): never {
  for (;;) {
    // spin
  }
}

/** Busy for `ms` in itself, which the loop survives when it is below the bound. */
function spinFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

const app = express();
app.use(observeRequests(logger));
app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
// Blocks after a few awaits, as a resolver would: the request must still be told apart from the others open.
app.get("/block", async (_req, res) => {
  await sleep(20);
  await Promise.resolve();
  console.log(`blocking ${res.locals.requestId}`);
  blockTheEventLoop();
});
// CPU-heavy for `ms` in all, in `slice`-ms stretches with the loop free between them.
app.get("/busy", async (req, res) => {
  const slice = Number(req.query.slice);
  for (let left = Number(req.query.ms); left > 0; left -= slice) {
    spinFor(Math.min(slice, left));
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.json({ done: true });
});
// Stays open: a request in flight while another blocks the loop.
app.get("/wait", async (req, res) => {
  console.log(`waiting ${res.locals.requestId}`);
  await sleep(Number(req.query.ms));
  res.json({ waited: true });
});

const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening on ${typeof address === "object" && address ? address.port : "?"}`);
});
// As main.ts stops: PostgreSQL, then status 0.
process.on("SIGTERM", async () => {
  server.closeAllConnections();
  await embedded?.stop();
  process.exit(0);
});
