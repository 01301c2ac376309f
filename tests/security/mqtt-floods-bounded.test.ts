/**
 * Anyone on the broker can publish: a flood of unsigned commands used to write two warnings
 * each, and every `homeassistant/status online` republished all discovery (200 → 3,216
 * publishes). Now refusals are logged once per 10 s with a count, and a burst of `online`
 * makes one republish.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Logger } from '../../appliance/logger.js';
import { CommandRegistry } from '../../appliance/telemetry/command-registry.js';
import { CommandVerifier, signCommand } from '../../appliance/telemetry/command-auth.js';
import { CommandServer, REFUSAL_LOG_INTERVAL_MS } from '../../appliance/telemetry/command-server.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, TEST_COMMAND_KEY } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const BASE = 'roomctl/hq/aurora';
let broker: RunningMosquitto;
const clients: MqttClient[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  for (const c of clients) await c.endAsync();
  await broker?.close();
});
async function connect(id: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: `${id}-${randomUUID().slice(0, 6)}` });
  clients.push(c);
  return c;
}

it('logs a flood of unsigned commands as one line per 10 s, then one line with the count of the rest', async () => {
  const roomClient = await connect('room');
  const lines: Array<{ msg: string; fields: Record<string, unknown> }> = [];
  const record = (fields: object, msg: string) => void lines.push({ msg, fields: fields as Record<string, unknown> });
  // Two recorders shaped like pino's info/warn (object first, then message): the cast is only about pino's overloads.
  const log = { info: record, warn: record } as unknown as Pick<Logger, 'info' | 'warn'>;
  const clock = { now: Date.now() };
  const registry = new CommandRegistry();
  registry.register('ping', () => 'pong', 'answers pong');
  const server = new CommandServer(roomClient, registry, new CommandVerifier([TEST_COMMAND_KEY], 60_000, () => clock.now), log, {
    base: BASE,
    now: () => clock.now,
  });
  roomClient.on('message', (topic, payload, packet) => server.handle(topic, payload, packet));
  await roomClient.subscribeAsync(server.subscription, { qos: 1 });

  const attacker = await connect('attacker');
  const answers: string[] = [];
  attacker.on('message', (topic) => answers.push(topic));
  await attacker.subscribeAsync('central/#', { qos: 1 });
  const settle = async (marker: string) => {
    const signed = signCommand(`${BASE}/cmd/ping`, TEST_COMMAND_KEY, { ts: clock.now, nonce: randomUUID(), replyTo: marker });
    await attacker.publishAsync(`${BASE}/cmd/ping`, JSON.stringify(signed), { qos: 1 });
    await until(() => answers.includes(marker), 8000, `the answer on ${marker}`);
  };
  const refused = () => lines.filter((l) => l.msg === 'central command refused');

  for (let i = 0; i < 50; i++) await attacker.publishAsync(`${BASE}/cmd/ping`, '{"params":{}}', { qos: 0, properties: { responseTopic: 'central/refusals' } });
  await settle('central/marker-1');
  expect(refused()).toHaveLength(1);
  expect(lines.filter((l) => l.msg === 'command without a response topic')).toEqual([]);

  clock.now += REFUSAL_LOG_INTERVAL_MS;
  await attacker.publishAsync(`${BASE}/cmd/ping`, 'not even json', { qos: 1 });
  await settle('central/marker-2');
  expect(refused().map((l) => l.fields.alsoRefused)).toEqual([0, 49]);
});

it('republishes Home Assistant discovery once for a burst of 200 `online`', async () => {
  const room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5, commandKeys: [TEST_COMMAND_KEY] } });
  try {
    room.appliance.commands.register('ping', () => 'pong', 'answers pong');
    await until(() => room.appliance.telemetry.connected, 8000, 'the room to connect');
    const ha = await connect('home-assistant');
    const configs: string[] = [];
    const answers: string[] = [];
    ha.on('message', (topic, _payload, packet) => (topic.startsWith('central/') ? answers.push(topic) : !packet.retain && configs.push(topic)));
    await ha.subscribeAsync(['homeassistant/+/roomctl_hq_aurora/#', 'central/#'], { qos: 1 });
    const setSize = 1 + 3 * room.appliance.core.devices.list().length;

    for (let i = 0; i < 200; i++) await ha.publishAsync('homeassistant/status', 'online', { qos: 0 });
    // A signed command after the burst: once it is answered, the room has read all 200.
    const marker = signCommand(`${BASE}/cmd/ping`, TEST_COMMAND_KEY, { ts: Date.now(), nonce: randomUUID(), replyTo: 'central/marker' });
    await ha.publishAsync(`${BASE}/cmd/ping`, JSON.stringify(marker), { qos: 1 });
    await until(() => answers.includes('central/marker'), 8000, 'the marker answer');

    await until(() => room.appliance.telemetry.discoveryRepublishes === 1 && configs.length === setSize, 8000, 'one republished set');
    expect(configs).toHaveLength(setSize);
    expect(room.appliance.telemetry.discoveryRepublishes).toBe(1);
  } finally {
    await room.close();
  }
});
