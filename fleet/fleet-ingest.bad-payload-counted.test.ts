import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FleetIngest } from './fleet-ingest.js';
import { openFleetSql } from './fleet-database.js';
import { FleetStore } from './fleet-store.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('counts and logs a payload the contract does not allow, with its code, and goes on with the next one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-ingest-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const sql = await openFleetSql({ dataDir: dir });
  cleanup.push(() => sql.close());
  const store = await FleetStore.open(sql);
  const warnings: Array<Record<string, unknown>> = [];
  const ingest = new FleetIngest(store, { flushMs: 1_000_000, log: { warn: (fields: Record<string, unknown>) => void warnings.push(fields) } });

  const bad: Array<[string, string]> = [
    ['roomctl/hq/aurora/devices/display/health', '{"status":"fine"}'],
    ['roomctl/hq/aurora/devices/display/health', '{"status":"offline","error":{"code":42}}'],
    ['roomctl/hq/aurora/events', '{"id":"","at":"x","type":"fault.raised"}'],
    ['roomctl/hq/aurora/state', '[1,2,3]'],
    ['roomctl/hq/aurora/status', 'maybe'],
    ['roomctl/HQ/aurora/status', 'online'],
  ];
  for (const [topic, payload] of bad) expect(() => ingest.push(topic, Buffer.from(payload))).not.toThrow();
  ingest.push(
    'roomctl/hq/aurora/devices/display/health',
    Buffer.from(JSON.stringify({ status: 'offline', since: 'x', detail: 'gone', error: { code: 'ROOMCTL_E_DEVICE_OFFLINE', message: 'gone' }, metrics: {} })),
  );
  await ingest.flush();

  expect(ingest.stats).toMatchObject({ received: bad.length + 1, invalid: bad.length, applied: 1 });
  // One line a minute at most: the first bad payload is logged, with its code and where it failed.
  expect(warnings).toEqual([{ code: 'ROOMCTL_E_MQTT_PAYLOAD', reason: expect.stringMatching(/health: status must be ok, degraded/), invalidTotal: 1 }]);
  expect((await store.room('hq', 'aurora'))?.devices).toMatchObject([
    { deviceId: 'display', status: 'offline', error: { code: 'ROOMCTL_E_DEVICE_OFFLINE', message: 'gone' } },
  ]);
});

it('a listener of the commits that throws is logged; the batch is committed and the other listeners hear it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-ingest-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const sql = await openFleetSql({ dataDir: dir });
  cleanup.push(() => sql.close());
  const store = await FleetStore.open(sql);
  const warnings: string[] = [];
  const ingest = new FleetIngest(store, {
    flushMs: 1_000_000,
    log: { warn: (_fields: Record<string, unknown>, message?: string) => void warnings.push(String(message)) },
  });
  const heard: number[] = [];
  ingest.on('changes', () => {
    throw new Error('a broken alert rule');
  });
  ingest.on('changes', (changes) => heard.push(changes.roomStatus.length));
  ingest.push('roomctl/hq/aurora/status', Buffer.from('online'));
  await expect(ingest.flush()).resolves.toBeDefined();
  expect(heard).toEqual([1]);
  expect(warnings).toEqual(['an event listener failed; the emitter and the other listeners went on']);
  expect((await store.room('hq', 'aurora'))?.room.online).toBe('online');
});
