/**
 * A room whose broker login was stolen publishes health for device after device. The fleet
 * keeps MAX_DEVICES_PER_ROOM of one room's devices and ignores the health of the next one
 * (counted, never stored); the room's known devices and the other rooms go on as before. A
 * login that may publish under any room's topics names room after room: the fleet keeps its
 * bound of rooms (MAX_ROOMS, `--max-rooms`) and ignores the messages of the next.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { FleetStore } from './fleet-store.js';
import { MAX_DEVICES_PER_ROOM } from './fleet-batch-writer.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function health(room: string, deviceId: string, status: 'ok' | 'offline', at: number): FleetMessage {
  const body = { status, since: new Date(at).toISOString(), detail: null, metrics: {}, at };
  const parsed = parseFleetMessage(`roomctl/hq/${room}/devices/${deviceId}/health`, Buffer.from(JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error('not a health message');
  return parsed;
}

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it(`keeps ${MAX_DEVICES_PER_ROOM} devices of one room and ignores the health of the next`, async () => {
    const { store } = fleet;
    const devices = Array.from({ length: MAX_DEVICES_PER_ROOM + 1 }, (_, n) => `d${n}`);
    // All but one in a batch, then the last the bound allows with one more in the next.
    await store.apply(
      devices.slice(0, -2).map((d) => health('thief', d, 'ok', T0)),
      T0,
    );
    const next = await store.apply([health('thief', devices.at(-2)!, 'ok', T0), health('thief', devices.at(-1)!, 'ok', T0)], T0 + 1);
    expect(next.overBound).toBe(1);
    const held = () => store.room('hq', 'thief').then((r) => r?.devices.map((d) => d.deviceId) ?? []);
    expect(await held()).toHaveLength(MAX_DEVICES_PER_ROOM);
    expect(await held()).not.toContain(devices.at(-1));

    // A device it keeps still reports; another room's new device is taken.
    const later = await store.apply([health('thief', 'd0', 'offline', T0 + 2), health('aurora', 'camera', 'ok', T0 + 2)], T0 + 2);
    expect(later.overBound).toBe(0);
    expect(later.devices.map((d) => [d.room, d.deviceId, d.status])).toEqual(
      expect.arrayContaining([
        ['thief', 'd0', 'offline'],
        ['aurora', 'camera', 'ok'],
      ]),
    );
  });

  it('ignores the device past the bound within one batch too', async () => {
    const devices = Array.from({ length: MAX_DEVICES_PER_ROOM + 5 }, (_, n) => `d${n}`);
    const changes = await fleet.store.apply(
      devices.map((d) => health('thief', d, 'ok', T0)),
      T0,
    );
    expect(changes.overBound).toBe(5);
    expect((await fleet.store.room('hq', 'thief'))?.devices).toHaveLength(MAX_DEVICES_PER_ROOM);
  });

  it('keeps its bound of rooms and ignores every message of a room past it, within a batch and after a restart', async () => {
    const store = await FleetStore.open(fleet.db.sql, { maxRooms: 3 });
    const changes = await store.apply(
      ['r1', 'r2', 'r3', 'r4', 'r5', 'r2'].map((room) => health(room, 'camera', 'ok', T0)),
      T0,
    );
    expect(changes.roomsOverBound).toBe(2);
    const rooms = async () => (await fleet.db.sql.query<{ room: string }>('SELECT room FROM fleet_rooms ORDER BY room')).map((r) => r.room);
    expect(await rooms()).toEqual(['r1', 'r2', 'r3']);
    // The rooms it keeps go on; a new one is still refused, by a store opened again (a restart) too.
    const again = await FleetStore.open(fleet.db.sql, { maxRooms: 3 });
    const later = await again.apply([health('r1', 'camera', 'offline', T0 + 1), health('r6', 'camera', 'offline', T0 + 1)], T0 + 1);
    expect({ over: later.roomsOverBound, devices: later.devices.map((d) => [d.room, d.status]) }).toEqual({ over: 1, devices: [['r1', 'offline']] });
    expect(await rooms()).toEqual(['r1', 'r2', 'r3']);
    expect(await fleet.db.sql.query('SELECT device_id FROM fleet_devices WHERE room = ?', ['r6'])).toEqual([]);
  });
});
