import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCommand } from '../../appliance/telemetry/command-auth.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, TEST_COMMAND_KEY, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const CMD = 'roomctl/hq/aurora/cmd';

/** Central asks the room to do something, signed; the room answers on the response topic. */
describe('central commands over MQTT', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;
  let v5: MqttClient;
  let v311: MqttClient;
  const answers: Array<{ topic: string; body: Record<string, unknown>; correlation?: string }> = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5, commandKeys: [TEST_COMMAND_KEY] } });
    room.appliance.commands.register('ping', (params, ctx) => ({ pong: params, signedBy: ctx.keyId }), 'answers with what it was sent');
    await until(() => room.appliance.telemetry.connected, 8000, 'the room to connect');
    v5 = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'central-v5' });
    v311 = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: 'central-v311' });
    // Each sender listens for its own answers only (an answer must arrive exactly once).
    for (const [c, topics] of [
      [v5, ['central/answers/v5', 'central/answers/unsigned', 'central/answers/oversized']],
      [v311, ['central/answers/v311', 'central/answers/replay', 'central/answers/unknown']],
    ] as const) {
      c.on('message', (topic, payload, packet) =>
        answers.push({ topic, body: JSON.parse(payload.toString()), correlation: packet.properties?.correlationData?.toString() }),
      );
      await c.subscribeAsync([...topics], { qos: 1 });
    }
  });
  afterAll(async () => {
    await v5?.endAsync();
    await v311?.endAsync();
    await room?.close();
    await broker?.close();
  });

  const answerTo = (topic: string) => until(() => answers.find((a) => a.topic === topic), 8000, `an answer on ${topic}`);

  it('runs a signed command and answers on the MQTT 5 response topic with the correlation data', async () => {
    const signed = signCommand(`${CMD}/ping`, TEST_COMMAND_KEY, { ts: Date.now(), nonce: randomUUID(), params: { n: 1 } });
    await v5.publishAsync(`${CMD}/ping`, JSON.stringify(signed), {
      qos: 1,
      properties: { responseTopic: 'central/answers/v5', correlationData: Buffer.from('corr-1') },
    });
    const answer = await answerTo('central/answers/v5');
    expect(answer.body).toEqual({ ok: true, command: 'ping', result: { pong: { n: 1 }, signedBy: 'central' } });
    expect(answer.correlation).toBe('corr-1');
  });

  it('answers an MQTT 3.1.1 sender on its replyTo, echoing its correlationId', async () => {
    const signed = signCommand(`${CMD}/ping`, TEST_COMMAND_KEY, {
      ts: Date.now(),
      nonce: randomUUID(),
      replyTo: 'central/answers/v311',
      correlationId: 'c-311',
      params: {},
    });
    await v311.publishAsync(`${CMD}/ping`, JSON.stringify(signed), { qos: 1 });
    expect((await answerTo('central/answers/v311')).body).toMatchObject({ ok: true, command: 'ping', correlationId: 'c-311' });
  });

  it('refuses an unsigned command, and says why', async () => {
    await v5.publishAsync(`${CMD}/ping`, JSON.stringify({ params: {} }), { qos: 1, properties: { responseTopic: 'central/answers/unsigned' } });
    expect((await answerTo('central/answers/unsigned')).body).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_UNAUTHORIZED' } });
  });

  it('refuses a signed command over a megabyte before parsing it, with its code', async () => {
    const big = signCommand(`${CMD}/ping`, TEST_COMMAND_KEY, { ts: Date.now(), nonce: randomUUID(), params: { pad: 'x'.repeat(1024 * 1024) } });
    await v5.publishAsync(`${CMD}/ping`, JSON.stringify(big), { qos: 1, properties: { responseTopic: 'central/answers/oversized' } });
    expect((await answerTo('central/answers/oversized')).body).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
  });

  it('refuses the same signed command sent twice', async () => {
    const signed = JSON.stringify(signCommand(`${CMD}/ping`, TEST_COMMAND_KEY, { ts: Date.now(), nonce: randomUUID(), replyTo: 'central/answers/replay' }));
    await v311.publishAsync(`${CMD}/ping`, signed, { qos: 1 });
    await answerTo('central/answers/replay');
    await v311.publishAsync(`${CMD}/ping`, signed, { qos: 1 });
    const both = await until(
      () => {
        const got = answers.filter((a) => a.topic === 'central/answers/replay');
        return got.length === 2 ? got : undefined;
      },
      8000,
      'the second answer',
    );
    expect(both.map((a) => a.body.ok)).toEqual([true, false]);
    expect(both[1]!.body).toMatchObject({ error: { code: 'ROOMCTL_E_FORBIDDEN', message: expect.stringMatching(/replayed/) } });
  });

  it('answers a signed command nobody registered with the list of those that exist', async () => {
    const signed = signCommand(`${CMD}/launch-rockets`, TEST_COMMAND_KEY, { ts: Date.now(), nonce: randomUUID(), replyTo: 'central/answers/unknown' });
    await v311.publishAsync(`${CMD}/launch-rockets`, JSON.stringify(signed), { qos: 1 });
    expect((await answerTo('central/answers/unknown')).body).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_NOT_FOUND' } });
  });
});
