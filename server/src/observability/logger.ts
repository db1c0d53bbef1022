import { LOG_LEVELS, type LogLevel } from "../config/config";

export type LogFields = Record<string, unknown>;

/** One JSON object per line: `time`, `level`, `msg`, then the fields (`requestId` on request-scoped lines). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Lines below this level are dropped (LOG_LEVEL). */
  level?: LogLevel;
  /** Where each line goes, without its newline; standard output by default, a list in tests. */
  sink?: (line: string) => void;
}

export function createLogger({
  level = "info",
  sink = (line) => process.stdout.write(`${line}\n`),
}: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write =
    (lineLevel: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      // The three keys every line has come first and cannot be overwritten by a field of the same name.
      const head = { time: new Date().toISOString(), level: lineLevel, msg };
      sink(JSON.stringify({ ...head, ...fields, ...head }));
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
