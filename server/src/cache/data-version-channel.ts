import type { Redis } from "ioredis";
import type { DataStateCache } from "../semantic";
import type { RedisOutage } from "./redis-connection";

export const DATA_VERSION_CHANNEL = "sangkien:data-version";

/**
 * Tells every instance that the data version changed, over Redis pub/sub, so they read it again
 * at once instead of at their next recheck. Best effort: a message lost while Redis is away only
 * means the recheck (DATA_VERSION_RECHECK_MS) catches the change instead.
 */
export class DataVersionChannel {
  private subscribed = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly outage: RedisOutage,
  ) {
    // Subscribed again on every (re)connection: a subscription does not survive a restarted Redis.
    subscriber.on("ready", () => {
      subscriber.subscribe(DATA_VERSION_CHANNEL).then(
        () => (this.subscribed = true),
        (error) => outage.failed(error),
      );
    });
    subscriber.on("close", () => (this.subscribed = false));
  }

  /** Calls `listener` with each version another instance (or this one) announces. */
  listen(listener: (dataVersion: string) => void): void {
    this.subscriber.on("message", (channel: string, message: string) => {
      if (channel === DATA_VERSION_CHANNEL && /^\d+$/.test(message)) listener(message);
    });
  }

  /** Never throws: without Redis the other instances see the change at their recheck. */
  async announce(dataVersion: string): Promise<void> {
    try {
      await this.publisher.publish(DATA_VERSION_CHANNEL, dataVersion);
    } catch (error) {
      if (this.publisher.status === "ready") this.outage.failed(error);
    }
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }
}

/**
 * Loads this instance sees are announced to the others, and versions they announce make it read
 * the version again (unless it already has that one, so an announcement does not echo for ever).
 */
export function shareDataVersions(state: DataStateCache, channel: DataVersionChannel): void {
  state.onVersionChange((dataVersion) => void channel.announce(dataVersion));
  channel.listen((dataVersion) => {
    if (state.knownVersion !== dataVersion) state.invalidate();
  });
}
