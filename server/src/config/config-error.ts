/** A setting that cannot be used. Reported as one line and exit status 1, never as a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${variable}=${JSON.stringify(actual)} is not valid: expected ${expected}`);
    this.name = "ConfigError";
  }
}
