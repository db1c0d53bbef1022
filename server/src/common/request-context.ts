import type { DataSource } from "typeorm";

/** What every resolver and service receives first: who asks, in which language, and the request's id for logs. */
export interface RequestContext {
  requestId: string;
  locale: "vi" | "en";
  dataSource: DataSource;
}
