/**
 * Device faults become issues: one per fault, closed by itself when nobody took it on,
 * left to the operator once acknowledged, and reopened (not duplicated) by a flap. The
 * history then shows each fault with its duration, and the room stays `degraded`.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from './alert-dispatcher.js';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alert-rules.js';
import { seedAlerts } from './alert-seeding.js';
import type { Alert } from './alert-sink.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { FleetHistory } from './fleet-history.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import type { FleetSql } from './fleet-sql.js';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import { FleetStore } from './fleet-store.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const msg = (topic: string, body: unknown): FleetMessage => {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  let sql: FleetSql;
  let store: FleetStore;
  let desk: IssueDesk;
  let faults: DeviceFaultIssues;

  /** The room's report of the camera's health at minute `m` after T0. */
  const cameraReport = (status: 'ok' | 'offline' | 'auth-failed', m: number) =>
    msg('roomctl/hq/aurora/devices/cam/health', {
      status,
      since: new Date(T0 + m * MIN).toISOString(),
      detail: status === 'ok' ? null : 'No reply to VISCA',
      metrics: {},
      at: T0 + m * MIN,
    });

  /** The camera's health at minute `m` after T0, through the store and the fault tracker. */
  async function camera(status: 'ok' | 'offline' | 'auth-failed', m: number): Promise<void> {
    const at = T0 + m * MIN;
    const changes = await store.apply([cameraReport(status, m)], at);
    faults.observe(changes, at);
    await faults.idle();
  }

  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
    sql = db.sql;
    store = await FleetStore.open(sql);
    desk = new IssueDesk(sql, store);
    faults = new DeviceFaultIssues(sql, desk, {
      meetingIn: async (site, room) => (await store.currentMeeting(site, room))?.title ?? null,
      namesOf: async (site, room, id) => (await store.deviceNames(site, room))[id] ?? null,
      changed: () => undefined,
      flapWindowMs: 10 * MIN,
    });
    await store.apply(
      [
        msg('roomctl/hq/aurora/status', 'online'),
        msg('roomctl/hq/aurora/state', {
          room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
          deviceNames: { cam: { en: 'Front camera', 'zh-CN': '前置摄像头' } },
        }),
        msg('roomctl/hq/aurora/events', { id: 'e-m', at: new Date(T0 - MIN).toISOString(), type: 'meeting.started', meetingId: 'm1', title: 'Board meeting' }),
      ],
      T0,
    );
    await camera('ok', 0);
  });
  afterEach(async () => {
    await db.close();
  });

  it('opens one issue for a fault, with the device name and the meeting running; the room is degraded, not offline', async () => {
    await camera('offline', 1);
    const [issue] = await desk.search({ state: 'unresolved' });
    expect(issue).toMatchObject({
      kind: 'device',
      deviceId: 'cam',
      deviceNames: { en: 'Front camera', 'zh-CN': '前置摄像头' },
      summary: 'No reply to VISCA',
      meeting: 'Board meeting',
      state: 'open',
      clearedAt: null,
    });
    expect((await store.rooms())[0]).toMatchObject({ worst: 'degraded', online: 'online' });
  });

  it('closes the issue by itself when the fault clears and nobody acknowledged it', async () => {
    await camera('offline', 1);
    await camera('ok', 4);
    const [issue] = await desk.search({});
    expect(issue).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: new Date(T0 + 4 * MIN).toISOString() });
    expect((await desk.log(issue!.id)).map((e) => e.action)).toEqual(['opened', 'cleared']);
  });

  it('leaves an acknowledged issue to the operator when the fault clears', async () => {
    await camera('offline', 1);
    const [open] = await desk.search({});
    await desk.acknowledge(open!.id, 'Ana', new Date(T0 + 2 * MIN));
    await camera('ok', 5);
    expect(await store.issue(open!.id)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Ana', clearedAt: expect.any(String) });
    await desk.resolve(open!.id, 'Bo', new Date(T0 + 6 * MIN));
    expect(await store.issue(open!.id)).toMatchObject({ state: 'resolved', resolvedBy: 'Bo' });
    expect((await desk.log(open!.id)).map((e) => [e.action, e.actor])).toEqual([
      ['opened', null],
      ['acknowledged', 'Ana'],
      ['cleared', null],
      ['resolved', 'Bo'],
    ]);
  });

  it('reopens the same issue when the device flaps within the window, and opens a new one after it', async () => {
    await camera('offline', 1);
    await camera('ok', 3);
    await camera('offline', 8); // 5 min after it cleared: a flap
    const issues = await desk.search({});
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: 'open', clearedAt: null, resolvedAt: null });
    await camera('ok', 10);
    await camera('offline', 40); // 30 min later: a new fault
    expect(await desk.search({})).toHaveLength(2);
  });

  it('keeps each fault with its duration for the history, and the uptime that follows', async () => {
    await camera('offline', 1);
    await camera('ok', 4);
    await camera('offline', 8);
    await camera('ok', 10);
    const history = await new FleetHistory(sql).room('hq', 'aurora', T0 + 60 * MIN);
    expect(history.faults.map((f) => [f.deviceId, f.durationMs / MIN])).toEqual([
      ['cam', 2],
      ['cam', 3],
    ]);
    // 5 minutes down in 24 h.
    expect(history.uptime['24h']).toBeCloseTo(1 - 5 / (24 * 60), 6);
    expect(history.devices[0]).toMatchObject({ deviceId: 'cam', faults: [expect.any(Object), expect.any(Object)] });
  });

  it("ends the device's fault when its issue is resolved by hand, and a self-test issue opened since does not take it up again", async () => {
    await camera('offline', 1);
    const [offline] = await desk.search({});
    await desk.resolve(offline!.id, 'Ana', new Date(T0 + 2 * MIN));
    // Staff dealt with it: the fault ends then, recorded as ended by hand.
    expect(await sql.query('SELECT ended_at, ended_by FROM fleet_device_faults')).toEqual([{ ended_at: T0 + 2 * MIN, ended_by: 'Ana' }]);
    // Still out of reach at the next self-test: the check opens an issue of its own (the one before is resolved).
    await store.apply([
      msg('roomctl/hq/aurora/events', {
        id: 'e-st',
        at: new Date(T0 + 3 * MIN).toISOString(),
        type: 'fault.raised',
        faultId: 'selftest-r1-cam-reachable',
        deviceId: 'cam',
        code: 'ROOMCTL_E_SELFTEST_UNREACHABLE',
        detail: 'Self-test failed: cam reachable (offline: No reply to VISCA)',
        selfTest: { status: 'offline', said: 'No reply to VISCA' },
      }),
    ]);
    expect((await desk.search({ state: 'unresolved' })).map((i) => i.id)).toEqual(['selftest-r1-cam-reachable']);
    await camera('ok', 5);
    const history = await new FleetHistory(sql).room('hq', 'aurora', T0 + 60 * MIN);
    expect(history.faults.map((f) => [f.deviceId, f.durationMs / MIN, f.endedBy])).toEqual([['cam', 1, 'Ana']]);
    expect(await sql.query('SELECT id FROM fleet_device_faults WHERE ended_at IS NULL')).toEqual([]);
  });

  it('opens a fresh issue with the next report of a device still down after its issue was resolved by hand, and not before', async () => {
    await camera('offline', 1);
    const [first] = await desk.search({});
    const resolved = await desk.resolve(first!.id, 'Ana', new Date(T0 + 2 * MIN));
    // The fleet says the room's last report had the camera down; so does the story.
    expect(resolved.stillDown).toBe('offline');
    expect((await desk.log(first!.id)).find((e) => e.action === 'resolved')).toMatchObject({ actor: 'Ana', text: 'offline' });
    expect(await desk.search({ state: 'unresolved' })).toEqual([]);
    // The same report again (MQTT delivers at least once; a restarted fleet receives the retained copy) is not a new one.
    await camera('offline', 1);
    expect(await desk.search({ state: 'unresolved' })).toEqual([]);
    expect(await FleetStore.open(sql).then((restarted) => restarted.apply([cameraReport('offline', 1)], T0 + 2 * MIN + 1))).toMatchObject({ repeated: [] });
    // The room reports the camera still down a minute later: a new issue and a new fault, from then.
    await camera('offline', 3);
    const [fresh] = await desk.search({ state: 'unresolved' });
    expect(fresh).toMatchObject({ kind: 'device', deviceId: 'cam', state: 'open', summary: 'No reply to VISCA' });
    expect(fresh!.id).not.toBe(first!.id);
    expect(await store.issue(first!.id)).toMatchObject({ state: 'resolved', resolvedBy: 'Ana' });
    // Its reports go on: still one issue, one running fault.
    await camera('offline', 4);
    expect(await desk.search({ state: 'unresolved' })).toHaveLength(1);
    expect(await sql.query('SELECT issue_id FROM fleet_device_faults WHERE ended_at IS NULL')).toEqual([{ issue_id: fresh!.id }]);
    await camera('ok', 6);
    const history = await new FleetHistory(sql).room('hq', 'aurora', T0 + 60 * MIN);
    expect(history.faults.map((f) => [f.issueId, f.durationMs / MIN, f.endedBy])).toEqual([
      [fresh!.id, 3, null],
      [first!.id, 1, 'Ana'],
    ]);
    // Nobody took the fresh one on: it closed by itself when the camera came back.
    expect(await store.issue(fresh!.id)).toMatchObject({ state: 'resolved', resolvedBy: null });
  });

  it('opens a fresh issue when a device whose issue was resolved by hand next reports another failure (offline, then refusing the password)', async () => {
    await camera('offline', 1);
    const [first] = await desk.search({});
    await desk.resolve(first!.id, 'Ana', new Date(T0 + 2 * MIN));
    await camera('auth-failed', 3);
    const [fresh] = await desk.search({ state: 'unresolved' });
    expect(fresh).toMatchObject({ deviceId: 'cam', state: 'open' });
    expect(fresh!.id).not.toBe(first!.id);
  });

  /** What a fresh instance's rules fire once seeded from the store (at once: no delay to wait out). */
  const firedAfterSeeding = async (now: number) => {
    const fired: Alert[] = [];
    const rules = new AlertEngine(
      { ...DEFAULT_ALERT_RULES, deviceOfflineAfterS: 0 },
      (alert) => fired.push(alert),
      () => now,
    );
    const recover = { now, eventsBySeq: (seqs: number[]) => store.eventsBySeq(seqs), feed: new FleetAlertFeed(sql), sinkIds: [] };
    await seedAlerts(sql, rules, { ...recover, dispatcher: new AlertDispatcher(sql, [], { pollMs: 0 }) });
    rules.tick();
    return fired.map((a) => [a.key, a.state]);
  };

  it('an instance taking over the alert rules does not fire again the alert of a device resolved by hand, until the room reports it down again', async () => {
    await camera('offline', 1);
    const [issue] = await desk.search({});
    await desk.resolve(issue!.id, 'Ana', new Date(T0 + 2 * MIN));
    expect(await firedAfterSeeding(T0 + 3 * MIN)).toEqual([]);
    await camera('offline', 4);
    expect(await firedAfterSeeding(T0 + 5 * MIN)).toEqual([['device-offline/hq/aurora/cam', 'firing']]);
  });

  it('an instance taking over the alert rules holds a device refusing the password down, as an offline one (and not again once resolved by hand)', async () => {
    await camera('auth-failed', 1);
    expect(await firedAfterSeeding(T0 + 2 * MIN)).toEqual([['device-offline/hq/aurora/cam', 'firing']]);
    await desk.resolve((await desk.search({}))[0]!.id, 'Ana', new Date(T0 + 3 * MIN));
    expect(await firedAfterSeeding(T0 + 4 * MIN)).toEqual([]);
  });

  it('finds resolved issues again by words, room and state', async () => {
    await camera('offline', 1);
    await camera('ok', 2);
    await desk.note((await desk.search({}))[0]!.id, 'Replaced the RS-232 cable', 'Ana');
    expect(await desk.search({ q: 'rs-232' })).toHaveLength(1);
    expect(await desk.search({ q: 'visca', state: 'resolved', room: 'hq/aurora' })).toHaveLength(1);
    expect(await desk.search({ q: 'visca', room: 'other' })).toHaveLength(0);
    expect(await desk.search({ q: '100%' })).toHaveLength(0);
  });
});
