import { RoomctlError } from '../../drivers/core/errors.js';
import type { WebhookChannelConfig } from './notify-config.js';
import type { NotifyMessage, NotifyRoom } from './notify-message.js';
import { webhookRequest } from './webhook-formats.js';
import { webhookVerdict } from './webhook-verdict.js';

/**
 * A send that did not go through. `permanent`: the same request can never work (the outbox
 * gives it up at once); `retryAfterMs`: the tool said when to come back.
 */
export class NotifyFailure extends RoomctlError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super('ROOMCTL_E_NOTIFY_FAILED', message, { permanent, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
}

/** Posts one message to one chat webhook; throws a NotifyFailure when it is not accepted. */
export async function sendWebhook(channel: WebhookChannelConfig, message: NotifyMessage, room: NotifyRoom, now: Date, timeoutMs = 10_000): Promise<string> {
  const request = webhookRequest(channel, message, room, now);
  let response: Response;
  try {
    // redirect: 'manual' — a webhook that redirects is misconfigured; following it would post the message elsewhere.
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const reason =
      (err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
    throw new NotifyFailure(`Webhook ${channel.id} (${channel.format}) could not be reached: ${reason}`, false);
  }
  const body = await response.text().catch(() => '');
  const verdict = webhookVerdict(channel.format, response.status, body, response.headers.get('retry-after'), now);
  if (!verdict.ok)
    throw new NotifyFailure(
      `Webhook ${channel.id} (${channel.format}) ${verdict.detail}${verdict.permanent ? ' (permanent: fix the webhook or the message, then retry)' : ''}`,
      verdict.permanent,
      verdict.retryAfterMs,
    );
  return verdict.detail;
}
