import { describe, it } from "vitest";

export interface RequiredTool {
  /** What the tests need, as a reader would name it: "redis-server", "Chromium". */
  tool: string;
  /** Its path, or undefined when it is not on this machine. */
  path: string | undefined;
  /** Where it was looked for, for the message. */
  lookedIn: string;
  /** Set in CI (REQUIRE_REDIS=1, REQUIRE_BROWSER=1): a missing tool fails the run instead of skipping. */
  required: boolean;
  /** The environment variable that sets `required`, for the failing test's name. */
  requiredBy: string;
  /** The Debian package that provides it. */
  aptPackage: string;
}

/**
 * describe(name) given the tool's path; without the tool, one test that fails (in CI) or is skipped
 * with a line that says how to get it. The project itself never needs these tools.
 */
export function describeWithTool(name: string, need: RequiredTool, body: (toolPath: string) => void): void {
  if (need.path) {
    const toolPath = need.path;
    describe(name, () => body(toolPath));
    return;
  }
  const message = `${name}: no ${need.tool} ${need.lookedIn}`;
  const install = `apt-get install -y ${need.aptPackage}`;
  if (need.required) {
    it(`needs ${need.tool} (${need.requiredBy}=1)`, () => {
      throw new Error(`${message}; install it: ${install}`);
    });
  } else {
    console.warn(`SKIPPED ${message} (${install} to run them)`);
    it.skip(`${name} (no ${need.tool} found)`, () => {});
  }
}
