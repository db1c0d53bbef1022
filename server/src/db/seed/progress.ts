/** A one-line progress bar on a terminal; plain lines every 10% elsewhere (CI logs, pipes). */
export class Progress {
  private total = 0;
  private done = 0;
  private label = "";
  private lastPercent = -1;
  private started = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(out.isTTY);
  }

  start(label: string, total: number): void {
    this.label = label;
    this.total = Math.max(1, total);
    this.done = 0;
    this.lastPercent = -1;
    this.started = Date.now();
    this.draw();
  }

  advance(n: number): void {
    this.done += n;
    this.draw();
  }

  finish(): void {
    const alreadyShown = this.lastPercent === 100;
    this.done = this.total;
    if (!alreadyShown) this.draw(true);
    if (this.tty && !this.quiet) this.out.write("\n");
  }

  note(message: string): void {
    if (!this.quiet) this.out.write(`${message}\n`);
  }

  private draw(force = false): void {
    if (this.quiet) return;
    const percent = Math.floor((100 * this.done) / this.total);
    if (!force && percent === this.lastPercent) return;
    const step = this.tty ? 1 : 10;
    if (!force && Math.floor(percent / step) === Math.floor(this.lastPercent / step)) return;
    this.lastPercent = percent;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const counts = `${this.done.toLocaleString("vi-VN")}/${this.total.toLocaleString("vi-VN")}`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((width * percent) / 100);
      this.out.write(
        `\r${this.label.padEnd(22)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}% ${counts} ${seconds}s`,
      );
    } else {
      this.out.write(`${this.label}: ${percent}% (${counts}, ${seconds}s)\n`);
    }
  }
}
