import { readFile } from 'node:fs/promises';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { RoomctlError } from '../drivers/core/errors.js';
import { EmailSender } from '../appliance/notify/email-sender.js';
import { NotificationsSection, type NotificationsConfig } from '../appliance/notify/notify-config.js';
import type { NotifyMessage } from '../appliance/notify/notify-message.js';
import { sendWebhook } from '../appliance/notify/webhook-sender.js';
import type { Alert, AlertSink } from './alert-sink.js';

/** An alert in the notification module's words: kind `problem`, a title, plain-text lines. */
function alertMessage(alert: Alert): NotifyMessage {
  const lines = [alert.text, `- room: ${alert.site}/${alert.room}`];
  if (alert.deviceId) lines.push(`- device: ${alert.deviceId}`);
  lines.push(`- ${alert.state === 'firing' ? 'since' : 'at'}: ${alert.at}`);
  return { kind: 'problem', title: alert.state === 'resolved' ? `Resolved: ${alert.title}` : alert.title, text: lines.join('\n'), data: { ...alert } };
}

/**
 * The same channels as the rooms' notifications (appliance/notify: WeCom, DingTalk, Feishu,
 * Slack, Teams, JSON webhooks and SMTP to the facilities addresses), as alert sinks. The
 * fleet keeps its own outbox (fleet_alerts), so each send here is one attempt.
 */
export function notifyAlertSinks(config: NotificationsConfig): AlertSink[] {
  const sinks: AlertSink[] = (config.webhooks ?? []).map((channel) => ({
    id: `notify:${channel.id}`,
    async send(alert: Alert) {
      await sendWebhook(channel, alertMessage(alert), { id: alert.room, name: alert.room, site: alert.site }, new Date());
    },
  }));
  const facilities = config.facilities ?? [];
  if (config.email && facilities.length > 0) {
    const email = new EmailSender(config.email);
    sinks.push({ id: 'notify:email', send: async (alert) => void (await email.send(facilities, alertMessage(alert))) });
  }
  return sinks;
}

/** Reads a YAML file whose `notifications:` section is the rooms' (one schema for both). */
export async function loadNotificationsFile(path: string): Promise<NotificationsConfig> {
  let raw: unknown;
  try {
    raw = parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_PARSE', `${path}: ${(err as Error).message}`, { path });
  }
  const section = (raw as { notifications?: unknown } | null)?.notifications;
  const value = Value.Default(NotificationsSection, structuredClone(section ?? {}));
  const issues = [...Value.Errors(NotificationsSection, value)].map((e) => ({ path: `notifications${e.path.replace(/\//g, '.')}`, message: e.message }));
  if (issues.length) throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `${path}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  return value as NotificationsConfig;
}
