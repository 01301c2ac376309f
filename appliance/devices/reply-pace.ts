/**
 * How fast a device answers, from its last few watchdog probes. The supervisor uses it to
 * tell a slow device from a dead one: the probe timeout stretches to a few times the slowest
 * recent reply (a projector taking 1–2 s per reply is slow, not gone), and a median above the
 * driver's "slow" mark makes the device `degraded` with words ("answers in 1.8 s").
 */
export class ReplyPace {
  private readonly recent: number[] = [];

  constructor(
    /** The least probe timeout: the driver's or the device config's. */
    private readonly floorMs: number,
    /** Above this median the device is slow. */
    private readonly slowMs: number,
    private readonly window = 8,
    /** How many times the slowest recent reply a probe may take before it is silence. */
    private readonly headroom = 4,
    /** A device that needs longer than this to answer is not usable, slow or not. */
    private readonly ceilingMs = 60_000,
  ) {}

  /** A probe answered in `ms` (not counting time spent waiting behind user actions). */
  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.window) this.recent.shift();
  }

  get timeoutMs(): number {
    const slowest = this.recent.length ? Math.max(...this.recent) : 0;
    return Math.round(Math.min(this.ceilingMs, Math.max(this.floorMs, this.headroom * slowest)));
  }

  get medianMs(): number | undefined {
    if (this.recent.length === 0) return undefined;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** "answers in 1.8 s" when the device is slow, else undefined. */
  get slowDetail(): string | undefined {
    const median = this.medianMs;
    if (median === undefined || median <= this.slowMs) return undefined;
    return `answers in ${(median / 1000).toFixed(1)} s`;
  }
}
