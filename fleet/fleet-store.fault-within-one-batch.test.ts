/**
 * A device that fails and comes back within one ingest batch (offline and ok in the same
 * flush, as under load or when a room's outbox drains a backlog) still leaves its fault: the
 * batch reports both transitions, the fault opens its issue (closed by itself, in that order)
 * and stays in the history with its length. The health upsert coalesces; the transitions do not.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { FleetHistory } from './fleet-history.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function health(deviceId: string, status: 'ok' | 'offline', at: number): FleetMessage {
  const body = { status, since: new Date(at).toISOString(), detail: status === 'ok' ? null : 'No reply', metrics: {}, at };
  const parsed = parseFleetMessage(`roomctl/hq/aurora/devices/${deviceId}/health`, Buffer.from(JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error('not a health message');
  return parsed;
}

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);
  let desk: IssueDesk;
  let faults: DeviceFaultIssues;

  beforeEach(async () => {
    desk = new IssueDesk(fleet.db.sql, fleet.store);
    faults = new DeviceFaultIssues(fleet.db.sql, desk, { meetingIn: () => null, namesOf: () => null, changed: () => undefined });
    await fleet.store.apply([health('mic', 'ok', T0), health('cam', 'ok', T0)], T0);
  });

  it('reports the fault and the recovery of one batch in order, and writes the newest report', async () => {
    const { store } = fleet;
    const changes = await store.apply(
      [
        health('mic', 'ok', T0 + 100),
        health('mic', 'offline', T0 + 200),
        health('cam', 'ok', T0 + 250),
        health('mic', 'offline', T0 + 300),
        health('mic', 'ok', T0 + 400),
      ],
      T0 + 500,
    );
    expect(changes.devices.map((d) => [d.deviceId, d.previous, d.status])).toEqual([
      ['mic', 'ok', 'offline'],
      ['mic', 'offline', 'ok'],
    ]);
    expect((await store.room('hq', 'aurora'))?.devices.map((d) => [d.deviceId, d.status])).toEqual([
      ['cam', 'ok'],
      ['mic', 'ok'],
    ]);
  });

  it('opens the fault’s issue and keeps the fault in the history', async () => {
    const { db, store } = fleet;
    faults.observe(await store.apply([health('mic', 'offline', T0 + 200), health('mic', 'ok', T0 + 400)], T0 + 500), T0 + 500);
    await faults.idle();
    const [issue] = await desk.search({});
    expect(issue).toMatchObject({ kind: 'device', deviceId: 'mic', summary: 'No reply', state: 'resolved' });
    expect((await desk.log(issue!.id)).map((e) => e.action)).toEqual(['opened', 'cleared']);
    // It ended at the commit and began as long before as the room's reports say (200 ms).
    expect((await new FleetHistory(db.sql).room('hq', 'aurora', T0 + 1000)).faults.map((f) => [f.deviceId, f.status, f.startedAt - T0, f.durationMs])).toEqual([
      ['mic', 'offline', 300, 200],
    ]);
  });

  it('ignores a resent older fault in a batch (what is stored is newer)', async () => {
    const { store } = fleet;
    await store.apply([health('mic', 'ok', T0 + 1000)], T0 + 1000);
    const changes = await store.apply([health('mic', 'offline', T0 + 500), health('mic', 'ok', T0 + 2000)], T0 + 2000);
    expect(changes.devices).toEqual([]);
    expect(changes.stale).toBe(1);
  });
});
