/**
 * An event counted on its room past the room's bound, and not stored, is sent again in a later
 * batch (MQTT delivers at least once; a room re-sends its queue after an outage): the copy is a
 * duplicate, not a second event held back. The fleet remembers the last HELD_BACK_IDS_REMEMBERED
 * such ids; an older one sent again is counted again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { ROOM_EVENT_BACKLOG_MINUTES } from './event-budget.js';
import { HELD_BACK_IDS_REMEMBERED } from './fleet-batch-writer.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function event(id: string): FleetMessage {
  const body = { id, at: new Date(T0).toISOString(), type: 'feedback', meetingId: 'm-1', rating: 4 };
  const parsed = parseFleetMessage('roomctl/hq/thief/events', Buffer.from(JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error('not an event');
  return parsed;
}
const events = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => event(`${prefix}-${i + 1}`));

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  // One event a minute: the backlog is 1,440 events.
  const fleet = useTestFleetStore(backend, { roomEventsPerMinute: 1 });

  it('counts a held-back event once, in whichever batch its copy comes', async () => {
    const { store } = fleet;
    await store.apply(events('stored', ROOM_EVENT_BACKLOG_MINUTES), T0);
    const first = await store.apply([event('late')], T0);
    expect(first.eventsHeldBack).toEqual(new Map([['hq/thief', 1]]));
    const again = await store.apply([event('late'), event('later')], T0);
    expect(again.duplicates).toBe(1);
    expect(again.eventsHeldBack).toEqual(new Map([['hq/thief', 1]]));
    expect((await store.rooms()).find((r) => r.room === 'thief')?.eventsHeldBack?.events).toBe(2);
  });

  it(`forgets the oldest past ${HELD_BACK_IDS_REMEMBERED} ids held back`, async () => {
    const { store } = fleet;
    await store.apply(events('stored', ROOM_EVENT_BACKLOG_MINUTES), T0);
    await store.apply(events('flood', HELD_BACK_IDS_REMEMBERED + 1), T0);
    const again = await store.apply([event('flood-1'), event(`flood-${HELD_BACK_IDS_REMEMBERED + 1}`), event('flood-2')], T0);
    expect(again.eventsHeldBack).toEqual(new Map([['hq/thief', 1]]));
    expect(again.duplicates).toBe(2);
  });
});
