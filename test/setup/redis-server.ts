import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describeWithTool } from "./describe-with-tool";

/** `redis-server` on the PATH (or REDIS_SERVER_PATH); undefined when there is none. */
export function findRedisServer(): string | undefined {
  const candidates = [
    process.env.REDIS_SERVER_PATH,
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "redis-server")),
  ];
  return candidates.find((p): p is string => Boolean(p && fs.existsSync(p)));
}

/** CI sets REQUIRE_REDIS=1: there a missing redis-server fails the run instead of skipping the tests. */
export const REDIS_REQUIRED = process.env.REQUIRE_REDIS === "1";

/** describe(name) given redis-server's path (see describeWithTool). The project never needs a Redis to run. */
export function describeWithRedis(name: string, body: (redisServerPath: string) => void): void {
  describeWithTool(
    name,
    {
      tool: "redis-server",
      path: findRedisServer(),
      lookedIn: "on the PATH or at REDIS_SERVER_PATH",
      required: REDIS_REQUIRED,
      requiredBy: "REQUIRE_REDIS",
      aptPackage: "redis-server",
    },
    body,
  );
}

export interface RunningRedis {
  url: URL;
  child: ChildProcess;
  /** SIGKILL, as a crashed or killed Redis: nothing is saved (no persistence), clients see the socket drop. */
  kill(): Promise<void>;
}

/** A throwaway redis-server on 127.0.0.1:port, without persistence, run in `dir` (the caller's to remove). */
export async function startRedisServer(binary: string, port: number, dir: string): Promise<RunningRedis> {
  const child = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited before it was ready:\n${output}`));
    });
  });
  return {
    url: new URL(`redis://127.0.0.1:${port}`),
    child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
