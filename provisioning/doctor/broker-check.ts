import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { roomTopics } from '../../contract/topics.js';
import { mqttConnectOptions } from '../../appliance/telemetry/mqtt-connect-options.js';
import { replyDeadline, withinReplyDeadline } from '../../drivers/core/reply-deadline.js';
import type { CheckResult } from './doctor-types.js';

/** MQTT 3.1.1 CONNACK codes and MQTT 5 reason codes that mean "your credentials are not welcome". */
const REFUSED = new Set([4, 5, 0x86, 0x87, 0x8c]);

/**
 * Connects with the room's own credentials (its own client id + "-doctor", so the running
 * room's session is not taken over) and publishes a self-test event on the room's events
 * topic: the connect proves the credentials, the acknowledged publish proves the ACL.
 */
export async function checkBroker(config: RoomConfig, results: Record<string, unknown>[], timeoutMs = 8000): Promise<CheckResult> {
  const settings = config.mqtt;
  if (!settings) return { area: 'broker', name: 'mqtt', status: 'skip', detail: 'no mqtt section in the config: the room reports to no fleet' };
  const topics = roomTopics(config.room.site, config.room.id);
  const who = settings.username ? `user ${settings.username}` : settings.cert ? 'client certificate' : 'no credentials';
  let options;
  try {
    options = mqttConnectOptions(settings, { clientId: `roomctl-${config.room.site}-${config.room.id}` });
  } catch (err) {
    return { area: 'broker', name: settings.url, status: 'fail', detail: (err as Error).message, code: 'ROOMCTL_E_CONFIG_INVALID' };
  }
  const client = mqtt.connect(settings.url, {
    ...options,
    clientId: `${options.clientId ?? 'roomctl'}-doctor-${randomUUID().slice(0, 8)}`,
    clean: true,
    reconnectPeriod: 0,
    // Ours decides (a reply deadline, below): mqtt's own is a plain timer, which a doctor held up
    // on a busy room PC would fire before reading the broker's CONNACK waiting in the socket.
    connectTimeout: 10 * timeoutMs,
    properties: {},
  });
  try {
    const outcome = await new Promise<{ ok: true } | { ok: false; error: Error & { code?: string | number } }>((resolve) => {
      const deadline = replyDeadline(timeoutMs, () =>
        resolve({ ok: false, error: Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }) }),
      );
      client.once('connect', () => {
        deadline.cancel();
        resolve({ ok: true });
      });
      client.once('error', (error) => {
        deadline.cancel();
        resolve({ ok: false, error });
      });
    });
    if (!outcome.ok) {
      const { code, message } = outcome.error;
      // It did reach the broker: the broker answered that it speaks another MQTT version (3.1.1 code 1, MQTT 5 reason 0x84).
      if (code === 1 || code === 0x84) {
        const asked = settings.protocolVersion ?? 5;
        return {
          area: 'broker',
          name: settings.url,
          status: 'fail',
          code: 'ROOMCTL_E_BROKER_PROTOCOL',
          detail: `reached the broker, but it does not speak MQTT ${asked === 5 ? '5' : '3.1.1'} (it answered: ${message})`,
          next: `set mqtt.protocolVersion: ${asked === 5 ? 4 : 5} in the room config (${asked === 5 ? 'MQTT 3.1.1' : 'MQTT 5'}), then restart the room: systemctl restart roomctl`,
        };
      }
      if (typeof code === 'number' && REFUSED.has(code)) {
        return {
          area: 'broker',
          name: settings.url,
          status: 'fail',
          code: 'ROOMCTL_E_BROKER_REFUSED',
          detail: `the broker refused the credentials (${who}): ${message}`,
        };
      }
      return {
        area: 'broker',
        name: settings.url,
        status: 'fail',
        code: 'ROOMCTL_E_BROKER_UNREACHABLE',
        detail: `cannot reach the broker: ${code === 'ECONNREFUSED' ? 'connection refused' : message}`,
      };
    }
    const event = {
      id: randomUUID(),
      at: new Date().toISOString(),
      event: { type: 'selftest.result', reportId: randomUUID(), passed: results.every((r) => r.status !== 'fail'), results },
    };
    try {
      await withinReplyDeadline(
        client.publishAsync(topics.events, JSON.stringify(event), { qos: 1 }),
        timeoutMs,
        () => new Error(`no acknowledgement within ${timeoutMs} ms`),
      );
    } catch (err) {
      return {
        area: 'broker',
        name: settings.url,
        status: 'fail',
        code: 'ROOMCTL_E_BROKER_REFUSED',
        detail: `connected as ${who}, but publishing to ${topics.events} was refused: ${(err as Error).message}`,
      };
    }
    return { area: 'broker', name: settings.url, status: 'ok', detail: `connected as ${who}; a self-test event on ${topics.events} was accepted` };
  } finally {
    client.end(true);
  }
}
