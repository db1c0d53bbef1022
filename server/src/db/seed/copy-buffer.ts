/**
 * Builds COPY text straight into bytes. Formatting millions of rows as JS strings spends most of
 * its time in the garbage collector; digits written into a reused buffer do not.
 */
export class CopyBuffer {
  private bytes: Buffer;
  private length = 0;
  /** "YYYY-MM-DDT" of each UTC day met so far: a few hundred days, formatted once each. */
  private readonly dayPrefixes = new Map<number, Buffer>();
  private readonly digits = new Uint8Array(24);

  constructor(capacity = 1 << 22) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** A whole number (safe integers; benefit in VND goes up to about 10^13). */
  int(value: number): this {
    this.reserve(21);
    let n = value;
    if (n < 0) {
      this.bytes[this.length++] = 45;
      n = -n;
    }
    // Most numbers here are ids and codes below 2^31: integer arithmetic, digits written in place.
    if (n < 2_147_483_648) {
      let digits = 1;
      for (let limit = 10; n >= limit && digits < 10; limit *= 10) digits++;
      let at = this.length + digits;
      this.length = at;
      do {
        const rest = (n / 10) | 0;
        this.bytes[--at] = 48 + n - rest * 10;
        n = rest;
      } while (n > 0);
      return this;
    }
    let count = 0;
    while (n > 0) {
      const digit = n % 10;
      this.digits[count++] = 48 + digit;
      n = (n - digit) / 10;
    }
    while (count > 0) this.bytes[this.length++] = this.digits[--count]!;
    return this;
  }

  /** ASCII text that needs no COPY escaping (codes, ids). */
  ascii(value: string): this {
    this.reserve(value.length);
    this.length += this.bytes.write(value, this.length, "latin1");
    return this;
  }

  /** Free text in UTF-8, escaped for COPY (backslash, tab, line breaks). */
  text(value: string): this {
    const escaped = /[\\\t\n\r]/.test(value)
      ? value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!)
      : value;
    this.reserve(Buffer.byteLength(escaped));
    this.length += this.bytes.write(escaped, this.length, "utf8");
    return this;
  }

  /** ISO-8601 UTC instant with milliseconds, e.g. 2022-10-03T08:34:18.458Z. */
  instant(ms: number): this {
    const day = Math.floor(ms / 86_400_000);
    let prefix = this.dayPrefixes.get(day);
    if (!prefix) {
      prefix = Buffer.from(new Date(day * 86_400_000).toISOString().slice(0, 11), "latin1");
      this.dayPrefixes.set(day, prefix);
    }
    this.reserve(24);
    prefix.copy(this.bytes, this.length);
    this.length += prefix.length;
    const within = ms - day * 86_400_000;
    this.two(Math.floor(within / 3_600_000));
    this.bytes[this.length++] = 58;
    this.two(Math.floor((within % 3_600_000) / 60_000));
    this.bytes[this.length++] = 58;
    this.two(Math.floor((within % 60_000) / 1000));
    this.bytes[this.length++] = 46;
    const millis = within % 1000;
    this.bytes[this.length++] = 48 + Math.floor(millis / 100);
    this.bytes[this.length++] = 48 + (Math.floor(millis / 10) % 10);
    this.bytes[this.length++] = 48 + (millis % 10);
    this.bytes[this.length++] = 90;
    return this;
  }

  nil(): this {
    this.reserve(2);
    this.bytes[this.length++] = 92;
    this.bytes[this.length++] = 78;
    return this;
  }

  tab(): this {
    this.reserve(1);
    this.bytes[this.length++] = 9;
    return this;
  }

  endRow(): this {
    this.reserve(1);
    this.bytes[this.length++] = 10;
    return this;
  }

  /** The bytes written so far, as a new Buffer; the buffer starts again empty. */
  take(): Buffer {
    const out = Buffer.from(this.bytes.subarray(0, this.length));
    this.length = 0;
    return out;
  }

  private two(n: number): void {
    this.bytes[this.length++] = 48 + Math.floor(n / 10);
    this.bytes[this.length++] = 48 + (n % 10);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
}
