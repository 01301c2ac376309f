/**
 * A fleet asked to stop while its PostgreSQL is paused (every process of the server stopped
 * with SIGSTOP: nothing answers, no connection closes) stops at its deadline anyway and names
 * what it abandoned; once the server runs again, the fleet starts on it and stores what the
 * rooms send. Without a bound, the stop waits for ever (the test's timeout fails it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../appliance/logger.js';
import { startFleet } from '../../fleet/fleet-service.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { startPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/until.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

/** The server and its backends (children of the postmaster), for SIGSTOP and SIGCONT. */
function serverProcesses(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return pids;
}

it('stops at its deadline with its database paused, and starts again on it once it runs', { timeout: 60_000 }, async () => {
  const broker = await startMosquitto();
  cleanup.push(() => broker.close());
  const postgres = await startPostgres();
  cleanup.push(() => postgres.close());
  const database = await postgres.createDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-paused-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const start = () =>
    startFleet({
      broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-paused' },
      dataDir,
      database,
      listen: '127.0.0.1:0',
      tokens: ['paused-fleet-token-0123456789'],
      log,
      stopWithinMs: 1500,
    });
  const rooms = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'rooms' });
  cleanup.push(() => rooms.endAsync());

  const first = await start();
  let firstOpen = true;
  cleanup.push(() => (firstOpen ? first.close() : Promise.resolve()));
  await rooms.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  await until(async () => (await first.store.room('hq', 'aurora'))?.room.online === 'online', 20_000, 'the room stored');

  const paused = serverProcesses(postgres.pid!);
  const resume = () => {
    for (const pid of paused) process.kill(pid, 'SIGCONT');
  };
  for (const pid of paused) process.kill(pid, 'SIGSTOP');
  cleanup.push(async () => resume());
  await first.close();
  firstOpen = false;
  resume();
  // The change feed's goodbye (UNLISTEN) is one of the parts that never got an answer.
  expect(lines.find((l) => Array.isArray(l.abandoned))?.abandoned).toContain('change feed');

  const second = await start();
  cleanup.push(() => second.close());
  const event = { id: 'ev-after-pause', at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 5 };
  await rooms.publishAsync('roomctl/hq/aurora/events', JSON.stringify(event), { qos: 1 });
  await until(async () => (await second.store.events()).some((e) => e.id === 'ev-after-pause'), 20_000, 'the event stored after the pause');
});
