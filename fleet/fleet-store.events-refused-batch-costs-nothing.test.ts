/**
 * A batch the database refuses stores nothing, so its events take nothing from their room's
 * bound: the ingest tries the batch again (the database back), and a room's backlog that
 * filled the bound the first time is stored whole the second. On both databases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { ROOM_EVENT_BACKLOG_MINUTES } from './event-budget.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
/** One event a minute: a day's backlog of 1,440, which a test sends in seconds (60 a minute would be 86,400). */
const PER_MINUTE = 1;
const BACKLOG = PER_MINUTE * ROOM_EVENT_BACKLOG_MINUTES;

function feedback(n: number): FleetMessage {
  const parsed = parseFleetMessage(
    'roomctl/hq/aurora/events',
    Buffer.from(JSON.stringify({ id: `e-${n}`, at: '2026-03-02T09:00:00Z', type: 'feedback', meetingId: 'm', rating: 5 })),
  );
  if (!parsed || 'error' in parsed) throw new Error('not an event');
  return parsed;
}

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend, { roomEventsPerMinute: PER_MINUTE });

  it(`stores a backlog of ${BACKLOG} events whole after the database refused it once`, async () => {
    const { db, store } = fleet;
    const backlog = Array.from({ length: BACKLOG }, (_, n) => feedback(n));
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
    expect(Number((await db.sql.query<{ n: number | string }>("SELECT events_held_back AS n FROM fleet_rooms WHERE room = 'aurora'"))[0]!.n)).toBe(1);
  });
});
