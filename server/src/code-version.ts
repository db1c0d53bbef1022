import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What decides what an answer says: the server's source, and package.json (the versions of what it runs on). */
const SOURCE = path.resolve(import.meta.dirname);
const PACKAGE = path.resolve(import.meta.dirname, "../../package.json");

/**
 * A fingerprint of the code that computes answers, read once at start-up. Cached answers are keyed
 * on it beside the data version: an answer another version of the code computed (an instance not
 * yet upgraded sharing Redis, or the same one before an upgrade, or a browser or CDN holding it
 * under an ETag) is never served as this code's, though the data have not changed.
 */
export const CODE_VERSION = fingerprintOf([...filesUnder(SOURCE), PACKAGE]);

export function fingerprintOf(files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files)
    hash.update(path.relative(SOURCE, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("base64url").slice(0, 12);
}

/** Every file under `folder`, in a fixed order (names sorted at each level). */
function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
    });
}
