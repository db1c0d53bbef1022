import inspector from "node:inspector";
import { SourceMap, type SourceMapping } from "node:module";

interface Script {
  url: string;
  /** tsx inlines each module's source map as a data: URL. */
  sourceMapURL?: string;
}

/**
 * Where the main thread is stuck, read from the watchdog thread: V8's inspector reaches a thread busy
 * in JavaScript (it interrupts it, as a debugger's pause does) and names the functions on its stack,
 * at their place in the TypeScript source. Best effort, within `timeoutMs`: a thread stuck in native
 * code (a synchronous system call) answers only when it returns, so then there is no stack. Nothing
 * is opened to the network.
 */
export function blockedStack(timeoutMs: number, frames = 10): Promise<string[] | undefined> {
  if (!process.features.inspector) return Promise.resolve(undefined);
  const session = new inspector.Session();
  try {
    session.connectToMainThread();
  } catch {
    return Promise.resolve(undefined);
  }
  const scripts = new Map<string, Script>();
  session.on("Debugger.scriptParsed", ({ params }) =>
    scripts.set(params.scriptId, { url: params.url, sourceMapURL: params.sourceMapURL }),
  );
  return new Promise((resolve) => {
    // Let the thread go on in every case (only PID 1 outlives this): a pause still pending after the
    // timeout would otherwise stop it for good once it returns to JavaScript.
    const finish = (stack: string[] | undefined) => {
      clearTimeout(timer);
      session.post("Debugger.resume", () => session.disconnect());
      resolve(stack);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    session.once("Debugger.paused", ({ params }) => {
      finish(
        params.callFrames
          .slice(0, frames)
          .map(
            ({ functionName, location }) =>
              `${functionName || "<anonymous>"} (${placeOf(scripts.get(location.scriptId), location.lineNumber, location.columnNumber ?? 0)})`,
          ),
      );
    });
    session.post("Debugger.enable", () => session.post("Debugger.pause"));
  });
}

/** file:line:column, in the original source when the script carries a source map (positions are 0-based here). */
function placeOf(script: Script | undefined, line: number, column: number): string {
  const original = script?.sourceMapURL?.startsWith("data:application/json")
    ? originalPlace(script.sourceMapURL, line, column)
    : undefined;
  if (original) return `${original.originalSource}:${original.originalLine + 1}:${original.originalColumn + 1}`;
  return `${script?.url || "?"}:${line + 1}:${column + 1}`;
}

function originalPlace(dataUrl: string, line: number, column: number): SourceMapping | undefined {
  try {
    const comma = dataUrl.indexOf(",");
    const encoded = dataUrl.slice(comma + 1);
    const json = dataUrl.slice(0, comma).endsWith(";base64")
      ? Buffer.from(encoded, "base64").toString("utf8")
      : decodeURIComponent(encoded);
    const entry = new SourceMap(JSON.parse(json)).findEntry(line, column);
    return "originalSource" in entry ? entry : undefined;
  } catch {
    return undefined;
  }
}
