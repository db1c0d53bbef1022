/** Series of a Prometheus text page, by name and labels as written: `name{a="x",b="y"}` → value. */
export type Series = Map<string, number>;

export async function scrape(instance: URL): Promise<Series> {
  const response = await fetch(new URL("/metrics", instance));
  if (!response.ok) throw new Error(`GET ${instance.origin}/metrics answered ${response.status}`);
  const series: Series = new Map();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{.*\})?) (\S+)$/.exec(line);
    if (match) series.set(match[1]!, Number(match[2]));
  }
  return series;
}

/** The sum of a metric's series whose labels include all of `labels`. */
export function total(series: Series, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [key, value] of series) {
    const brace = key.indexOf("{");
    if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) sum += value;
  }
  return sum;
}

/** Scrapes of every instance before and after a phase, and what grew between them, summed over instances. */
export class MetricsWindow {
  private constructor(
    private readonly instances: URL[],
    private readonly before: Series[],
    private after: Series[] = [],
  ) {}

  static async open(instances: URL[]): Promise<MetricsWindow> {
    return new MetricsWindow(instances, await Promise.all(instances.map(scrape)));
  }

  async close(): Promise<this> {
    this.after = await Promise.all(this.instances.map(scrape));
    return this;
  }

  grew(name: string, labels: Record<string, string> = {}): number {
    return this.after.reduce(
      (sum, series, i) => sum + total(series, name, labels) - total(this.before[i]!, name, labels),
      0,
    );
  }
}
