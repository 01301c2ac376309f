import { toRoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../model/clock.js';
import { backoffMs, Outbox as DurableOutbox } from '../model/outbox.js';
import { EmailSender } from './email-sender.js';
import type { NotificationsConfig } from './notify-config.js';
import type { NotifyRoom } from './notify-message.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { NotifyFailure, sendWebhook } from './webhook-sender.js';

interface DispatcherOptions {
  outbox: Outbox;
  config: NotificationsConfig;
  room: NotifyRoom;
  clock: Clock;
  log: Logger;
  /** How often the outbox is looked at for entries due again. */
  pollMs?: number;
}

/** The tool's own Retry-After wins over our backoff (kept within a day), so a rate limit is not hammered. */
function nextDelayMs(err: unknown, attempts: number, retry: NonNullable<NotificationsConfig['retry']>): number {
  const asked = err instanceof NotifyFailure ? err.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(86_400_000, Math.max(1000, asked));
  // Delay before attempt n+1: first × 2^(n-1), capped (the fleet's alerts use the same curve).
  return backoffMs(attempts, retry.firstDelaySeconds ?? 30, retry.maxDelaySeconds ?? 3600);
}

const isPermanent = (err: unknown) => err instanceof NotifyFailure && err.permanent;

/**
 * Sends what the outbox holds, one entry at a time, in the background: the room never waits
 * for a mail server. A failure is written back with the next attempt time (exponential
 * backoff); after `maxAttempts` the entry is `dead` but kept, and can be retried by the API.
 */
export class NotifyDispatcher {
  private readonly email: EmailSender | undefined;
  private readonly delivery: DurableOutbox<OutboxEntry>;

  constructor(private readonly options: DispatcherOptions) {
    this.email = options.config.email ? new EmailSender(options.config.email) : undefined;
    const { outbox, config, clock, log } = options;
    const retry = config.retry ?? {};
    this.delivery = new DurableOutbox<OutboxEntry>({
      table: {
        due: (now, limit) => outbox.due(new Date(now), limit),
        attemptsOf: (entry) => entry.attempts,
        markSent: (entry, now) => outbox.markSent(entry.id, new Date(now)),
        markFailed: (entry, { error, nextAttemptAt, dead }) => {
          const coded = toRoomctlError(error, 'ROOMCTL_E_NOTIFY_FAILED');
          outbox.markFailed(entry.id, `${coded.code}: ${coded.message}`, new Date(nextAttemptAt), dead, isPermanent(error) ? 'permanent' : 'temporary');
        },
      },
      send: (entry) => this.sendOne(entry),
      retryDelayMs: (attempts, error) => nextDelayMs(error, attempts, retry),
      giveUp: (attempts, error) => isPermanent(error) || attempts >= (retry.maxAttempts ?? 50),
      onSent: (entry) => log.debug({ id: entry.id, channel: entry.channel, kind: entry.kind }, 'notification sent'),
      onFailure: ({ entry, error, attempts, dead }) => {
        const permanent = isPermanent(error);
        log.warn(
          { id: entry.id, channel: entry.channel, attempts, dead, permanent, err: toRoomctlError(error, 'ROOMCTL_E_NOTIFY_FAILED').message },
          dead ? 'notification given up' : 'notification failed, will retry',
        );
      },
      batch: 20,
      clock,
    });
  }

  start(): void {
    this.delivery.start(this.options.pollMs ?? 5000);
  }

  /** Something was queued: send it now, without waiting for the next poll. */
  kick(): void {
    this.delivery.kick();
  }

  /** Sends every entry that is due; resolves when this round is done (tests, shutdown). */
  drain(): Promise<void> {
    return this.delivery.drain();
  }

  private async sendOne(entry: OutboxEntry): Promise<void> {
    const { config, clock, room } = this.options;
    if (entry.channel === 'email') {
      if (!this.email) throw new Error('no email channel is configured');
      await this.email.send(entry.recipients, entry.message);
    } else {
      const hook = config.webhooks?.find((w) => w.id === entry.channel);
      if (!hook) throw new Error(`no webhook "${entry.channel}" is configured`);
      await sendWebhook(hook, entry.message, room, clock.now());
    }
  }

  async stop(): Promise<void> {
    await this.delivery.stop().catch(() => undefined);
    this.email?.close();
  }
}
