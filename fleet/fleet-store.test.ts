import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const msg = (topic: string, body: unknown): FleetMessage => {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};
const health = (device: string, status: string, at: string) =>
  msg(`roomctl/hq/aurora/devices/${device}/health`, { status, since: at, detail: null, metrics: { replyMs: 3 }, at });
const event = (id: string, type: string, extra: Record<string, unknown> = {}) =>
  msg('roomctl/hq/aurora/events', { id, at: '2026-01-01T00:00:00.000Z', type, ...extra });

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('fleet store on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it("never replaces a room's state with an older one (by the room's own time); a state without one applies", async () => {
    const { store } = fleet;
    const state = (roomState: string, at?: string) => msg('roomctl/hq/aurora/state', { roomState, ...(at ? { at } : {}) });
    await store.apply([state('in-meeting', '2026-01-01T10:00:00.000Z')]);
    // The retained copy of an earlier state, delivered late.
    const late = await store.apply([state('idle', '2026-01-01T09:59:00.000Z')]);
    expect(late.stale).toBe(1);
    expect((await store.room('hq', 'aurora'))?.state).toMatchObject({ roomState: 'in-meeting' });
    await store.apply([state('idle', '2026-01-01T10:05:00.000Z'), state('in-meeting', '2026-01-01T10:01:00.000Z')]);
    expect((await store.room('hq', 'aurora'))?.state).toMatchObject({ roomState: 'idle' });
    await store.apply([state('checking-in')]);
    expect((await store.room('hq', 'aurora'))?.state).toMatchObject({ roomState: 'checking-in' });
  });

  it('colours a room by its worst device, and offline when its appliance is gone', async () => {
    const { store } = fleet;
    await store.apply([
      msg('roomctl/hq/aurora/status', 'online'),
      health('display', 'ok', '2026-01-01T00:00:01Z'),
      health('cam', 'degraded', '2026-01-01T00:00:01Z'),
    ]);
    expect((await store.rooms())[0]).toMatchObject({
      site: 'hq',
      room: 'aurora',
      online: 'online',
      worst: 'degraded',
      counts: { ok: 1, degraded: 1, offline: 0, unknown: 0 },
    });
    await store.apply([msg('roomctl/hq/aurora/status', 'offline')]);
    expect((await store.rooms())[0]!.worst).toBe('offline');
    expect(await store.rooms({ status: 'offline' })).toHaveLength(1);
    expect(await store.rooms({ site: 'other' })).toHaveLength(0);
  });

  it('keeps each event once, however often it arrives', async () => {
    const { store } = fleet;
    const first = await store.apply([event('e1', 'fault.raised', { deviceId: 'display', faultId: 'f1', detail: 'x' }), event('e1', 'fault.raised')]);
    const again = await store.apply([event('e1', 'fault.raised')]);
    expect(first.events).toHaveLength(1);
    expect(first.duplicates + again.duplicates).toBe(2);
    expect(await store.eventCount()).toBe(1);
  });

  it('ignores a health message older than the one it has (a resend after a room restart)', async () => {
    const { store } = fleet;
    await store.apply([health('display', 'offline', '2026-01-01T00:00:02Z')]);
    const changes = await store.apply([health('display', 'ok', '2026-01-01T00:00:01Z')]);
    expect(changes.stale).toBe(1);
    expect((await store.room('hq', 'aurora'))!.devices[0]!.status).toBe('offline');
  });

  it('opens issues for problem reports and help calls; staff acknowledge and resolve them', async () => {
    const { store } = fleet;
    await store.apply([
      event('e1', 'problem.reported', { reportId: 'r1', categories: ['audio'], comment: 'echo', deviceHealth: {} }),
      event('e2', 'help.requested', { requestId: 'h1' }),
    ]);
    expect((await store.issues('unresolved')).map((i) => [i.id, i.kind, i.summary])).toEqual(
      expect.arrayContaining([
        ['r1', 'problem', 'audio: echo'],
        ['h1', 'help', 'Help requested'],
      ]),
    );
    expect(await store.setIssueState('h1', 'acknowledged', 'sam')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'sam' });
    expect(await store.setIssueState('h1', 'resolved', 'sam')).toMatchObject({ state: 'resolved', resolvedBy: 'sam' });
    expect((await store.issues('unresolved')).map((i) => i.id)).toEqual(['r1']);
    expect(await store.setIssueState('nope', 'resolved', 'sam')).toBeUndefined();
    expect((await store.rooms())[0]!.openIssues).toBe(1);
  });

  it('tells a bad message from a good one without throwing', () => {
    expect(parseFleetMessage('roomctl/hq/aurora/devices/x/health', Buffer.from('{"status":"fine"}'))).toEqual({
      error: expect.stringMatching(/status must be/),
      code: 'ROOMCTL_E_MQTT_PAYLOAD',
    });
    expect(parseFleetMessage('roomctl/hq/aurora/events', Buffer.from('not json'))).toEqual({
      error: expect.stringMatching(/not JSON/),
      code: 'ROOMCTL_E_MQTT_PAYLOAD',
    });
    expect(parseFleetMessage('roomctl/HQ/aurora/status', Buffer.from('online'))).toEqual({
      error: expect.stringMatching(/bad site/),
      code: 'ROOMCTL_E_MQTT_TOPIC',
    });
    expect(parseFleetMessage('roomctl/hq/aurora/cmd/self-test', Buffer.from('{}'))).toBeNull();
  });
});
