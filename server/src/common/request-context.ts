import type { DataSource } from "typeorm";
import type { Role } from "../auth/roles";

/** What every resolver and service receives first: who asks, in which language, and the request's id for logs. */
export interface RequestContext {
  requestId: string;
  locale: "vi" | "en";
  dataSource: DataSource;
  /** public (anonymous), leadership or admin (bearer token). Absent means public. */
  role?: Role;
}
