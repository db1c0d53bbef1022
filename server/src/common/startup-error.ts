/**
 * A failure the operator can fix: printed as one line with a hint, then exit status 1.
 * Anything else is a bug and keeps its stack trace.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "StartupError";
  }
}
