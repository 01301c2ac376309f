/**
 * A fault whose device status was committed but never turned into an issue (the process
 * stopped first) is recorded by the next start: the failed device gets its issue, and a device
 * back since gets its fault ended and its untouched issue closed. Nothing is done twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function health(status: 'ok' | 'offline', at: number): FleetMessage {
  const body = {
    status,
    since: new Date(at).toISOString(),
    detail: status === 'ok' ? null : 'No answer on 10.0.0.30:4352',
    error: status === 'ok' ? null : { code: 'ROOMCTL_E_CONNECT_FAILED', message: 'No answer on 10.0.0.30:4352' },
    metrics: {},
    at,
  };
  const parsed = parseFleetMessage('roomctl/hq/aurora/devices/display/health', Buffer.from(JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error('not a health message');
  return parsed;
}

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it('opens the issue of a failure it never recorded, then ends the fault of a device back since, once each', async () => {
    const { db, store } = fleet;
    const changed: string[][] = [];
    const faults = () =>
      new DeviceFaultIssues(db.sql, new IssueDesk(db.sql, store), { meetingIn: () => null, namesOf: () => null, changed: (ids) => void changed.push(ids) });
    // Committed by a process that stopped before its fault tracker wrote anything.
    await store.apply([health('offline', T0)], T0 + 50);

    const first = faults();
    first.reconcile(T0 + 60_000);
    await first.idle();
    const [issue] = await store.issues();
    expect(issue).toMatchObject({
      kind: 'device',
      deviceId: 'display',
      state: 'open',
      errorCode: 'ROOMCTL_E_CONNECT_FAILED',
      summary: 'No answer on 10.0.0.30:4352',
    });
    const running = await db.sql.query<{ started_at: number }>('SELECT started_at FROM fleet_device_faults WHERE ended_at IS NULL');
    expect(running.map((r) => Number(r.started_at))).toEqual([T0]);
    // A second start finds nothing to do.
    first.reconcile(T0 + 61_000);
    await first.idle();
    expect(changed).toEqual([[issue!.id]]);

    // Back, committed, and again the process stopped before recording it.
    await store.apply([health('ok', T0 + 120_000)], T0 + 120_050);
    const second = faults();
    second.reconcile(T0 + 180_000);
    await second.idle();
    expect(await store.issue(issue!.id)).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: new Date(T0 + 120_050).toISOString() });
    expect(await db.sql.query('SELECT id FROM fleet_device_faults WHERE ended_at IS NULL')).toEqual([]);
    expect(changed).toEqual([[issue!.id], [issue!.id]]);
  });

  it('leaves a fault staff ended by hand ended at a start, until a report of the device down came after it', async () => {
    const { db, store } = fleet;
    const faults = () => new DeviceFaultIssues(db.sql, new IssueDesk(db.sql, store), { meetingIn: () => null, namesOf: () => null, changed: () => undefined });
    await store.apply([health('offline', T0)], T0 + 50);
    const tracker = faults();
    tracker.reconcile(T0 + 60_000);
    await tracker.idle();
    const [issue] = await store.issues();
    await new IssueDesk(db.sql, store).resolve(issue!.id, 'Ana', new Date(T0 + 90_000));
    // The fleet starts again with nothing heard since: the resolved fault stays ended, no issue opens.
    const restarted = faults();
    restarted.reconcile(T0 + 120_000);
    await restarted.idle();
    expect((await store.issues()).map((i) => i.state)).toEqual(['resolved']);
    // A report of the display still down was committed after it, and the process stopped before it was acted on: the next start opens a fresh issue.
    await store.apply([health('offline', T0 + 150_000)], T0 + 150_050);
    const again = faults();
    again.reconcile(T0 + 180_000);
    await again.idle();
    expect((await store.issues()).map((i) => [i.state, i.id === issue!.id])).toEqual([
      ['open', false],
      ['resolved', true],
    ]);
  });
});
