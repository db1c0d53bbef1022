import pg from "pg";

/**
 * A connection of its own, outside the pool (a load's or an import's long transaction). A lost
 * connection rejects the statement in flight; without a listener pg would also emit an 'error'
 * event that nothing hears, and Node would end the whole process — a PostgreSQL restart during a
 * background load (the demo's releases after start-up) took the server down that way.
 */
export async function openSession(connectionString: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, application_name: applicationName });
  client.on("error", () => undefined); // the statement in flight (or the next one) fails with it
  await client.connect();
  return client;
}
