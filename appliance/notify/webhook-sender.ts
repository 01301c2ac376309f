import { RoomctlError } from '../../drivers/core/errors.js';
import type { WebhookChannelConfig } from './notify-config.js';
import type { NotifyMessage, NotifyRoom } from './notify-message.js';
import { acceptedBy, webhookRequest } from './webhook-formats.js';

/** Posts one message to one chat webhook; throws ROOMCTL_E_NOTIFY_FAILED when it is not accepted. */
export async function sendWebhook(channel: WebhookChannelConfig, message: NotifyMessage, room: NotifyRoom, now: Date, timeoutMs = 10_000): Promise<string> {
  const request = webhookRequest(channel, message, room, now);
  let response: Response;
  try {
    response = await fetch(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(request.body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
    throw new RoomctlError('ROOMCTL_E_NOTIFY_FAILED', `Webhook ${channel.id} (${channel.format}) could not be reached: ${reason}`);
  }
  const verdict = acceptedBy(channel.format, response.status, await response.text().catch(() => ''));
  if (!verdict.ok) throw new RoomctlError('ROOMCTL_E_NOTIFY_FAILED', `Webhook ${channel.id} (${channel.format}) ${verdict.detail}`);
  return verdict.detail;
}
