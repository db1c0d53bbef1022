import type { RequestContext } from "../../common/request-context";

/** The `release:` argument every figure-returning field takes. */
export const releaseArg = {
  nullable: true,
  description:
    'A published release\'s id, or "live" for the live data; default: the newest release for the public, the live data for token holders (live for everyone before the first release)',
} as const;

/** The caller's context with the release a field asked for. */
export function askingFor(ctx: RequestContext, release: string | undefined): RequestContext {
  return release === undefined ? ctx : { ...ctx, release };
}
