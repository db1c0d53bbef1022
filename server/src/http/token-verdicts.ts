import { createHash } from "node:crypto";

export type TokenVerdict =
  | { kind: "none" }
  | { kind: "unknown"; fingerprint: string }
  | { kind: "good"; fingerprint: string }
  | { kind: "bad"; fingerprint: string; reason: string };

/**
 * What this process learnt of the Authorization headers it saw in the last window or two, by a
 * SHA-256 of the header (never the header itself).
 *
 * A header that failed is answered 401 again without asking the database: a token unknown now
 * cannot become valid (tokens are random and made here) and a revoked one stays revoked, so
 * remembering failures is safe, and it stops one bad token repeated in a loop from costing a
 * lookup each time. A header that passed lets its holder through the rate limit of its address
 * (token holders are not limited), but is still checked against the database on every request,
 * so a revocation takes effect at once.
 *
 * Bounded: two generations of at most `maxEntries` each; every window the older one is dropped.
 * When the current one is full, new verdicts are not remembered (they cost a lookup, which the
 * failed-authentication limit of each address bounds).
 */
export class TokenVerdicts {
  private current = new Map<string, { good: true } | { good: false; reason: string }>();
  private previous = new Map<string, { good: true } | { good: false; reason: string }>();
  private generationStart: number;

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.generationStart = now();
  }

  of(authorization: string | undefined): TokenVerdict {
    if (!authorization?.trim()) return { kind: "none" };
    const fingerprint = createHash("sha256").update(authorization.trim()).digest("base64url");
    this.rotate();
    const known = this.current.get(fingerprint) ?? this.previous.get(fingerprint);
    if (!known) return { kind: "unknown", fingerprint };
    return known.good ? { kind: "good", fingerprint } : { kind: "bad", fingerprint, reason: known.reason };
  }

  rememberGood(fingerprint: string): void {
    this.remember(fingerprint, { good: true });
  }

  rememberBad(fingerprint: string, reason: string): void {
    this.remember(fingerprint, { good: false, reason });
  }

  private remember(fingerprint: string, verdict: { good: true } | { good: false; reason: string }): void {
    this.rotate();
    // A revoked token flips from good to bad: the older generation must not keep saying good.
    this.previous.delete(fingerprint);
    if (this.current.size < this.maxEntries || this.current.has(fingerprint)) this.current.set(fingerprint, verdict);
  }

  private rotate(): void {
    const t = this.now();
    if (t - this.generationStart < this.windowMs) return;
    // Two windows without a visit: both generations go.
    this.previous = t - this.generationStart < 2 * this.windowMs ? this.current : new Map();
    this.current = new Map();
    this.generationStart = t;
  }
}
