/**
 * What a fleet instance holds received and not yet committed stays within its `maxQueued`,
 * however far its commits fall behind and however many the broker would send: it stops reading
 * the connection while its queue is full, and the broker keeps the rest. Nothing is lost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../appliance/logger.js';
import { startFleet } from '../../fleet/fleet-service.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';

// Below the test broker's in-flight window (max_inflight_messages 100): the bound seen is the fleet's own.
const WINDOW = 40;
const EVENTS = 130;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

it('holds at most maxQueued messages uncommitted while its commits lag, and gets the rest as it commits', async () => {
  const broker = await startMosquitto();
  cleanup.push(() => broker.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-window-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  // A flush timer that never fires: the test commits, so the queue shows what the broker sent.
  const fleet = await startFleet({
    broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-window' },
    dataDir,
    listen: '127.0.0.1:0',
    tokens: ['fleet-window-token-0123456789'],
    log: createLogger({ level: 'silent', pretty: false }),
    flushMs: 1_000_000,
    maxQueued: WINDOW,
  });
  cleanup.push(() => fleet.close());
  let mostQueued = 0;
  const push = fleet.ingest.push.bind(fleet.ingest);
  fleet.ingest.push = (topic, payload, committed) => {
    push(topic, payload, committed);
    mostQueued = Math.max(mostQueued, fleet.ingest.stats.queued);
  };

  const rooms = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'rooms' });
  cleanup.push(() => rooms.endAsync());
  // Retained, so it reaches the fleet however late its subscription: once it has, the events will too.
  await rooms.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  await until(() => fleet.ingest.stats.received >= 1, 10_000, 'the fleet subscribed');
  await fleet.ingest.flush();
  const sent = Array.from({ length: EVENTS }, (_, i) =>
    rooms.publishAsync(
      'roomctl/hq/aurora/events',
      JSON.stringify({ id: `e-${i}`, at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 5 }),
      {
        qos: 1,
      },
    ),
  );
  await Promise.all(sent);

  let stored = 0;
  while (stored < EVENTS) {
    const expected = Math.min(WINDOW, EVENTS - stored);
    await until(() => fleet.ingest.stats.queued === expected, 10_000, `${expected} messages queued (a full window or the rest)`);
    await fleet.ingest.flush();
    stored = await fleet.store.eventCount();
  }
  expect(mostQueued).toBe(WINDOW);
  expect(stored).toBe(EVENTS);
});
