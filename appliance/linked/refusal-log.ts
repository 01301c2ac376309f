import type { Logger } from '../logger.js';

/** Refusals of one kind are logged at most once per this long, with how many were left unlogged. */
const LOG_INTERVAL_MS = 60_000;

/**
 * Messages from other rooms refused for one reason, counted, and logged one line a minute at
 * most: any room on the broker can send them, and a room whose login was stolen must not fill
 * this room's log.
 */
export class RefusalLog {
  /** Refused since start. */
  count = 0;
  private loggedAt = Number.NEGATIVE_INFINITY;
  private unlogged = 0;

  constructor(
    private readonly log: Logger,
    private readonly message: string,
  ) {}

  refused(fields: Record<string, unknown>): void {
    this.count++;
    const now = Date.now();
    if (now - this.loggedAt < LOG_INTERVAL_MS) {
      this.unlogged++;
      return;
    }
    this.log.warn({ ...fields, alsoRefused: this.unlogged }, this.message);
    this.loggedAt = now;
    this.unlogged = 0;
  }
}
