/**
 * A failed self-test check of a device that still answers (a microphone that hears nothing)
 * is an issue on the dashboard: opened by the room's coded `fault.raised`, with the device's
 * names and the meeting, and closed by the `fault.cleared` of the self-test in which the check
 * passes — unless an operator took it on. A device already in an open issue keeps that one,
 * and a fleet that starts again leaves the issue open; the issues export carries why the check
 * failed, in columns a spreadsheet reads. On both databases.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { issuesCsv } from './issues-csv.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

afterAll(closeFleetPostgres);

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const msg = (topic: string, body: unknown): FleetMessage => {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};
const event = (id: string, minute: number, body: Record<string, unknown>) => msg('roomctl/hq/aurora/events', { id, at: at(minute), ...body });
const FAULT = 'selftest-r1-mic-mic-level';
const micSilent = (id: string, minute: number, faultId = FAULT) =>
  event(id, minute, {
    type: 'fault.raised',
    faultId,
    deviceId: 'mic',
    code: 'ROOMCTL_E_SELFTEST_MIC_SILENT',
    detail: 'Self-test failed: mic mic-level (no level above -57 dB within 2000 ms (peak -60 dB))',
  });
/** A CSV file as a spreadsheet reads it: Python's csv module, strict (a quote out of place is an error), rows of cells. */
const parsedCsv = (text: string): string[][] =>
  JSON.parse(
    execFileSync(
      'python3',
      ['-c', "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline=''), strict=True))))"],
      {
        input: text,
        encoding: 'utf8',
      },
    ),
  ) as string[][];
const micHears = (id: string, minute: number) => event(id, minute, { type: 'fault.cleared', faultId: FAULT, deviceId: 'mic', detail: 'self-test passed' });

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);
  let desk: IssueDesk;
  beforeEach(async () => {
    desk = new IssueDesk(fleet.db.sql, fleet.store);
    await fleet.store.apply([
      msg('roomctl/hq/aurora/status', 'online'),
      msg('roomctl/hq/aurora/state', {
        room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
        deviceNames: { mic: { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' }, display: { en: 'Projector', 'zh-CN': '投影机' } },
      }),
      event('e0', 0, { type: 'meeting.started', meetingId: 'm1', title: 'Board meeting' }),
    ]);
  });

  it("leaves the issue open when another room sends its fault's clear", async () => {
    await fleet.store.apply([micSilent('e1', 1)]);
    const other = msg('roomctl/hq/borealis/events', { id: 'e2', at: at(2), type: 'fault.cleared', faultId: FAULT, deviceId: 'mic', detail: 'made up' });
    expect((await fleet.store.apply([other])).issues.size).toBe(0);
    expect(await fleet.store.issue(FAULT)).toMatchObject({ room: 'aurora', state: 'open', clearedAt: null });
  });

  it('opens an issue for the silent microphone, worded by its code, and closes it when the next self-test passes', async () => {
    const changes = await fleet.store.apply([micSilent('e1', 1)]);
    expect([...changes.issues]).toEqual([FAULT]);
    expect(await fleet.store.issue(FAULT)).toMatchObject({
      kind: 'device',
      deviceId: 'mic',
      deviceNames: { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' },
      errorCode: 'ROOMCTL_E_SELFTEST_MIC_SILENT',
      summary: expect.stringContaining('no level above -57 dB'),
      meeting: 'Board meeting',
      state: 'open',
    });
    // Delivered again (at least once): still one issue.
    await fleet.store.apply([micSilent('e1', 1)]);
    expect(await desk.search({ state: 'unresolved' })).toHaveLength(1);
    await fleet.store.apply([micHears('e2', 30)]);
    expect(await fleet.store.issue(FAULT)).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: at(30) });
    expect((await desk.log(FAULT)).map((e) => e.action)).toEqual(['opened', 'cleared']);
  });

  it("keeps why the check failed with the issue, for the dashboard to word it: the device's status and own words, the room's wait, what the microphone heard", async () => {
    const heard = { aboveDb: -57, withinMs: 2000, peakDb: -60 };
    await fleet.store.apply([
      event('e1', 1, {
        type: 'fault.raised',
        faultId: FAULT,
        deviceId: 'mic',
        code: 'ROOMCTL_E_SELFTEST_MIC_SILENT',
        detail: 'Self-test failed: mic',
        selfTest: { heard },
      }),
      event('e2', 1, {
        type: 'fault.raised',
        faultId: 'selftest-r1-display-answers',
        deviceId: 'display',
        code: 'ROOMCTL_E_SELFTEST_NO_ANSWER',
        detail: 'Self-test failed: display answers (offline: connect ECONNREFUSED)',
        selfTest: { status: 'offline', said: 'connect ECONNREFUSED 10.0.0.30:4352', waitedMs: 5000 },
      }),
    ]);
    expect((await fleet.store.issue(FAULT))?.selfTest).toEqual({ heard });
    expect((await fleet.store.issue('selftest-r1-display-answers'))?.selfTest).toEqual({
      status: 'offline',
      said: 'connect ECONNREFUSED 10.0.0.30:4352',
      waitedMs: 5000,
    });
    // A room of an earlier release sends no reason: none is made up.
    await fleet.store.apply([micSilent('e3', 2, 'selftest-r0-mic-mic-level')]);
    await fleet.store.apply([micHears('e4', 3)]);
    expect((await desk.search({})).find((i) => i.id === FAULT)?.selfTest).toEqual({ heard });
  });

  it("exports why each check failed in columns of their own: the device's status and words (a comma, a quote, a line), the wait, the levels, the room's own note apart", async () => {
    const said = 'ERR3, lamp "warming up"\nretry in 30 s';
    const failed = (id: string, faultId: string, deviceId: string, code: string, selfTest: Record<string, unknown>) =>
      event(id, 1, { type: 'fault.raised', faultId, deviceId, code, detail: `Self-test failed: ${deviceId}`, selfTest });
    await fleet.store.apply([
      failed('e1', FAULT, 'mic', 'ROOMCTL_E_SELFTEST_MIC_SILENT', { heard: { aboveDb: -57, withinMs: 2000, peakDb: -60.5 } }),
      failed('e2', 'selftest-r1-display-reachable', 'display', 'ROOMCTL_E_SELFTEST_UNREACHABLE', { status: 'offline', said }),
      failed('e3', 'selftest-r1-cam-answers', 'cam', 'ROOMCTL_E_SELFTEST_NO_ANSWER', { waitedMs: 5000 }),
      // Restarted from the admin view while the check ran: the device said nothing, the room's note says why.
      failed('e5', 'selftest-r1-dsp-reachable', 'dsp', 'ROOMCTL_E_SELFTEST_UNREACHABLE', {
        status: 'connecting',
        said: null,
        roomSaid: 'restarted from the admin view, "by Ana", 2 tries',
      }),
      event('e4', 2, { type: 'help.requested', requestId: 'h1', message: 'No picture' }),
    ]);
    const { lines } = await issuesCsv(fleet.db.sql, {});
    let text = '';
    for await (const line of lines) text += line;
    const [head, ...rows] = parsedCsv(text);
    const columns = [
      'id',
      'self_test_status',
      'self_test_said',
      'self_test_waited_ms',
      'self_test_heard_peak_db',
      'self_test_heard_above_db',
      'self_test_heard_within_ms',
      'self_test_room_said',
    ];
    // The self-test's columns, then where a problem report came from (added after them).
    expect(head!.slice(-8, -1)).toEqual(columns.slice(1));
    const byId = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(columns.map((c) => [c, r[head!.indexOf(c)]]))]));
    expect(rows.every((r) => r.length === head!.length)).toBe(true);
    expect(byId[FAULT]).toEqual({
      id: FAULT,
      self_test_status: '',
      self_test_said: '',
      self_test_waited_ms: '',
      self_test_heard_peak_db: '-60.5',
      self_test_heard_above_db: '-57',
      self_test_heard_within_ms: '2000',
      self_test_room_said: '',
    });
    expect(byId['selftest-r1-display-reachable']).toMatchObject({
      self_test_status: 'offline',
      self_test_said: said,
      self_test_waited_ms: '',
      self_test_heard_peak_db: '',
    });
    expect(byId['selftest-r1-cam-answers']).toMatchObject({ self_test_status: '', self_test_said: '', self_test_waited_ms: '5000' });
    // The room's note has its column; the device's words stay empty, the device having said nothing.
    expect(byId['selftest-r1-dsp-reachable']).toMatchObject({
      self_test_status: 'connecting',
      self_test_said: '',
      self_test_room_said: 'restarted from the admin view, "by Ana", 2 tries',
    });
    expect(byId['selftest-r1-display-reachable']!.self_test_room_said).toBe('');
    // Another kind of issue leaves them empty.
    expect(Object.values(byId.h1!).slice(1)).toEqual(['', '', '', '', '', '', '']);
  });

  it('leaves an acknowledged issue to its operator when the check passes again', async () => {
    await fleet.store.apply([micSilent('e1', 1)]);
    await desk.acknowledge(FAULT, 'Ana Lima');
    await fleet.store.apply([micHears('e2', 30)]);
    expect(await fleet.store.issue(FAULT)).toMatchObject({ state: 'acknowledged', clearedAt: at(30) });
  });

  it('keeps one issue for a device already in an open one', async () => {
    await fleet.store.apply([micSilent('e1', 1)]);
    await fleet.store.apply([micSilent('e2', 2, 'selftest-r2-mic-answers')]);
    expect((await desk.search({ state: 'unresolved' })).map((i) => i.id)).toEqual([FAULT]);
  });

  it("opens an issue of its own for the device's next fault of health, not the self-test's again", async () => {
    const faults = new DeviceFaultIssues(fleet.db.sql, desk, { meetingIn: () => null, namesOf: () => null, changed: () => undefined });
    const health = async (status: 'ok' | 'offline', minute: number) => {
      const changes = await fleet.store.apply([
        msg('roomctl/hq/aurora/devices/mic/health', {
          status,
          since: at(minute),
          detail: status === 'ok' ? null : 'No reply',
          metrics: {},
          at: T0 + minute * 60_000,
        }),
      ]);
      faults.observe(changes, T0 + minute * 60_000);
      await faults.idle();
    };
    await health('ok', 0);
    await fleet.store.apply([micSilent('e1', 1)]);
    await fleet.store.apply([micHears('e2', 30)]);
    // Five minutes later (within the flap window of a device fault), the array stops answering.
    await health('offline', 35);
    expect(await fleet.store.issue(FAULT)).toMatchObject({ state: 'resolved', clearedAt: at(30) });
    const [open] = await desk.search({ state: 'unresolved' });
    expect(open).toMatchObject({ kind: 'device', deviceId: 'mic', summary: 'No reply', errorCode: null });
    expect(open!.id).not.toBe(FAULT);
  });

  it('leaves the issue of a device that answers open when the fleet starts again', async () => {
    await fleet.store.apply([msg('roomctl/hq/aurora/devices/mic/health', { status: 'ok', since: at(0), detail: null, metrics: {} }), micSilent('e1', 1)]);
    const faults = new DeviceFaultIssues(fleet.db.sql, desk, { meetingIn: () => null, namesOf: () => null, changed: () => undefined });
    faults.reconcile(T0 + 5 * 60_000);
    await faults.idle();
    expect(await fleet.store.issue(FAULT)).toMatchObject({ state: 'open', clearedAt: null });
  });
});
