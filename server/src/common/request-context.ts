import type { Role } from "../auth/roles";

/**
 * What every resolver and service receives first: who asks, in which language, and the request's id
 * for logs. No handle on the database: data is reached through the services the container injects.
 */
export interface RequestContext {
  requestId: string;
  locale: "vi" | "en";
  /** public (anonymous), leadership or admin (bearer token). Absent means public. */
  role?: Role;
  /** The release a field asks for (its `release:` argument), set by the resolver: an id, "live", or absent for the default. */
  release?: string;
}
