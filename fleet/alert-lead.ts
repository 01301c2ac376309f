import type { Logger } from '../appliance/logger.js';
import type { AlertEngine } from './alert-rules.js';
import type { FleetChangeFeed } from './fleet-change-feed.js';
import type { FleetIngest } from './fleet-ingest.js';

interface AlertLeadOptions {
  /** Other instances' changes (PostgreSQL); undefined with SQLite, where this instance is alone and leads. */
  feed: FleetChangeFeed | undefined;
  ingest: FleetIngest;
  alerts: AlertEngine;
  /** What the instance that takes the rules finds already true (alert-seeding.ts). */
  seed(): Promise<void>;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * One instance runs the alert rules (with PostgreSQL, the holder of an advisory lock), and it
 * sees every instance's changes: a device that went offline through one instance and came
 * back through another must resolve, and an alert must go out once. The others ask for the
 * lead every second and take it, seeded, when its holder's connection is gone.
 */
export class AlertLead {
  private leading: boolean;
  private seeking = false;
  private readonly ticker: NodeJS.Timeout;

  private constructor(private readonly o: AlertLeadOptions) {
    this.leading = !o.feed;
    o.ingest.on('changes', (changes) => this.leading && o.alerts.observe(changes));
    o.feed?.on('changes', (changes) => this.leading && o.alerts.observe(changes));
    o.feed?.on('lost', () => {
      if (this.leading) o.log.warn('this fleet instance lost the alert lead with its database connection');
      this.leading = false;
      o.alerts.reset();
    });
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
  }

  /** Alone (SQLite), this instance leads at once and is seeded before it hears anything. */
  static async start(o: AlertLeadOptions): Promise<AlertLead> {
    if (!o.feed) await o.seed();
    return new AlertLead(o);
  }

  /** Whether this instance runs the alert rules now. */
  get leads(): boolean {
    return this.leading;
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  private tick(): void {
    const { feed, alerts, log } = this.o;
    if (this.leading) return alerts.tick();
    if (!feed || this.seeking) return;
    this.seeking = true;
    feed
      .tryLead()
      .then(async (won) => {
        if (!won) return;
        await this.o.seed();
        this.leading = true;
        log.info('this fleet instance runs the alert rules');
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'the fleet could not ask for the alert lead'))
      .finally(() => (this.seeking = false));
  }
}
