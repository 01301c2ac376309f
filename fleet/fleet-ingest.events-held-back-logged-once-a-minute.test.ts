/**
 * A flooding room's events past its bound are counted, and the count is logged one line a
 * minute at most (on the fleet's clock): the rooms and how many each since the last line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ROOM_EVENT_BACKLOG_MINUTES } from './event-budget.js';

/** Two events a minute: a day's backlog of 2,880, which a test sends in a second. */
const PER_MINUTE = 2;
import { openFleetSql } from './fleet-database.js';
import { FleetIngest } from './fleet-ingest.js';
import { FleetStore } from './fleet-store.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('logs the events held back once a minute, with the rooms and their counts since the last line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-ingest-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const sql = await openFleetSql({ dataDir: dir });
  cleanup.push(() => sql.close());
  const warnings: Array<Record<string, unknown>> = [];
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const ingest = new FleetIngest(await FleetStore.open(sql, { roomEventsPerMinute: PER_MINUTE }), {
    flushMs: 1_000_000,
    now: () => clock,
    log: { warn: (fields: Record<string, unknown>) => void warnings.push(fields) },
  });
  // Stopped before the database closes: no flush timer outlives the test.
  cleanup.push(() => ingest.stop());
  let n = 0;
  const flood = async (events: number) => {
    for (let i = 0; i < events; i++)
      ingest.push(
        'roomctl/hq/thief/events',
        Buffer.from(JSON.stringify({ id: `e-${++n}`, at: '2026-03-02T09:00:00Z', type: 'feedback', meetingId: 'm', rating: 1 })),
      );
    while (ingest.stats.queued > 0) await ingest.flush();
  };

  await flood(PER_MINUTE * ROOM_EVENT_BACKLOG_MINUTES + 3);
  await flood(2);
  expect(ingest.stats.heldBack).toBe(5);
  expect(warnings).toEqual([{ code: 'ROOMCTL_E_RATE_LIMITED', rooms: { 'hq/thief': 3 }, heldBackTotal: 3 }]);

  // A minute on: the minute's events are stored, one more held back, and the line tells the three since the last.
  clock += 60_000;
  await flood(PER_MINUTE + 1);
  expect(warnings.slice(1)).toEqual([{ code: 'ROOMCTL_E_RATE_LIMITED', rooms: { 'hq/thief': 3 }, heldBackTotal: 6 }]);
});
