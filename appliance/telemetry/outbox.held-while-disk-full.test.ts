import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { mountSmallDisk } from '../../tests/helpers/small-disk.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { openDatabase } from '../store/database.js';
import { TelemetryOutbox } from './outbox.js';

/** A 2 MB tmpfs the test fills; undefined where mounting is not allowed (not root). */
const disk = await mountSmallDisk('2m');
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  await disk?.unmount();
});

it.skipIf(!disk)(
  'holds what a full disk refuses within its bound, counts and logs the loss once, and writes the rest to disk in order once there is room',
  async () => {
    const db = openDatabase(join(disk!.dir, 'data'), ROOM_MIGRATIONS);
    cleanups.push(() => db.close());
    const warnings: string[] = [];
    const log = { warn: (...args: unknown[]) => warnings.push(String(args[1])), info: () => undefined };
    const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 60_000, held: { maxMessages: 10, maxBytes: 1024 * 1024 }, log });
    outbox.enqueue('events', 'on disk');
    outbox.flush();

    disk!.fill();
    for (let i = 0; i < 100; i++) outbox.enqueue('events', `held ${i}`);
    outbox.flush();
    expect(outbox.writingToDisk).toBe(false);
    expect(outbox.heldInMemory).toBe(10);
    expect(outbox.depth).toBe(11);
    expect(outbox.dropped).toBe(90);
    expect(warnings.filter((w) => w.startsWith('telemetry messages lost'))).toHaveLength(1);
    expect(outbox.writeHeld()).toBe(false);
    // Later messages wait behind the held ones, even for a disk that has room; a loss within the minute is counted, not logged again.
    await disk!.free();
    outbox.enqueue('events', 'after');
    expect(outbox.heldInMemory).toBe(10);
    expect(outbox.dropped).toBe(91);
    expect(warnings.filter((w) => w.startsWith('telemetry messages lost'))).toHaveLength(1);

    expect(outbox.writeHeld()).toBe(true);
    expect(outbox.heldInMemory).toBe(0);
    outbox.enqueue('events', 'written again');
    outbox.flush();
    const stored = outbox.after(0, 100);
    expect(stored.map((m) => m.payload.toString())).toEqual(['on disk', ...Array.from({ length: 9 }, (_, i) => `held ${91 + i}`), 'after', 'written again']);
    expect(stored.map((m) => m.seq)).toEqual([...stored.map((m) => m.seq)].sort((a, b) => a - b));
    db.close();
  },
);

it.skipIf(!disk)('takes acknowledgements and expiries on a full disk without throwing, and deletes the rows once it has room', async () => {
  const db = openDatabase(join(disk!.dir, 'acks'), ROOM_MIGRATIONS);
  cleanups.push(() => db.close());
  let now = 1_000_000;
  const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 10_000, now: () => now });
  for (const p of ['a', 'b', 'c']) outbox.enqueue('events', p);
  outbox.flush();
  const [first] = outbox.after(0, 10);

  disk!.fill();
  outbox.acknowledgeThrough(first!.seq);
  now += 20_000;
  expect(outbox.expire()).toBe(0);
  expect(outbox.after(0, 10)).toHaveLength(3);

  await disk!.free();
  outbox.acknowledgeThrough(first!.seq);
  expect(outbox.after(0, 10).map((m) => m.payload.toString())).toEqual(['b', 'c']);
  expect(outbox.expire()).toBe(2);
});

it.skipIf(!disk)(
  'lets held messages go at the age limit of the rows, counts them and says so in the loss line, and writes only the fresh ones once there is room',
  async () => {
    const db = openDatabase(join(disk!.dir, 'aged'), ROOM_MIGRATIONS);
    cleanups.push(() => db.close());
    let now = 1_000_000;
    const warnings: Array<{ fields: Record<string, unknown>; line: string }> = [];
    const log = { warn: (...args: unknown[]) => warnings.push({ fields: args[0] as Record<string, unknown>, line: String(args[1]) }), info: () => undefined };
    const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 10_000, now: () => now, log });

    disk!.fill();
    outbox.enqueue('events', 'old event');
    outbox.enqueue('devices/display/health', 'old state', { retain: true });
    outbox.flush();
    expect(outbox.heldInMemory).toBe(2);
    now += 20_000;
    outbox.enqueue('events', 'fresh event');

    expect(outbox.expire()).toBe(2);
    expect(outbox.heldInMemory).toBe(1);
    expect(outbox.dropped).toBe(2);
    expect(outbox.after(0, 10).map((m) => m.payload.toString())).toEqual(['fresh event']);
    const lost = warnings.filter((w) => w.line.startsWith('telemetry messages lost'));
    expect(lost).toHaveLength(1);
    expect(lost[0]!.line).toContain('older than their age limit (10 s)');
    expect(lost[0]!.fields).toMatchObject({ expired: 2, overBound: 0, droppedTotal: 2 });

    await disk!.free();
    expect(outbox.writeHeld()).toBe(true);
    expect(outbox.after(0, 10).map((m) => m.payload.toString())).toEqual(['fresh event']);
    outbox.close();
  },
);
