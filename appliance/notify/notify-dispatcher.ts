import { toRoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { Clock, TimerHandle } from '../schedule/clock.js';
import { DrainRunner } from '../store/drain-runner.js';
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

/** Delay before attempt n+1: first × 2^(n-1), capped. */
export function retryDelayMs(attempts: number, firstSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, firstSeconds * 2 ** Math.max(0, attempts - 1)) * 1000;
}

/** The tool's own Retry-After wins over our backoff (kept within a day), so a rate limit is not hammered. */
function nextDelayMs(err: unknown, attempts: number, retry: NonNullable<NotificationsConfig['retry']>): number {
  const asked = err instanceof NotifyFailure ? err.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(86_400_000, Math.max(1000, asked));
  return retryDelayMs(attempts, retry.firstDelaySeconds ?? 30, retry.maxDelaySeconds ?? 3600);
}

/**
 * Sends what the outbox holds, one entry at a time, in the background: the room never waits
 * for a mail server. A failure is written back with the next attempt time (exponential
 * backoff); after `maxAttempts` the entry is `dead` but kept, and can be retried by the API.
 */
export class NotifyDispatcher {
  private readonly email: EmailSender | undefined;
  private readonly drainer = new DrainRunner(async (isStopped) => {
    for (const entry of this.options.outbox.due(this.options.clock.now())) {
      if (isStopped()) return;
      await this.sendOne(entry);
    }
  });
  private timer: TimerHandle | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.email = options.config.email ? new EmailSender(options.config.email) : undefined;
  }

  start(): void {
    this.timer = this.options.clock.setInterval(() => this.drain(), this.options.pollMs ?? 5000);
  }

  /** Something was queued: send it now, without waiting for the next poll. */
  kick(): void {
    void this.drain();
  }

  /** Sends every entry that is due; resolves when this round is done (tests, shutdown). */
  drain(): Promise<void> {
    return this.drainer.run();
  }

  private async sendOne(entry: OutboxEntry): Promise<void> {
    const { outbox, config, clock, log, room } = this.options;
    try {
      if (entry.channel === 'email') {
        if (!this.email) throw new Error('no email channel is configured');
        await this.email.send(entry.recipients, entry.message);
      } else {
        const hook = config.webhooks?.find((w) => w.id === entry.channel);
        if (!hook) throw new Error(`no webhook "${entry.channel}" is configured`);
        await sendWebhook(hook, entry.message, room, clock.now());
      }
      outbox.markSent(entry.id, clock.now());
      log.debug({ id: entry.id, channel: entry.channel, kind: entry.kind }, 'notification sent');
    } catch (err) {
      const error = toRoomctlError(err, 'ROOMCTL_E_NOTIFY_FAILED');
      const permanent = err instanceof NotifyFailure && err.permanent;
      const retry = config.retry ?? {};
      const attempts = entry.attempts + 1;
      const dead = permanent || attempts >= (retry.maxAttempts ?? 50);
      const next = new Date(clock.now().getTime() + nextDelayMs(err, attempts, retry));
      outbox.markFailed(entry.id, `${error.code}: ${error.message}`, next, dead, permanent ? 'permanent' : 'temporary');
      log.warn({ id: entry.id, channel: entry.channel, attempts, dead, permanent, err: error.message }, dead ? 'notification given up' : 'notification failed, will retry');
    }
  }

  async stop(): Promise<void> {
    this.options.clock.clearTimeout(this.timer);
    await this.drainer.stop().catch(() => undefined);
    this.email?.close();
  }
}
