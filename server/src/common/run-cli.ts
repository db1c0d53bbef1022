import { ConfigError } from "../config/config-error";
import { StartupError } from "./startup-error";

/**
 * Runs a command-line entry point: an operator's mistake prints one line (and a hint) and exits 1;
 * anything else is a bug and keeps its stack trace.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(describeFailure(error));
      process.exit(1);
    },
  );
}

export function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return `Cấu hình sai / configuration error: ${error.message}`;
  if (error instanceof StartupError)
    return `Lỗi / error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ""}`;
  if (error instanceof Error && error.name === "UsageError") return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
