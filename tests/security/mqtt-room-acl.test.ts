import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';

const AURORA = { username: 'room-hq-aurora', password: 'aurora-broker-password' };
const BOREALIS = { username: 'room-hq-borealis', password: 'borealis-broker-password' };
const WATCHER = { username: 'facilities', password: 'facilities-password' };

let broker: RunningMosquitto | undefined;
const clients: MqttClient[] = [];
afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  await broker?.close();
});

async function connect(user: { username: string; password: string }): Promise<MqttClient> {
  const client = await mqtt.connectAsync(broker!.url, {
    ...user,
    protocolVersion: 5,
    reconnectPeriod: 0,
    clientId: `${user.username}-${Math.random().toString(36).slice(2, 8)}`,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  // Exactly the lines `roomctl provision` writes for each room, plus a reader for the test to watch with.
  const acl = [
    mosquittoAcl(AURORA.username, 'hq', 'hq-aurora'),
    mosquittoAcl(BOREALIS.username, 'hq', 'hq-borealis'),
    `user ${WATCHER.username}`,
    'topic read #',
    '',
  ].join('\n');
  broker = await startMosquitto({ users: [AURORA, BOREALIS, WATCHER], acl });
});

/**
 * A room's broker credentials, as provisioning sets them up (password + ACL, real Mosquitto):
 * it publishes under roomctl/<site>/<its room>/ and nowhere else — not another room's status
 * or commands, not another site, not the broker's own topics — and of the other rooms reads
 * only what linked rooms need (their status, their meeting records, invitations to it).
 */
it("a room's credentials cannot publish outside the room's own topics, nor read another room's commands", async () => {
  const watcher = await connect(WATCHER);
  const seen: string[] = [];
  watcher.on('message', (topic) => seen.push(topic));
  await watcher.subscribeAsync('#', { qos: 1 });

  const foreign = [
    'roomctl/hq/hq-borealis/status',
    'roomctl/hq/hq-borealis/cmd/self-test',
    'roomctl/hq/hq-borealis/devices/display/health',
    'roomctl/lab/hq-aurora/status',
    'roomctl/hq/status',
    'homeassistant/sensor/x/config',
    'elsewhere',
  ];
  const refusals: string[] = [];
  for (const topic of foreign) {
    // A fresh connection each: after a refusal Mosquitto 2.0 may drop the session, which also counts as "no".
    const forger = await connect(AURORA);
    const outcome = await Promise.race([
      forger.publishAsync(topic, 'forged', { qos: 1 }).then(
        () => 'accepted',
        (err: Error) => `refused: ${err.message}`,
      ),
      new Promise<string>((resolve) => forger.once('close', () => resolve('disconnected'))),
    ]);
    refusals.push(`${topic}: ${outcome}`);
  }
  const aurora = await connect(AURORA);
  await aurora.publishAsync('roomctl/hq/hq-aurora/status', 'online', { qos: 1 });
  // Its own Home Assistant discovery is allowed (another node's, above, is not).
  await aurora.publishAsync('homeassistant/sensor/roomctl_hq_hq-aurora/display_health/config', '{}', { qos: 1 });
  await until(() => seen.includes('roomctl/hq/hq-aurora/status'), 5000, "the room's own message at the watcher");
  await until(() => seen.includes('homeassistant/sensor/roomctl_hq_hq-aurora/display_health/config'), 5000, "the room's own discovery at the watcher");
  expect(seen.filter((t) => foreign.includes(t))).toEqual([]);
  for (const r of refusals) expect(r).not.toMatch(/accepted$/);

  // Reading: another room's status and commands never reach this room's credentials.
  const eavesdropper = await connect(AURORA);
  const eavesdropped: string[] = [];
  eavesdropper.on('message', (topic) => eavesdropped.push(topic));
  await eavesdropper.subscribeAsync(['roomctl/hq/hq-borealis/#', 'roomctl/#'], { qos: 1 }).catch(() => undefined);
  const own: string[] = [];
  aurora.on('message', (topic) => own.push(topic));
  await aurora.subscribeAsync('roomctl/hq/hq-aurora/#', { qos: 1 });
  const borealis = await connect(BOREALIS);
  await borealis.publishAsync('roomctl/hq/hq-borealis/cmd/self-test', '{}', { qos: 1 });
  await borealis.publishAsync('roomctl/hq/hq-borealis/status', 'online', { qos: 1 });
  await borealis.publishAsync('roomctl/hq/hq-aurora/cmd/self-test', 'forged by the other room', { qos: 1 }).catch(() => undefined);
  await aurora.publishAsync('roomctl/hq/hq-aurora/state', '{}', { qos: 1 });
  await until(() => own.includes('roomctl/hq/hq-aurora/state') && seen.includes('roomctl/hq/hq-borealis/status'), 5000, 'own and other messages delivered');
  // Of another room, only its online/offline reaches this room (linked rooms watch their host's last will), never its commands.
  await until(() => eavesdropped.includes('roomctl/hq/hq-borealis/status'), 5000, "the other room's status");
  expect([...new Set(eavesdropped.filter((t) => t.startsWith('roomctl/hq/hq-borealis/')))]).toEqual(['roomctl/hq/hq-borealis/status']);
  // Nor can the other room put a command on this room's topic.
  expect(own).not.toContain('roomctl/hq/hq-aurora/cmd/self-test');
});
