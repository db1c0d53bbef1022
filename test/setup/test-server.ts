import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { buildAppSchema } from "../../server/src/graphql/schema";
import { createHttpApp, type HttpOptions } from "../../server/src/http/app";
import { BaseQueryGate, SemanticEngine } from "../../server/src/semantic";

export interface TestServer {
  base: string;
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    data: T;
    errors?: Array<{ message: string; extensions: Record<string, any> }>;
    headers: Headers;
  }>;
  close(): Promise<void>;
}

export interface TestServerOptions extends HttpOptions {
  suppressionThreshold?: number;
  /**
   * Base-table queries at once and their longest wait (BASE_QUERY_CONCURRENCY, BASE_QUERY_WAIT_MS),
   * and the dashboard reads a second from which analysts' scans go without workers; unlimited when absent.
   */
  baseQueries?: { concurrency: number; maxWaitMs: number; busyDashboardReads?: number };
  /** Answers the engine keeps per part of its cache (0: none, so that every question reads the database); default 1000. */
  answersKept?: number;
}

/** The real HTTP app (Express + Apollo) on a random port, against a test database. */
export async function startTestServer(
  dataSource: DataSource,
  statementTimeoutMs = 5000,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const server = http.createServer();
  const limits = options.baseQueries;
  const gate = limits && new BaseQueryGate(limits.concurrency, limits.maxWaitMs, limits.busyDashboardReads);
  const engine = new SemanticEngine({
    dataSource,
    statementTimeoutMs,
    suppressionThreshold: options.suppressionThreshold ?? 5,
    baseQueries: gate,
    answersKept: options.answersKept,
  });
  const { app } = await createHttpApp(
    { schema: await buildAppSchema({ engine, dataSource }), state: engine.data },
    dataSource,
    server,
    options,
  );
  server.on("request", app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: any; errors?: any[] };
      return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
