import { AsyncLocalStorage, createHook } from "node:async_hooks";
import type { Response } from "express";
import type { WatchdogState } from "./shared-state";

/**
 * Which request the main thread is running, kept where the watchdog can read it while that thread is
 * stuck. Each request's handling runs under its ticket (AsyncLocalStorage carries it through awaits,
 * timers and callbacks); just before any callback runs, a hook writes the callback's ticket to shared
 * memory. When the loop blocks, the last ticket written is the one whose code blocked it, however
 * many requests are open. Off (no hook, no store) unless the watchdog runs: tests and scripts pay nothing.
 * The price, in Node 20: every promise and callback carries the ticket, about 0.2–0.4 µs per awaited
 * call (measured alone); a noisy 2-core VM showed up to a tenth more CPU for a request answered from
 * memory through the resolvers, nothing beside a request that waits for PostgreSQL.
 */
const ticketOf = new AsyncLocalStorage<number>();
let shared: WatchdogState | undefined;

export function trackRunningRequests(state: WatchdogState): void {
  if (shared) return;
  shared = state;
  createHook({ before: () => state.setRunning(ticketOf.getStore() ?? 0) }).enable();
}

/** Runs the rest of a request's handling (`next`) as that request, until its response closes. */
export function runAsRequest(requestId: string, res: Response, next: () => void): void {
  const state = shared;
  if (!state) return next();
  const ticket = state.openRequest(requestId);
  res.once("close", () => state.closeRequest());
  // The middleware chain goes on synchronously from here, before any hook would say whose code it is.
  state.setRunning(ticket);
  ticketOf.run(ticket, next);
}
