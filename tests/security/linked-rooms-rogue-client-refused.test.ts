import mqtt from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { linkKeyOf } from '../../appliance/linked/link-key.js';
import { AURORA, SHENZHEN, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
const clients: mqtt.MqttClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  await lab?.close();
});

const presentAt = async (room: LabRoom, name: string) => (await room.meeting())?.rooms.find((r) => r.name === name)?.present;

/**
 * Only room identities take part in a linked meeting, each only as itself: a client without
 * one is refused by the broker (no password, or a user that may only read), and a room that
 * writes as another room is refused by the broker (another room's topic) or by the receiving
 * room (its own topic, another room's name). Nothing forged is counted.
 */
it('a client without a room identity, or a room posing as another, cannot inject check-ins', async () => {
  lab = await startLinkedRoomsLab({
    rooms: [AURORA, SHENZHEN],
    invite: {
      uid: 'rogue-test@example.com',
      title: 'Guarded',
      startInMs: 20_000,
      minutes: 60,
      attendees: [{ name: 'Wei', email: 'wei@example.com' }],
      agenda: ['Only item (30 min)'],
    },
  });
  const [aurora, lotus] = lab.rooms as [LabRoom, LabRoom];
  const link = linkKeyOf('rogue-test@example.com');
  const topicOf = (room: string) => `roomctl/${room}/meetings/${link}/records`;
  const forged = (room: string, n: number) =>
    JSON.stringify({ id: `forged-${n}`, link, room, at: new Date().toISOString(), kind: 'checkin', person: `intruder-${n}`, name: `Intruder ${n}` });
  await until(async () => (await aurora.meeting())?.rooms.length === 2, 15_000, 'Aurora to see Shenzhen');

  // No identity at all: the broker does not let it in.
  await expect(
    mqtt.connectAsync(lab.broker.url, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000, clientId: 'anonymous-rogue' }),
  ).rejects.toThrow();
  // A fresh connection per attempt: after a refused publish Mosquitto may close the connection, which is a "no" as well.
  const attempt = async (user: { username: string; password: string }, topic: string, payload: string) => {
    const client = await mqtt.connectAsync(lab!.broker.url, { ...user, protocolVersion: 5, reconnectPeriod: 0, clientId: `rogue-${clients.length}` });
    clients.push(client);
    return Promise.race([
      client.publishAsync(topic, payload, { qos: 1 }).then(
        () => 'sent',
        (err: Error) => `refused: ${err.message}`,
      ),
      new Promise<string>((resolve) => client.once('close', () => resolve('disconnected'))),
    ]);
  };
  // A broker user that may only read (facilities): its publishes are dropped.
  await attempt(lab.reader, topicOf('sz/lotus'), forged('sz/lotus', 1));
  // A room identity writing as another room: on that room's topic (the broker refuses), or on its own (Aurora refuses).
  await attempt(lotus.user, topicOf('hq/aurora'), forged('hq/aurora', 2));
  await attempt(lotus.user, topicOf('sz/lotus'), forged('ny/hudson', 3));

  // Then a real check-in in Shenzhen: once Aurora counts it, anything forged before it would have arrived too.
  expect((await lotus.call('POST', `/api/v1/meetings/${(await lotus.meeting())!.id}/checkins`, { email: 'wei@example.com' })).status).toBeLessThan(300);
  await until(async () => (await presentAt(aurora, 'Shenzhen')) === 1, 10_000, 'the real check-in at Aurora');
  const view = await aurora.meeting();
  expect(view?.rooms.map((r) => [r.name, r.present])).toEqual([
    ['Aurora', 0],
    ['Shenzhen', 1],
  ]);
  expect(JSON.stringify(view)).not.toContain('hudson');
}, 120_000);
