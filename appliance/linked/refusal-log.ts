import type { Logger } from '../logger.js';
import { REFUSALS_MINUTE_MS } from './link-timings.js';

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
    // Refusals of one kind are logged at most once a minute, with how many were left unlogged.
    if (now - this.loggedAt < REFUSALS_MINUTE_MS) {
      this.unlogged++;
      return;
    }
    this.log.warn({ ...fields, alsoRefused: this.unlogged }, this.message);
    this.loggedAt = now;
    this.unlogged = 0;
  }
}

/** Refusals for several reasons, each counted and logged by its own RefusalLog (its message), and counted together. */
export class RefusalLogs<Reason extends string> {
  private readonly logs: Record<Reason, RefusalLog>;

  constructor(log: Logger, messages: Readonly<Record<Reason, string>>) {
    // Object.fromEntries loses the keys' type: they are those of `messages`.
    this.logs = Object.fromEntries(Object.entries<string>(messages).map(([reason, message]) => [reason, new RefusalLog(log, message)])) as Record<
      Reason,
      RefusalLog
    >;
  }

  /** One message refused for `reason`. */
  refused(reason: Reason, fields: Record<string, unknown>): void {
    this.logs[reason].refused(fields);
  }

  /** Refused since start, for any of the reasons. */
  get total(): number {
    return Object.values<RefusalLog>(this.logs).reduce((sum, log) => sum + log.count, 0);
  }
}
