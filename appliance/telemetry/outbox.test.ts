import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { TelemetryOutbox } from './outbox.js';

describe('telemetry outbox', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });
  const open = async (): Promise<{ db: Db; dir: string }> => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-outbox-'));
    const db = openDatabase(dir, ROOM_MIGRATIONS);
    cleanup.push(async () => {
      if (db.open) db.close();
      await rm(dir, { recursive: true, force: true });
    });
    return { db, dir };
  };

  it('hands messages out in the order they were stored and forgets only what was acknowledged', async () => {
    const { db } = await open();
    const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 60_000 });
    for (const p of ['a', 'b', 'c']) outbox.enqueue('t', p, { retain: p === 'b' });
    const stored = outbox.after(0, 10);
    expect(stored.map((m) => [m.payload.toString(), m.retain])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    outbox.acknowledgeThrough(stored[1]!.seq);
    expect(outbox.depth).toBe(1);
    expect(outbox.after(0, 10).map((m) => m.payload.toString())).toEqual(['c']);
  });

  it('keeps its messages across a reopen of the database (a restart)', async () => {
    const { db, dir } = await open();
    const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 60_000 });
    outbox.enqueue('t', 'kept');
    outbox.flush();
    db.close();
    const again = openDatabase(dir, ROOM_MIGRATIONS);
    cleanup.push(async () => {
      again.close();
    });
    const reopened = new TelemetryOutbox(again, { maxMessages: 1000, maxAgeMs: 60_000 });
    expect(reopened.depth).toBe(1);
    expect(reopened.after(0, 10)[0]!.payload.toString()).toBe('kept');
  });

  it('drops the oldest first when full, counts the loss and logs it once per chunk', async () => {
    const { db } = await open();
    const warnings: unknown[] = [];
    const outbox = new TelemetryOutbox(db, { maxMessages: 100, maxAgeMs: 60_000, log: { warn: (o: unknown) => warnings.push(o), info: () => undefined } });
    for (let i = 0; i < 150; i++) outbox.enqueue('t', String(i));
    const left = outbox.after(0, 1000).map((m) => Number(m.payload.toString()));
    expect(left.at(-1)).toBe(149);
    expect(left).toEqual([...left].sort((a, b) => a - b));
    expect(left.length).toBeLessThanOrEqual(100);
    expect(outbox.dropped).toBe(150 - left.length);
    expect(left[0]).toBe(150 - left.length);
    expect(warnings.length).toBeLessThan(outbox.dropped);
  });

  it('drops messages older than the age bound, by the clock it is given', async () => {
    const { db } = await open();
    let now = 1_000_000;
    const outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 10_000, now: () => now });
    outbox.enqueue('t', 'old');
    now += 6000;
    outbox.enqueue('t', 'young');
    now += 5000;
    expect(outbox.expire()).toBe(1);
    expect(outbox.after(0, 10).map((m) => m.payload.toString())).toEqual(['young']);
    expect(outbox.dropped).toBe(1);
  });

  it('remembers the count of dropped messages across restarts', async () => {
    const { db, dir } = await open();
    const outbox = new TelemetryOutbox(db, { maxMessages: 100, maxAgeMs: 60_000 });
    for (let i = 0; i < 120; i++) outbox.enqueue('t', String(i));
    outbox.flush();
    const dropped = outbox.dropped;
    expect(dropped).toBeGreaterThan(0);
    db.close();
    const again = openDatabase(dir, ROOM_MIGRATIONS);
    cleanup.push(async () => {
      again.close();
    });
    expect(new TelemetryOutbox(again, { maxMessages: 100, maxAgeMs: 60_000 }).dropped).toBe(dropped);
  });
});
