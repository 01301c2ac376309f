/**
 * A fleet instance asked to stop with a backlog it has no time to commit stops anyway: it
 * acknowledges none of it, says how many messages it left, and the broker hands them back to
 * its persistent session when it starts again — each event stored once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../appliance/logger.js';
import { startFleet, type Fleet } from '../../fleet/fleet-service.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';

const EVENTS = process.env.ROOMCTL_FULL === '1' ? 3000 : 300;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

it('leaves what it could not commit before its deadline to the broker, which delivers it again on restart, each event once', async () => {
  // An in-flight window that holds the whole backlog (the helper's 100 would not).
  const broker = await startMosquitto({ extraConfig: ['max_inflight_messages 0'] });
  cleanup.push(() => broker.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-stop-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const start = (more: { flushMs?: number; stopWithinMs?: number }) =>
    startFleet({
      broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-stopping' },
      dataDir,
      listen: '127.0.0.1:0',
      tokens: ['fleet-stop-token-0123456789'],
      log,
      ...more,
    });

  // A flush timer that never fires and a stop with no time: everything received is still queued when it stops.
  const first: Fleet = await start({ flushMs: 1_000_000, stopWithinMs: 0 });
  let firstOpen = true;
  cleanup.push(() => (firstOpen ? first.close() : Promise.resolve()));
  const rooms = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'rooms' });
  cleanup.push(() => rooms.endAsync());
  // Retained, so it reaches the fleet however late its subscription: once it has, the events will too.
  await rooms.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  await until(() => first.ingest.stats.received >= 1, 10_000, 'the fleet subscribed');
  const ids = Array.from({ length: EVENTS }, (_, i) => `e-${i}`);
  for (const id of ids) {
    const event = { id, at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 5 };
    await rooms.publishAsync('roomctl/hq/aurora/events', JSON.stringify(event), { qos: 1 });
  }
  await until(() => first.ingest.stats.received >= EVENTS + 1, 10_000, 'every event received by the fleet');
  expect(first.ingest.stats.queued).toBe(EVENTS + 1);

  await first.close();
  firstOpen = false;
  expect(lines.filter((l) => l.left !== undefined).map(({ committed, left }) => ({ committed, left }))).toEqual([{ committed: 0, left: EVENTS + 1 }]);

  // Started again (systemd's Restart=always): its session still holds what it never acknowledged.
  const second = await start({});
  cleanup.push(() => second.close());
  await until(async () => (await second.store.eventCount()) >= EVENTS, 20_000, 'the left messages delivered again and stored', 50);
  const stored = await second.sql.query<{ id: string }>('SELECT id FROM fleet_events');
  expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect((await second.store.room('hq', 'aurora'))?.room.online).toBe('online');
});
