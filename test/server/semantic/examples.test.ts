import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** Every query in schema/examples runs against the real API and returns data without errors. */
const folder = path.join(ROOT, "schema/examples");
const examples = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith(".graphql"))
  .sort();

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("examples");
  await seedDemoData(db.url, 9, 0.01, new Progress(process.stderr, true));
  api = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe("schema/examples", () => {
  it("has examples", () => expect(examples.length).toBeGreaterThanOrEqual(5));

  it.each(examples)("%s runs and answers", async (file) => {
    const { status, data, errors } = await api.graphql(fs.readFileSync(path.join(folder, file), "utf8"));
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    const answers = Object.values(data as Record<string, any>);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) {
      if (answer && "rows" in answer) expect(answer.rows.length, file).toBeGreaterThan(0);
    }
  });
});
