/**
 * One batch that registers a thousand rooms changes far more than PostgreSQL's 8000-byte
 * NOTIFY payload holds: its changes go out as many notifications (sent many per statement),
 * and the other instance hears every room and every device of it.
 */
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { FleetChangeFeed } from './fleet-change-feed.js';
import { openFleetSql } from './fleet-database.js';
import type { FleetMessage } from './fleet-messages.js';
import { FleetStore } from './fleet-store.js';
import { closeFleetPostgres, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import { until } from '../tests/helpers/until.js';

afterAll(closeFleetPostgres);

const ROOMS = 1000;
let db: TestFleetDatabase;
beforeEach(async () => {
  db = await openTestFleetDatabase('postgres');
});
afterEach(async () => {
  await db.close();
});

it('hears every room and device of a batch far over one notification', async () => {
  // The other instance: its own connections to the same database.
  const otherSql = await openFleetSql({ dataDir: db.dataDir, database: db.database });
  const writer = await FleetStore.open(db.sql);
  const other = await FleetStore.open(otherSql);
  const feed = (await FleetChangeFeed.start(otherSql, other.origin, (seqs) => other.eventsBySeq(seqs), { warn: () => undefined }))!;
  const rooms = new Set<string>();
  const devices = new Set<string>();
  feed.on('changes', (c: { rooms: Set<string>; devices: Array<{ room: string; deviceId: string }> }) => {
    for (const r of c.rooms) rooms.add(r);
    for (const d of c.devices) devices.add(`${d.room}/${d.deviceId}`);
  });
  const batch: FleetMessage[] = [];
  for (let r = 0; r < ROOMS; r++) {
    batch.push({ kind: 'status', site: 'hq', room: `room-${r}`, online: 'online' });
    for (let d = 0; d < 4; d++)
      batch.push({
        kind: 'health',
        site: 'hq',
        room: `room-${r}`,
        deviceId: `dev-${d}`,
        health: { status: 'ok', since: null, detail: null, code: null, error: null, metrics: {}, at: 1000 },
      });
  }
  await writer.apply(batch, 2000);
  await until(() => rooms.size === ROOMS && devices.size === ROOMS * 4, 10_000, 'every change heard by the other instance');
  expect(rooms.size).toBe(ROOMS);
  await feed.close();
  await otherSql.close();
});
