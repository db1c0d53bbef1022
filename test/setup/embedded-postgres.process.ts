import { startEmbeddedPostgres } from "../../server/src/db/embedded-postgres";

/**
 * An embedded PostgreSQL in a process of its own, so a fault test can take it away from a running
 * server and bring it back on the same port and data folder: SIGTERM stops it cleanly (a fast
 * shutdown: sessions are told, then closed); killing its postmaster and backends is a crash.
 * Usage: tsx test/setup/embedded-postgres.process.ts <dataDir> <port> <database>
 */
const [dataDir, port, database] = process.argv.slice(2);
if (!dataDir || !port || !database) {
  console.error("usage: embedded-postgres.process.ts <dataDir> <port> <database>");
  process.exit(2);
}
const embedded = await startEmbeddedPostgres({ dataDir, port: Number(port), database });
process.on("SIGTERM", () => {
  void embedded.stop().then(() => process.exit(0));
});
console.log(`postgres ready: ${embedded.url}`);
