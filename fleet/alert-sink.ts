import { createHmac } from 'node:crypto';
import { RoomctlError } from '../drivers/core/errors.js';

/** Every rule the fleet runs: the dashboard words each one in the operator's language. */
export const ALERT_RULES = ['device-offline', 'room-offline', 'problem-report', 'help-request', 'self-test'] as const;
type AlertRule = (typeof ALERT_RULES)[number];

/**
 * What an alert's words are made of, so the dashboard can say them in the operator's language
 * (`title` and `text` are the English a webhook or a chat gets): `forS` how long the condition
 * has lasted, `detail` the device's own words, `message`/`comment`/`categories` the room's.
 */
type AlertParams = Record<string, string | number | null>;

/** One alert as the fleet sends it: a rule firing, or resolving when the condition ends. */
export interface Alert {
  /** The same key for the firing and the resolved alert of one incident. */
  key: string;
  rule: AlertRule;
  state: 'firing' | 'resolved';
  site: string;
  room: string;
  deviceId?: string;
  title: string;
  text: string;
  params: AlertParams;
  /** ISO time the condition started (firing) or ended (resolved). */
  at: string;
}

/** A notification channel for alerts. Throw to have the delivery retried later. */
export interface AlertSink {
  readonly id: string;
  send(alert: Alert): Promise<void>;
}

/**
 * A generic JSON webhook: POSTs `{source, ...alert}`. With a secret, the body is signed
 * (`X-Roomctl-Signature: sha256=<hex HMAC of the body>`) so the receiver can trust it.
 */
export class WebhookAlertSink implements AlertSink {
  readonly id: string;

  constructor(
    private readonly url: string,
    private readonly options: { id?: string; secret?: string; timeoutMs?: number } = {},
  ) {
    this.id = options.id ?? `webhook:${new URL(url).host}`;
  }

  async send(alert: Alert): Promise<void> {
    const body = JSON.stringify({ source: 'roomctl-fleet', ...alert });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.secret) headers['x-roomctl-signature'] = `sha256=${createHmac('sha256', this.options.secret).update(body).digest('hex')}`;
    let response: Response;
    try {
      response = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (err) {
      const cause = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
      throw new RoomctlError('ROOMCTL_E_NOTIFY_FAILED', `Alert webhook ${this.id} could not be reached: ${cause}`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new RoomctlError('ROOMCTL_E_NOTIFY_FAILED', `Alert webhook ${this.id} answered HTTP ${response.status}`);
  }
}
