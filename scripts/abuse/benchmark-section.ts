import { execFileSync } from "node:child_process";
import type { DocSection } from "../load/report";

/** The goals for hostile traffic. */
export const ABUSE_GOALS = {
  /** Every refusal answered within this, as the client sees it. */
  refusalMs: 20,
  /** The abusive client sends one request every this many milliseconds… */
  intervalMs: 10,
  /** …and the dashboard's page-load p95 may grow by at most this factor meanwhile. */
  p95Ratio: 1.2,
};

/** Where `npm run bench:abuse` and `npm run load -- --abuse` write their figures in docs/benchmarks.md. */
export const HOSTILE_SECTION: DocSection = {
  heading: "## Hostile traffic (issue 15)",
  marker: "abuse-benchmark",
  intro: [
    "## Hostile traffic (issue 15)",
    "",
    "Goals: every request of the abuse catalogue (`scripts/abuse/hostile-requests.ts`) refused with its status and code in",
    "under 20 ms; the dashboard's page-load p95 with an abusive client sending a refused request every 10 ms alongside the",
    "usual `npm run load` mix within 20% of the p95 without it. The server's rate limit is off in both runs",
    "(RATE_LIMIT_PER_MINUTE=0), so that every abusive request reaches the analysis a stranger's request would get past it.",
    "",
    "### Refusals, one at a time",
    "",
    "<!-- abuse-benchmark-refusals:start -->",
    "<!-- abuse-benchmark-refusals:end -->",
    "",
    "### The dashboard mix with an abusive client",
    "",
    "<!-- abuse-benchmark-load:start -->",
    "<!-- abuse-benchmark-load:end -->",
    "",
  ].join("\n"),
};

/**
 * The code measured: the commit, and whether tracked files differed from it (figures from a tree
 * with others' unfinished edits would not be that commit's). docs/benchmarks.md does not count:
 * the benchmarks write it themselves, one after the other.
 */
export function codeVersion(): string {
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  try {
    const commit = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs/benchmarks.md")
      ? `commit ${commit} with uncommitted changes`
      : `commit ${commit}`;
  } catch {
    return "commit unknown (not a git checkout)";
  }
}
