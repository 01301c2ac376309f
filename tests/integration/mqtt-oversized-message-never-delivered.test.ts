import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PACKET_BYTES, mqttConnectOptions } from '../../appliance/telemetry/mqtt-connect-options.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';

/**
 * A room's (and the fleet's) MQTT 5 connection tells the broker the largest packet it takes:
 * a room whose login was stolen publishes a 2 MB record on a topic every linked room reads, and
 * Mosquitto never sends it to them — it does not reach their memory at all — while the record
 * after it arrives as usual, on the same connection.
 */
let broker: RunningMosquitto;
let reader: MqttClient;
let thief: MqttClient;
const heard: Array<{ topic: string; bytes: number }> = [];

beforeAll(async () => {
  broker = await startMosquitto();
  reader = await mqtt.connectAsync(broker.url, mqttConnectOptions({ url: broker.url }, { clientId: 'roomctl-hq-aurora-link' }));
  reader.on('message', (topic, payload) => heard.push({ topic, bytes: payload.length }));
  await reader.subscribeAsync('roomctl/+/+/meetings/+/records', { qos: 1 });
  thief = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'sz-thief' });
});
afterAll(async () => {
  await thief?.endAsync();
  await reader?.endAsync();
  await broker?.close();
});

it('a packet over the bound is not delivered; one at the bound and the next small one are', async () => {
  const topic = 'roomctl/sz/thief/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records';
  // The whole PUBLISH packet: fixed header (5 bytes for this length), topic (2 + its length), packet id (2), properties (1).
  const atBound = MAX_PACKET_BYTES - 5 - (2 + topic.length) - 2 - 1;
  await thief.publishAsync(topic, Buffer.alloc(2 * 1024 * 1024, 0x20), { qos: 1 });
  await thief.publishAsync(topic, Buffer.alloc(atBound, 0x20), { qos: 1 });
  await thief.publishAsync(topic, Buffer.from('{}'), { qos: 1 });
  await until(() => heard.some((h) => h.bytes === 2), 8000, 'the small record');
  expect(heard.map((h) => h.bytes)).toEqual([atBound, 2]);
  expect(reader.connected).toBe(true);
});
