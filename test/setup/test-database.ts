import { inject } from "vitest";
import pg from "pg";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../server/src/db/data-source";
import { syncReferenceData } from "../../server/src/db/reference/reference-data.sync";

/** A fresh, migrated database of its own for one test file, on the run's PostgreSQL server. */
export async function createTestDatabase(
  name: string,
): Promise<{ url: URL; dataSource: DataSource; drop(): Promise<void> }> {
  const server = new URL(inject("testDatabaseServer"));
  const database = `test_${name}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  await adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  const dataSource = createDataSource(url, { size: 4 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  await dataSource.transaction((m) => syncReferenceData(m));
  return {
    url,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

async function adminQuery(server: URL, sql: string): Promise<void> {
  const admin = new URL(server);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
