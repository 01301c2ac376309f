/**
 * Where a central command is answered, and whether it can be played again. The MQTT 5
 * `responseTopic` is not signed: it never overrides the signed `replyTo`, and no answer —
 * signed or not — lands on the room's own topics (its health, its status) where it would
 * pass for telemetry. A nonce accepted before a restart is still refused after it.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signCommand } from '../../appliance/telemetry/command-auth.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, TEST_COMMAND_KEY, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const BASE = 'roomctl/hq/aurora';
const PING = `${BASE}/cmd/ping`;
let broker: RunningMosquitto;
let room: TelemetryRoom;
let central: MqttClient;
const seen: Array<{ topic: string; text: string }> = [];

const registerPing = () => room.appliance.commands.register('ping', () => ({ pong: true }), 'answers pong');
const signed = (replyTo: string, nonce = randomUUID()) => signCommand(PING, TEST_COMMAND_KEY, { ts: Date.now(), nonce, replyTo });
const on = (topic: string) => seen.filter((m) => m.topic === topic);
/** Sends a signed ping answered on `marker` and waits for it: every answer to what was sent before has arrived. */
async function settle(marker: string): Promise<void> {
  await central.publishAsync(PING, JSON.stringify(signed(marker)), { qos: 1 });
  await until(() => on(marker).length > 0, 8000, `the answer on ${marker}`);
}

beforeAll(async () => {
  broker = await startMosquitto();
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5, commandKeys: [TEST_COMMAND_KEY] } });
  registerPing();
  await until(() => room.appliance.telemetry.connected, 8000, 'the room to connect');
  central = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'central-abuse' });
  central.on('message', (topic, payload) => seen.push({ topic, text: payload.toString() }));
  await central.subscribeAsync(['central/#', `${BASE}/status`, `${BASE}/devices/+/health`, `${BASE}/reply/#`], { qos: 1 });
});
afterAll(async () => {
  await central?.endAsync();
  await room?.close();
  await broker?.close();
});

it('answers on the signed replyTo, never on a responseTopic that differs from it', async () => {
  await central.publishAsync(PING, JSON.stringify(signed('central/answers/signed')), { qos: 1, properties: { responseTopic: 'central/answers/elsewhere' } });
  await until(() => on('central/answers/signed').length > 0, 8000, 'the signed answer');
  await settle('central/answers/marker-1');
  expect(JSON.parse(on('central/answers/signed')[0]!.text)).toMatchObject({ ok: true, command: 'ping' });
  expect(on('central/answers/elsewhere')).toEqual([]);
});

it('puts no answer on the room’s own health or status topics, signed or not; its reply/ subtree is fine', async () => {
  const health = `${BASE}/devices/display/health`;
  await central.publishAsync(PING, JSON.stringify({ params: {} }), { qos: 1, properties: { responseTopic: health } });
  await central.publishAsync(PING, JSON.stringify(signed(`${BASE}/status`)), { qos: 1 });
  await central.publishAsync(PING, JSON.stringify(signed('roomctl/hq/borealis/state')), { qos: 1 });
  await central.publishAsync(PING, JSON.stringify(signed(`${BASE}/reply/central`)), { qos: 1 });
  await settle('central/answers/marker-2');
  const answers = seen.filter((m) => m.text.includes('"command":"ping"'));
  expect(answers.map((m) => m.topic).filter((t) => t.startsWith('roomctl/'))).toEqual([`${BASE}/reply/central`]);
  expect(
    on(`${BASE}/status`)
      .map((m) => m.text)
      .every((t) => t === 'online'),
  ).toBe(true);
});

it('refuses a command replayed after the room restarted', async () => {
  const command = JSON.stringify(signed('central/answers/before-restart'));
  await central.publishAsync(PING, command, { qos: 1 });
  await until(() => on('central/answers/before-restart').length === 1, 8000, 'the first answer');
  await room.restartAppliance();
  registerPing();
  await until(() => room.appliance.telemetry.connected, 8000, 'the room to connect again');
  await central.publishAsync(PING, command, { qos: 1 });
  const second = await until(() => on('central/answers/before-restart')[1], 8000, 'the answer to the replay');
  expect(JSON.parse(second.text)).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_FORBIDDEN', message: expect.stringMatching(/replayed/) } });
});
