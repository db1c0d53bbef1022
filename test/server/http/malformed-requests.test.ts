import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT, runTs, type RunningProcess } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { rawRequest, type RawAnswer } from "./raw-request";

/**
 * Hostile and broken requests get JSON with a status and a code — never Express's HTML page with
 * a stack and the server's paths. Checked on the app in this process (NODE_ENV=test) and on a
 * real server process with NODE_ENV=development, where Express's own page would show the stack.
 */
const ASSET = fs.readdirSync(path.join(ROOT, "client/dist/assets")).find((f) => f.endsWith(".js"))!;

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
  code: string;
}

const JSON_TYPE = { "content-type": "application/json" };
const CASES: Case[] = [
  {
    name: "truncated JSON",
    method: "POST",
    path: "/graphql",
    headers: JSON_TYPE,
    body: '{"query": "{ dataset { ki',
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "JSON that is not an object",
    method: "POST",
    path: "/graphql",
    headers: JSON_TYPE,
    body: '"{ __typename }"',
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "a UTF-16 body",
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json; charset=utf-16" },
    body: Buffer.from('{"query":"{ __typename }"}', "utf16le"),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "an unknown charset",
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json; charset=x-klingon" },
    body: "{}",
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "a form's text/plain body",
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "text/plain" },
    body: '{"query":"{ __typename }"}',
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "an unknown Content-Encoding",
    method: "POST",
    path: "/graphql",
    headers: { ...JSON_TYPE, "content-encoding": "compress" },
    body: "xxxx",
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "a body over 64 KB",
    method: "POST",
    path: "/graphql",
    headers: JSON_TYPE,
    body: JSON.stringify({ query: `{ __typename } # ${"x".repeat(70_000)}` }),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "a method GraphQL does not take",
    method: "PUT",
    path: "/graphql",
    headers: JSON_TYPE,
    body: "{}",
    status: 405,
    code: "METHOD_NOT_ALLOWED",
  },
  {
    name: "a POST to the CSV export",
    method: "POST",
    path: "/export.csv",
    headers: JSON_TYPE,
    body: "{}",
    status: 405,
    code: "METHOD_NOT_ALLOWED",
  },
  { name: "a GET of the import", path: "/admin/import", status: 405, code: "METHOD_NOT_ALLOWED" },
  { name: "an encoded path traversal", path: "/assets/..%2f..%2fpackage.json", status: 400, code: "BAD_REQUEST" },
  { name: "a raw path traversal", path: "/assets/../../package.json", status: 400, code: "BAD_REQUEST" },
  { name: "a NUL byte", path: "/assets/%00", status: 400, code: "BAD_REQUEST" },
  { name: "a backslash", path: "/assets/..%5cindex.html", status: 400, code: "BAD_REQUEST" },
  { name: "broken percent-encoding", path: "/assets/%E0%A4%A", status: 400, code: "BAD_REQUEST" },
  { name: "a missing asset", path: "/assets/index-00000000.js", status: 404, code: "NOT_FOUND" },
  { name: "the assets folder itself", path: "/assets/", status: 404, code: "NOT_FOUND" },
  { name: "a scanner's PHP page", path: "/wp-login.php", status: 404, code: "NOT_FOUND" },
  { name: "a dotfile", path: "/.env", status: 404, code: "NOT_FOUND" },
  { name: "a DELETE of the dashboard", method: "DELETE", path: "/", status: 404, code: "NOT_FOUND" },
];

/** What must never reach a client: a stack frame, the server's own paths, an HTML error page. */
function expectCleanJson(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  for (const leak of [ROOT, "/work", "node_modules", "at ", "<html", "<pre>"]) expect(answer.text).not.toContain(leak);
  const body = JSON.parse(answer.text) as {
    errors: Array<{ message: string; extensions: { code: string; requestId: string } }>;
  };
  expect(body.errors[0]!.extensions.code).toBe(code);
  // The id to quote, as in the x-request-id header and in every GraphQL error.
  expect(body.errors[0]!.extensions.requestId).toBe(answer.headers["x-request-id"]);
  expect(body.errors[0]!.message.length).toBeGreaterThan(0);
}

function checksEveryCase(base: () => string): void {
  it.each(CASES)("$name: $status $code", async ({ method, path: url, headers, body, status, code }) => {
    expectCleanJson(await rawRequest(base(), { method, path: url, headers, body }), status, code);
  });

  it("an unknown page of the dashboard is still the dashboard (it shows its own “not found”)", async () => {
    const answer = await rawRequest(base(), { path: "/khong-co-trang-nay" });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<div id="app"></div>');
  });
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
    throw new Error("client/dist is missing: run npm run build:client (npm test does)");
  db = await createTestDatabase("malformed_requests");
});

afterAll(async () => {
  await db?.drop();
});

describe("the app, in this process", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.close();
  });
  checksEveryCase(() => server.base);
});

describe("a server process with NODE_ENV=development (as `npm start` runs)", () => {
  let run: RunningProcess;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    run = runTs("server/src/main.ts", [], {
      NODE_ENV: "development",
      DATABASE_URL: db.url.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_ON_START: "false",
      LOG_LEVEL: "warn",
    });
    await run.waitFor(/ready: http/);
  });
  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });
  checksEveryCase(() => base);

  it("serves the assets it has, with the security headers", async () => {
    const answer = await rawRequest(base, { path: `/assets/${ASSET}` });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });
});
