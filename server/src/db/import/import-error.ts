import { StartupError } from "../../common/startup-error";

/**
 * The file as a whole cannot be imported (not UTF-8, a missing column, unreadable): nothing was
 * changed. A StartupError, so a command line prints it as one line with a hint and exits 1.
 */
export class ImportFileError extends StartupError {
  constructor(message: string, hint?: string) {
    super(`nhập tệp thất bại, không thay đổi gì / import failed, nothing changed: ${message}`, hint);
    this.name = "ImportFileError";
  }
}
