import { spawn } from "node:child_process";
import path from "node:path";
import { runCodegen } from "../codegen";
import type { PageState, TranslatedPages } from "./page-request";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The dashboard's own requests for these pages, computed by the client's code in a process of its
 * own: it needs the client's path aliases (client/tsconfig.json), which the server's code must not see.
 * Each distinct page is translated once: the client remembers pages it has loaded and would not ask again.
 */
export async function translatePages(states: PageState[]): Promise<TranslatedPages> {
  const keyOf = (state: PageState) => JSON.stringify(state);
  const distinct = [...new Map(states.map((state) => [keyOf(state), state])).values()];
  await runCodegen(); // the client composes its documents from the generated argument types
  const translated = await translateDistinct(distinct);
  const byKey = new Map(translated.pages.map((page) => [keyOf(page.state), page]));
  return { meta: translated.meta, pages: states.map((state) => byKey.get(keyOf(state))!) };
}

function translateDistinct(states: PageState[]): Promise<TranslatedPages> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--tsconfig", "client/tsconfig.json", "scripts/load/requests/page-requests.ts"],
      {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0)
        return reject(new Error(`scripts/load/requests/page-requests.ts exited with ${code}:\n${err.trim()}`));
      resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as TranslatedPages);
    });
    child.stdin.end(JSON.stringify(states));
  });
}
