import autocannon from "autocannon";
import type { HttpRequest, PageRequests, TranslatedPages } from "./page-request";

/** The drawn visits, handed out in order to every connection of every phase, starting over at the end. */
export class VisitQueue {
  private cursor = 0;

  constructor(readonly translated: TranslatedPages) {
    if (!translated.pages.length) throw new Error("no page loads to send");
  }

  get meta(): HttpRequest {
    return this.translated.meta;
  }

  next(): PageRequests {
    return this.translated.pages[this.cursor++ % this.translated.pages.length]!;
  }

  /** Requests per page load on average: meta and the page, plus the exports. */
  requestsPerPage(): number {
    return 2 + this.translated.pages.filter((p) => p.export).length / this.translated.pages.length;
  }
}

/** What a Vietnamese reader's browser adds to every request. */
const BROWSER_HEADERS = { "accept-language": "vi-VN,vi;q=0.9,en;q=0.8", "user-agent": "sang-kien-load/1" };

export type RequestKind = "meta" | PageRequests["state"]["page"] | "export";

export interface KindStats {
  count: number;
  /** Non-2xx answers, and 200s whose body carries GraphQL errors. */
  errors: number;
  /** Milliseconds, in arrival order. */
  latencies: number[];
}

export interface DashboardRun {
  seconds: number;
  connections: number;
  /** Page loads asked per minute (0: as fast as the server answers). */
  offeredPerMinute: number;
  pageLoads: number;
  requests: number;
  byKind: Map<RequestKind, KindStats>;
  /** Per page load: the slower of `meta` and the page's batch, which a browser sends side by side. */
  pageLatencies: number[];
  /** Connection errors and timeouts (no HTTP answer at all). */
  transportErrors: number;
  /** First few error bodies, to say what went wrong. */
  errorSamples: string[];
  /** When each failed answer came, in seconds from the start. */
  errorTimes: number[];
}

interface VisitContext {
  page?: PageRequests;
  kind?: RequestKind;
  metaMs?: number;
  failed?: boolean;
}

/** "overview 200: SERVER_BUSY at provinceMap", or the start of the body when it is not a GraphQL error. */
function describeFailure(kind: RequestKind, status: number, body: string): string {
  const code = /"code":"(\w+)"/.exec(body)?.[1];
  const field = /"path":\["(\w+)"/.exec(body)?.[1];
  return code ? `${kind} ${status}: ${code}${field ? ` at ${field}` : ""}` : `${kind} ${status}: ${body.slice(0, 200)}`;
}

/** Paced load runs in this many autocannon instances started evenly over a second (see `slices`). */
const PACED_SLICES = 20;

/**
 * autocannon paces by allowing each connection so many requests per second, counted from the
 * same instant for every connection of an instance: one instance sends each second's requests
 * in one burst, and the burst's queue, not the server, would set the p95. Instances started
 * 1/20 s apart spread the same rate into small bursts 50 ms apart, closer to readers arriving
 * independently; each has as many connections as requests a second (the most autocannon allows),
 * so a slow answer holds up as little of the rate as it can. Unpaced load is one instance.
 */
function slices(
  requestsPerSecond: number,
  connections: number,
): Array<{ startMs: number; overallRate?: number; connections: number }> {
  if (requestsPerSecond <= 0) return [{ startMs: 0, connections }];
  const count = Math.min(PACED_SLICES, requestsPerSecond);
  return Array.from({ length: count }, (_, i) => {
    const rate = Math.floor(requestsPerSecond / count) + (i < requestsPerSecond % count ? 1 : 0);
    return { startMs: (1000 * i) / count, overallRate: rate, connections: rate };
  });
}

/**
 * Simulated readers with autocannon: each connection loads pages one after another, taking the
 * next of the drawn visits: the catalogue, the page's batch, and the CSV export when the visit
 * has one. With a rate, the pages are paced to it.
 */
export async function driveDashboard(
  entry: URL,
  visits: VisitQueue,
  options: { seconds: number; connections: number; pageLoadsPerMinute: number },
): Promise<DashboardRun> {
  const byKind = new Map<RequestKind, KindStats>();
  const pageLatencies: number[] = [];
  const errorSamples: string[] = [];
  const errorTimes: number[] = [];
  const started = performance.now();
  const stats = (kind: RequestKind) =>
    byKind.get(kind) ?? byKind.set(kind, { count: 0, errors: 0, latencies: [] }).get(kind)!;
  const request = (base: autocannon.Request, sent: HttpRequest): autocannon.Request => ({
    ...base,
    method: sent.method,
    path: sent.path,
    headers: { ...sent.headers, ...BROWSER_HEADERS },
  });
  const onResponse = (status: number, body: string, context: object) => {
    const visit = context as VisitContext;
    visit.failed = status < 200 || status >= 300 || body.includes('"errors":');
    if (visit.failed && errorSamples.length < 5) errorSamples.push(describeFailure(visit.kind!, status, body));
  };
  const requests: autocannon.Request[] = [
    {
      setupRequest: (base, context) => {
        const visit = context as VisitContext;
        visit.page = visits.next();
        visit.kind = "meta";
        return request(base, visits.meta);
      },
      onResponse,
    },
    {
      setupRequest: (base, context) => {
        const visit = context as VisitContext;
        visit.kind = visit.page!.state.page;
        return request(base, visit.page!.batch);
      },
      onResponse,
    },
    {
      // No export in this visit: a falsy request makes autocannon start the next visit.
      setupRequest: (base, context) => {
        const visit = context as VisitContext;
        if (!visit.page!.export) return undefined as unknown as autocannon.Request;
        visit.kind = "export";
        return request(base, visit.page!.export);
      },
      onResponse,
    },
  ];
  const run = (slice: ReturnType<typeof slices>[number]) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      setTimeout(() => {
        const settings: autocannon.Options = {
          url: entry.origin,
          connections: slice.connections,
          duration: options.seconds,
          timeout: 30,
          requests,
          ...(slice.overallRate ? { overallRate: slice.overallRate } : {}),
        };
        const instance = autocannon(settings, (error, done) => (error ? reject(error) : resolve(done)));
        // Fired right after onResponse, before the connection's next request: the context is still this request's.
        instance.on("response", (client, _status, _bytes, ms) => {
          const visit = (client as unknown as { requestIterator: { context: VisitContext } }).requestIterator.context;
          const kind = visit.kind!;
          const kindStats = stats(kind);
          kindStats.count++;
          kindStats.latencies.push(ms);
          if (visit.failed) {
            kindStats.errors++;
            errorTimes.push((performance.now() - started) / 1000);
          }
          if (kind === "meta") visit.metaMs = ms;
          else if (kind !== "export") pageLatencies.push(Math.max(ms, visit.metaMs ?? 0));
        });
      }, slice.startMs);
    });
  const requestsPerSecond = Math.round((options.pageLoadsPerMinute / 60) * visits.requestsPerPage());
  const results = await Promise.all(slices(requestsPerSecond, options.connections).map(run));
  return {
    seconds: options.seconds,
    connections: options.connections,
    offeredPerMinute: options.pageLoadsPerMinute,
    pageLoads: pageLatencies.length,
    requests: [...byKind.values()].reduce((sum, s) => sum + s.count, 0),
    byKind,
    pageLatencies,
    transportErrors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    errorSamples,
    errorTimes,
  };
}

/** The q-quantile (0–1) of some milliseconds, by the nearest-rank method. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
