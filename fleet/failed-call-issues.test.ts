/**
 * A room's failed online call is an issue: opened by the `call.changed` event that says
 * `failed` (with the meeting it was for), one per room while unresolved, closed by itself
 * when the room's next call goes through — unless an operator took it on, then it is theirs
 * to resolve. On both databases.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

afterAll(closeFleetPostgres);

const T0 = Date.parse('2026-03-02T09:00:00Z');
const event = (id: string, minute: number, body: Record<string, unknown>): FleetMessage => {
  const parsed = parseFleetMessage('roomctl/hq/aurora/events', Buffer.from(JSON.stringify({ id, at: new Date(T0 + minute * 60_000).toISOString(), ...body })));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};
const call = (id: string, minute: number, state: string, detail: string | null = null) =>
  event(id, minute, { type: 'call.changed', state, provider: 'teams', meetingId: 'm-board', detail });

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);
  let desk: IssueDesk;
  beforeEach(() => {
    desk = new IssueDesk(fleet.db.sql, fleet.store);
  });
  const callIssues = async () => (await fleet.store.issues()).filter((i) => i.kind === 'call');

  it('opens one issue for a failed call, naming the meeting, and closes it when the next call goes through', async () => {
    const { store } = fleet;
    await store.apply([event('e1', 0, { type: 'meeting.started', meetingId: 'm-board', title: 'Board meeting' })]);
    const failed = await store.apply([call('e2', 1, 'joining'), call('e3', 2, 'failed', 'The browser could not open the meeting link')]);
    const [issue] = await callIssues();
    expect(issue).toMatchObject({
      id: 'call-e3',
      state: 'open',
      meeting: 'Board meeting',
      summary: 'teams: The browser could not open the meeting link',
    });
    expect([...failed.issues]).toEqual(['call-e3']);
    // The same event again (at-least-once delivery), and a second failure before anyone looked: still one issue.
    await store.apply([call('e3', 2, 'failed', 'The browser could not open the meeting link'), call('e4', 3, 'failed', 'again')]);
    expect(await callIssues()).toHaveLength(1);
    await store.apply([call('e5', 5, 'joining'), call('e6', 6, 'in-call')]);
    expect(await store.issue('call-e3')).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: new Date(T0 + 6 * 60_000).toISOString() });
    expect((await desk.log('call-e3')).map((e) => [e.action, e.actor])).toEqual([
      ['opened', null],
      ['cleared', null],
    ]);
    // A later failure is a new issue.
    await store.apply([call('e7', 30, 'failed')]);
    expect((await callIssues()).map((i) => [i.id, i.state])).toEqual([
      ['call-e7', 'open'],
      ['call-e3', 'resolved'],
    ]);
  });

  it('leaves an issue someone took on to them: the next call clears it, a new failure reopens it, the operator resolves it', async () => {
    const { store } = fleet;
    await store.apply([call('e1', 0, 'failed', 'No network')]);
    await desk.acknowledge('call-e1', 'Ana Lima', new Date(T0 + 60_000));
    await store.apply([call('e2', 5, 'in-call')]);
    expect(await store.issue('call-e1')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Ana Lima' });
    await store.apply([call('e3', 20, 'failed', 'No network again')]);
    expect(await callIssues()).toHaveLength(1);
    expect(await store.issue('call-e1')).toMatchObject({ state: 'acknowledged', clearedAt: null });
    await desk.resolve('call-e1', 'Ana Lima', new Date(T0 + 30 * 60_000));
    expect((await desk.log('call-e1')).map((e) => [e.action, e.actor, e.text])).toEqual([
      ['opened', null, 'No network'],
      ['acknowledged', 'Ana Lima', null],
      ['cleared', null, null],
      ['reopened', null, 'No network again'],
      ['resolved', 'Ana Lima', null],
    ]);
  });
});
