/**
 * A room's event bucket lives in the fleet's database, with the batch that takes from it: a
 * batch the database refuses takes nothing (tried again, a backlog that filled the bound the
 * first time is stored whole); a fleet that starts again finds the room's bucket as it left
 * it, not full; and two instances sharing one PostgreSQL (the broker splits a room's messages
 * between them) give the room one bucket between them, not one each. The hourly retention pass
 * forgets a bucket once it is full again (a room without a row has a full one), not a
 * millisecond sooner, and never waits on a batch that holds it. On both databases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { EventBudget, ROOM_EVENT_BACKLOG_MINUTES } from './event-budget.js';
import { openFleetSql } from './fleet-database.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import { DEFAULT_RETENTION, pruneFleetHistory } from './fleet-retention.js';
import type { FleetSql } from './fleet-sql.js';
import { FleetStore } from './fleet-store.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
/** One event a minute: a day's backlog of 1,440, which a test sends in seconds (60 a minute would be 86,400). */
const PER_MINUTE = 1;
const BACKLOG = PER_MINUTE * ROOM_EVENT_BACKLOG_MINUTES;

function feedbackIn(room: string, n: number): FleetMessage {
  const parsed = parseFleetMessage(
    `roomctl/hq/${room}/events`,
    Buffer.from(JSON.stringify({ id: `${room}-${n}`, at: '2026-03-02T09:00:00Z', type: 'feedback', meetingId: 'm', rating: 5 })),
  );
  if (!parsed || 'error' in parsed) throw new Error('not an event');
  return parsed;
}
const feedback = (n: number) => feedbackIn('aurora', n);
const feedbacks = (from: number, count: number) => Array.from({ length: count }, (_, n) => feedback(from + n));
/** The events the fleet counted on the room and did not store. */
const heldBackIn = async (sql: FleetSql) =>
  Number((await sql.query<{ n: number | string }>("SELECT events_held_back AS n FROM fleet_rooms WHERE room = 'aurora'"))[0]!.n);

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend, { roomEventsPerMinute: PER_MINUTE });
  const heldBack = () => heldBackIn(fleet.db.sql);

  it(`stores a backlog of ${BACKLOG} events whole after the database refused it once`, async () => {
    const { store } = fleet;
    const backlog = feedbacks(0, BACKLOG);
    // A health status the table's CHECK refuses, written after the events: the whole batch is rolled back.
    const refused: FleetMessage = {
      kind: 'health',
      site: 'hq',
      room: 'aurora',
      deviceId: 'cam',
      health: { status: 'melted', since: null, detail: null, metrics: {}, at: T0 },
    } as unknown as FleetMessage;
    await expect(store.apply([...backlog, refused], T0)).rejects.toThrow();
    expect(await store.eventCount()).toBe(0);

    const changes = await store.apply(backlog, T0);
    expect(changes.eventsHeldBack.size).toBe(0);
    expect(await store.eventCount()).toBe(BACKLOG);
    // The bound still holds: the next one is counted.
    expect([...(await store.apply([feedback(BACKLOG)], T0)).eventsHeldBack]).toEqual([['hq/aurora', 1]]);
    expect(await heldBack()).toBe(1);
  });

  it('keeps what a room spent of its bucket when the fleet starts again', async () => {
    await fleet.store.apply(feedbacks(0, BACKLOG - 1), T0);
    // The fleet starts again on its database (a new store, as a new process builds it) a quarter of a minute later:
    // the room has one event left, not a day's.
    const restarted = await FleetStore.open(fleet.db.sql, { roomEventsPerMinute: PER_MINUTE });
    expect([...(await restarted.apply(feedbacks(BACKLOG - 1, 3), T0 + 15_000)).eventsHeldBack]).toEqual([['hq/aurora', 2]]);
    expect(await restarted.eventCount()).toBe(BACKLOG);
    // A minute on, the bucket has refilled by one, as it would have without the restart.
    expect((await restarted.apply(feedbacks(BACKLOG + 2, 2), T0 + 75_000)).eventsHeldBack.get('hq/aurora')).toBe(1);
    expect(await heldBack()).toBe(3);
  });

  it('forgets a bucket the hourly pass finds full again, to the millisecond, and keeps one still refilling as it was', async () => {
    const { store, db } = fleet;
    const budget = new EventBudget(PER_MINUTE);
    const pass = (at: number) => pruneFleetHistory(db.sql, DEFAULT_RETENTION, at, budget);
    const rooms = async () => (await db.sql.query<{ room: string }>('SELECT room FROM fleet_event_budgets ORDER BY room')).map((r) => r.room);
    // Aurora spends one event (full again a minute on), Borealis two (two minutes on).
    await store.apply([feedback(0)], T0);
    await store.apply([feedbackIn('borealis', 0), feedbackIn('borealis', 1)], T0);
    expect(await rooms()).toEqual(['aurora', 'borealis']);
    expect((await pass(T0 + 60_000 - 1)).bucketsDeleted).toBe(0);
    expect((await pass(T0 + 60_000)).bucketsDeleted).toBe(1);
    expect(await rooms()).toEqual(['borealis']);
    // Borealis still has one event to get back: a day's backlog now stores all but one.
    const backlog = Array.from({ length: BACKLOG }, (_, n) => feedbackIn('borealis', 2 + n));
    expect((await store.apply(backlog, T0 + 60_000)).eventsHeldBack.get('hq/borealis')).toBe(1);
    // Aurora, forgotten, has a full bucket as a room without a row does: the same backlog is stored whole.
    const auroraBacklog = feedbacks(1, BACKLOG);
    expect((await store.apply(auroraBacklog, T0 + 60_000)).eventsHeldBack.size).toBe(0);
    expect(await rooms()).toEqual(['aurora', 'borealis']);
  });
});

describe('two instances on one PostgreSQL', () => {
  const fleet = useTestFleetStore('postgres', { roomEventsPerMinute: PER_MINUTE });

  it("share the room's one bucket, whichever of them hears its events", async () => {
    const second = await openFleetSql({ dataDir: fleet.db.dataDir, database: fleet.db.database });
    try {
      const other = await FleetStore.open(second, { roomEventsPerMinute: PER_MINUTE });
      // The broker splits the room's flood between the two, batch by batch, at the same moment: a day's backlog in all, no more.
      const results = await Promise.all(Array.from({ length: 8 }, (_, b) => (b % 2 ? other : fleet.store).apply(feedbacks(b * 250, 250), T0)));
      const held = results.reduce((n, changes) => n + (changes.eventsHeldBack.get('hq/aurora') ?? 0), 0);
      expect({ stored: await fleet.store.eventCount(), held }).toEqual({ stored: BACKLOG, held: 8 * 250 - BACKLOG });
      expect(await heldBackIn(fleet.db.sql)).toBe(8 * 250 - BACKLOG);
    } finally {
      await second.close();
    }
  });
});

describe('a pass while another instance writes a batch of the room', () => {
  const fleet = useTestFleetStore('postgres', { roomEventsPerMinute: PER_MINUTE });

  it("leaves the room's bucket to the next pass instead of waiting on the batch", async () => {
    await fleet.store.apply([feedback(0)], T0);
    const second = await openFleetSql({ dataDir: fleet.db.dataDir, database: fleet.db.database });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      let claimed = () => {};
      const locked = new Promise<void>((resolve) => (claimed = resolve));
      // The other instance's batch has locked the room's bucket (full again by now) and has not committed.
      const batch = second.transaction(async (tx) => {
        await new EventBudget(PER_MINUTE).claim(tx, [['hq', 'aurora']], T0 + 120_000);
        claimed();
        await held;
      });
      await locked;
      expect((await pruneFleetHistory(fleet.db.sql, DEFAULT_RETENTION, T0 + 120_000, new EventBudget(PER_MINUTE))).bucketsDeleted).toBe(0);
      release();
      await batch;
      expect((await pruneFleetHistory(fleet.db.sql, DEFAULT_RETENTION, T0 + 120_000, new EventBudget(PER_MINUTE))).bucketsDeleted).toBe(1);
    } finally {
      release();
      await second.close();
    }
  });
});
