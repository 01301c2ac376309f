/**
 * A room whose storage check says telemetry is held in memory (its data folder full) is a room
 * issue: a device issue naming no device, opened by the room's coded `fault.raised` and closed
 * by its `fault.cleared` once the room writes again — unless an operator took it on. Two such
 * rooms' issues stand side by side (no device to make them one). On both databases.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

afterAll(closeFleetPostgres);

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const event = (room: string, id: string, minute: number, body: Record<string, unknown>): FleetMessage => {
  const parsed = parseFleetMessage(`roomctl/hq/${room}/events`, Buffer.from(JSON.stringify({ id, at: at(minute), ...body })));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};
const DETAIL = 'The data folder is full: telemetry is held in memory (at most 1000 messages, 1024 KiB)';
const held = (room: string, id: string, faultId: string) =>
  event(room, id, 1, { type: 'fault.raised', faultId, code: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD', detail: DETAIL });
const writesAgain = (room: string, id: string, faultId: string) => event(room, id, 30, { type: 'fault.cleared', faultId, detail: 'telemetry writes again' });

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);
  let desk: IssueDesk;
  beforeEach(() => {
    desk = new IssueDesk(fleet.db.sql, fleet.store);
  });

  it("opens a room issue worded by the check's code, one however often delivered, and closes it when the room writes again", async () => {
    const changes = await fleet.store.apply([held('aurora', 'e1', 'storage-a'), held('aurora', 'e1', 'storage-a'), held('borealis', 'e2', 'storage-b')]);
    expect([...changes.issues].sort()).toEqual(['storage-a', 'storage-b']);
    expect(await fleet.store.issue('storage-a')).toMatchObject({
      kind: 'device',
      room: 'aurora',
      deviceId: null,
      errorCode: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD',
      summary: DETAIL,
      state: 'open',
    });
    expect(await desk.search({ state: 'unresolved' })).toHaveLength(2);
    await fleet.store.apply([writesAgain('aurora', 'e3', 'storage-a')]);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: at(30) });
    expect(await fleet.store.issue('storage-b')).toMatchObject({ state: 'open', clearedAt: null });
    expect((await desk.log('storage-a')).map((e) => e.action)).toEqual(['opened', 'cleared']);
  });

  it('leaves an issue an operator took on to them, and opens none for a storage fault that names a device or has no storage code', async () => {
    await fleet.store.apply([held('aurora', 'e1', 'storage-a')]);
    await desk.acknowledge('storage-a', 'Ana Lima');
    await fleet.store.apply([writesAgain('aurora', 'e2', 'storage-a')]);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ state: 'acknowledged', clearedAt: at(30) });

    await fleet.store.apply([
      event('aurora', 'e3', 2, { type: 'fault.raised', faultId: 'storage-c', deviceId: 'display', code: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD', detail: DETAIL }),
      event('aurora', 'e4', 2, { type: 'fault.raised', faultId: 'storage-d', code: 'ROOMCTL_E_CALENDAR_FEED', detail: 'feed down' }),
    ]);
    expect(await fleet.store.issue('storage-c')).toBeUndefined();
    expect(await fleet.store.issue('storage-d')).toBeUndefined();
  });

  it('closes it when the room, started again, says its storage holds nothing: the clear was lost with the messages it held', async () => {
    const state = (minute: number, storage?: Record<string, unknown>): FleetMessage => {
      const parsed = parseFleetMessage(
        'roomctl/hq/aurora/state',
        Buffer.from(JSON.stringify({ at: at(minute), roomState: 'idle', ...(storage ? { storage } : {}) })),
      );
      if (!parsed || 'error' in parsed) throw new Error('not a state message');
      return parsed;
    };
    const check = (code: string | null) => ({ state: code ? 'full' : 'ok', freeBytes: 1e9, detail: null, code, since: at(0) });
    await fleet.store.apply([held('aurora', 'e1', 'storage-a'), held('borealis', 'e2', 'storage-b')]);
    // Still holding, or a publisher without a storage check: open as it was.
    await fleet.store.apply([state(2, check('ROOMCTL_E_STORAGE_TELEMETRY_HELD'))]);
    await fleet.store.apply([state(3)]);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ state: 'open', clearedAt: null });
    // Started again with room on its disk: its first state clears the room's own issue, not another room's.
    const changes = await fleet.store.apply([state(40, check(null))]);
    expect([...changes.issues]).toEqual(['storage-a']);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ state: 'resolved', resolvedBy: null, clearedAt: at(40) });
    expect(await fleet.store.issue('storage-b')).toMatchObject({ state: 'open', clearedAt: null });
    expect((await desk.log('storage-a')).map((e) => e.action)).toEqual(['opened', 'cleared']);
    // A state that still says a refused write (ROOMCTL_E_STORAGE) clears nothing: the folder still refuses.
    await fleet.store.apply([held('aurora', 'e3', 'storage-c')]);
    await fleet.store.apply([state(50, check('ROOMCTL_E_STORAGE'))]);
    expect(await fleet.store.issue('storage-c')).toMatchObject({ state: 'open', clearedAt: null });
  });

  it('says the latest code of a fault raised again under its id, and a new storage fault of the room supersedes its others', async () => {
    const refused = (id: string, faultId: string, minute: number) =>
      event('aurora', id, minute, { type: 'fault.raised', faultId, code: 'ROOMCTL_E_STORAGE', detail: 'Not saved: the data folder is full (SQLITE_FULL).' });
    await fleet.store.apply([refused('e1', 'storage-a', 1)]);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ errorCode: 'ROOMCTL_E_STORAGE', state: 'open' });
    // Telemetry's writes refused too: the same fault, its code and words the latest; the same again changes nothing.
    const changes = await fleet.store.apply([
      event('aurora', 'e2', 2, { type: 'fault.raised', faultId: 'storage-a', code: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD', detail: DETAIL }),
    ]);
    expect([...changes.issues]).toEqual(['storage-a']);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ errorCode: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD', summary: DETAIL, state: 'open' });
    expect((await fleet.store.apply([held('aurora', 'e3', 'storage-a')])).issues.size).toBe(0);
    // The room started again with its folder still refusing: its new fault closes the old issue, one stands.
    const restarted = await fleet.store.apply([refused('e4', 'storage-b', 20)]);
    expect([...restarted.issues].sort()).toEqual(['storage-a', 'storage-b']);
    expect(await fleet.store.issue('storage-a')).toMatchObject({ state: 'resolved', clearedAt: at(20) });
    expect(await desk.search({ state: 'unresolved' })).toMatchObject([{ id: 'storage-b', errorCode: 'ROOMCTL_E_STORAGE' }]);
    // A cleared fault raised again (a late copy) opens nothing.
    await fleet.store.apply([writesAgain('aurora', 'e5', 'storage-b')]);
    expect((await fleet.store.apply([refused('e6', 'storage-b', 31)])).issues.size).toBe(0);
    expect(await desk.search({ state: 'unresolved' })).toEqual([]);
  });

  it("changes nothing of another room's issue when a room names its fault id", async () => {
    await fleet.store.apply([held('aurora', 'e1', 'storage-a')]);
    const other = await fleet.store.apply([
      event('borealis', 'e2', 2, { type: 'fault.raised', faultId: 'storage-a', code: 'ROOMCTL_E_STORAGE', detail: 'made up' }),
      writesAgain('borealis', 'e3', 'storage-a'),
    ]);
    expect(other.issues.size).toBe(0);
    expect(await fleet.store.issue('storage-a')).toMatchObject({
      room: 'aurora',
      errorCode: 'ROOMCTL_E_STORAGE_TELEMETRY_HELD',
      summary: DETAIL,
      state: 'open',
      clearedAt: null,
    });
  });
});
