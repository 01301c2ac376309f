/**
 * A room whose broker login was stolen floods the fleet with self-test faults raised and
 * cleared at once, each under a new id, and with help calls. Its events are kept, but it opens
 * ISSUES_PER_ROOM_PER_MINUTE issues a minute on the fleet's clock and no more; another room's
 * help call in the same batch opens its issue, and the next minute the room may open again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import { ISSUES_PER_ROOM_PER_MINUTE } from './issue-budget.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = new Date(T0).toISOString();

function event(room: string, id: string, body: object): FleetMessage {
  const parsed = parseFleetMessage(`roomctl/hq/${room}/events`, Buffer.from(JSON.stringify({ id, at, ...body })));
  if (!parsed || 'error' in parsed) throw new Error('not an event');
  return parsed;
}
const fault = (n: number, type: 'fault.raised' | 'fault.cleared') =>
  event('thief', `${type}-${n}`, {
    type,
    faultId: `selftest-${n}`,
    deviceId: 'mic',
    detail: 'hears nothing',
    ...(type === 'fault.raised' ? { code: 'ROOMCTL_E_SELFTEST_SILENT' } : {}),
  });

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it(`opens ${ISSUES_PER_ROOM_PER_MINUTE} issues of one room a minute and keeps the rest of its events without one`, async () => {
    const { db, store } = fleet;
    const flood = Array.from({ length: ISSUES_PER_ROOM_PER_MINUTE + 5 }, (_, n) => [fault(n, 'fault.raised'), fault(n, 'fault.cleared')]).flat();
    const changes = await store.apply([...flood, event('aurora', 'help-1', { type: 'help.requested', requestId: 'req-1' })], T0);
    expect(changes.issuesHeldBack).toBe(5);
    const issues = (room: string) => db.sql.query<{ id: string }>('SELECT id FROM fleet_issues WHERE site = ? AND room = ?', ['hq', room]);
    expect(await issues('thief')).toHaveLength(ISSUES_PER_ROOM_PER_MINUTE);
    expect(await issues('aurora')).toEqual([{ id: 'req-1' }]);
    const events = await db.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM fleet_events WHERE room = 'thief'");
    expect(Number(events[0]!.n)).toBe(flood.length);

    // Within the minute: still held back; a minute on, the room opens issues again.
    const help = (n: number) => event('thief', `thief-help-${n}`, { type: 'help.requested', requestId: `thief-req-${n}` });
    expect((await store.apply([help(1)], T0 + 59_000)).issuesHeldBack).toBe(1);
    expect((await store.apply([help(2)], T0 + 60_000)).issuesHeldBack).toBe(0);
    expect(await issues('thief')).toHaveLength(ISSUES_PER_ROOM_PER_MINUTE + 1);
  });
});
