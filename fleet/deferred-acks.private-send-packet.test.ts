/**
 * DeferredAcks rests on a private method of mqtt.js (`_sendPacket`, see deferred-acks.ts): this
 * test is the alarm for an upgrade. Against a real Mosquitto, a held message is not acknowledged
 * (the broker hands it back to the session after a reconnect) while the client reads on, and a
 * released one is acknowledged (never handed back).
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { startMosquitto } from '../tests/helpers/mosquitto.js';
import { until } from '../tests/helpers/until.js';
import { DeferredAcks } from './deferred-acks.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

it('holds a PUBACK until released while reading on, and a held one comes back after a reconnect', async () => {
  const broker = await startMosquitto();
  cleanup.push(() => broker.close());
  const session = { protocolVersion: 5 as const, clientId: 'held-acks', clean: false, properties: { sessionExpiryInterval: 300 } };
  const subscribe = async () => {
    // Listening before the CONNACK: a resumed session's messages follow it at once.
    const client: MqttClient = mqtt.connect(broker.url, session);
    const acks = new DeferredAcks(client);
    const received: Array<{ payload: string; release: () => void }> = [];
    client.on('message', (_topic, payload, packet) => received.push({ payload: String(payload), release: acks.hold(packet) }));
    await new Promise((resolve) => client.once('connect', resolve));
    return { client, acks, received };
  };

  const first = await subscribe();
  await first.client.subscribeAsync('held/#', { qos: 1 });
  const rooms = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'publisher' });
  cleanup.push(() => rooms.endAsync());
  for (const p of ['released', 'held']) await rooms.publishAsync('held/x', p, { qos: 1 });
  // Both arrive although the first is not acknowledged yet: mqtt.js read on.
  await until(() => first.received.length === 2, 10_000, 'both messages received');
  expect(first.acks.outstanding).toBe(2);
  first.received[0]!.release();
  expect(first.acks.outstanding).toBe(1);
  // A round trip to the broker after the release: the PUBACK went before it.
  await first.client.subscribeAsync('other/#', { qos: 1 });
  await first.client.endAsync(true);

  const second = await subscribe();
  cleanup.push(() => second.client.endAsync(true));
  await until(() => second.received.length >= 1, 10_000, 'the held message delivered again');
  await second.client.subscribeAsync('other/#', { qos: 1 });
  expect(second.received.map((r) => r.payload)).toEqual(['held']);
});

it('refuses, with a coded error, a client without the private method it relies on', () => {
  const client = mqtt.connect('mqtt://127.0.0.1:1', { reconnectPeriod: 0, manualConnect: true });
  Object.defineProperty(client, '_sendPacket', { value: undefined });
  expect(() => new DeferredAcks(client)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_INTERNAL' }));
});
