/**
 * What a simulated visitor asks for, shared by the load script and the translator that turns it
 * into the dashboard's own HTTP requests (scripts/load/requests/page-requests.ts).
 */
export type PageName = "overview" | "unit" | "targets" | "explorer";

/** A page as its URL says: the route, the query string (as-of date, filters, chart settings) and, on a unit page, the unit. */
export interface PageState {
  page: PageName;
  query: Record<string, string>;
  unit?: string;
  /** The Explorer's "export CSV" link is followed as well. */
  exportCsv?: boolean;
}

/** One HTTP request as the browser sends it, relative to the server's origin. */
export interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A page load: the catalogue (`meta`, asked by every fresh page), the page's one batched request, and any CSV export. */
export interface PageRequests {
  state: PageState;
  batch: HttpRequest;
  export?: HttpRequest;
}

export interface TranslatedPages {
  meta: HttpRequest;
  pages: PageRequests[];
}
