/**
 * Reconnect delays: fast at first (a replugged cable is back within ~2 s), capped so a dead
 * device costs one attempt a second, with jitter so a room of devices does not retry in step.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 100,
    private readonly maxMs = 1000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}

/**
 * Retries after a device refused the credentials. Real cameras and displays lock an account
 * after a few failed logins (and some then refuse the right password for minutes), so the
 * first retries come at 5, 10 and 20 s (a password being fixed right now gets in soon), then
 * at least a minute apart, doubling to ten minutes. Jitter only ever lengthens a delay, so
 * the guarantees hold: at most 5 attempts in the first minute, then ≥ 60 s between attempts.
 */
export class AuthBackoff {
  static readonly FIRST_DELAYS_MS = [5_000, 10_000, 20_000] as const;
  static readonly SLOW_MIN_MS = 60_000;
  static readonly SLOW_MAX_MS = 600_000;
  private attempt = 0;

  constructor(private readonly random: () => number = Math.random) {}

  next(): number {
    const first = AuthBackoff.FIRST_DELAYS_MS;
    const slowStep = this.attempt - first.length;
    const base = slowStep < 0 ? first[this.attempt]! : Math.min(AuthBackoff.SLOW_MAX_MS, AuthBackoff.SLOW_MIN_MS * 2 ** slowStep);
    this.attempt++;
    return Math.round(base * (1 + 0.2 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
