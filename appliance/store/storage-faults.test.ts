import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { RoomEventBus, type RoomEvent } from '../model/room-events.js';
import { raiseStorageFaults } from './storage-faults.js';
import { StorageHealth, TELEMETRY_HELD } from './storage-health.js';

const dir = await mkdtemp(join(tmpdir(), 'roomctl-storage-faults-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it('raises one room fault while the folder refuses writes, says its latest code under the same id, and clears it once writes go through', () => {
  let diskFull = true;
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const storage = new StorageHealth(dir, {
    reserveBytes: 0,
    checkMs: 60_000,
    probe: () => {
      if (diskFull) throw full;
    },
  });
  const bus = new RoomEventBus();
  const heard: RoomEvent[] = [];
  bus.on('event', (e) => heard.push(e.event));
  const stop = raiseStorageFaults(storage, bus);
  try {
    // A booking's write refused: what people save is not kept.
    storage.noteFailure(full);
    // Then telemetry's own writes: its words first; then telemetry writes again, the booking's failure stands.
    storage.noteTelemetryHeld('The data folder is full: telemetry is held in memory');
    storage.noteTelemetryHeld(null);
    storage.refresh();
    // Space is back: the probe's write goes through.
    diskFull = false;
    storage.refresh();
    storage.refresh();
    expect(heard.map((e) => [e.type, 'code' in e ? e.code : undefined])).toEqual([
      ['fault.raised', 'ROOMCTL_E_STORAGE'],
      ['fault.raised', TELEMETRY_HELD],
      ['fault.raised', 'ROOMCTL_E_STORAGE'],
      ['fault.cleared', undefined],
    ]);
    const ids = new Set(heard.map((e) => ('faultId' in e ? e.faultId : '')));
    expect([...ids]).toHaveLength(1);
    expect([...ids][0]).toMatch(/^storage-/);
    expect(heard[0]).toMatchObject({ detail: expect.stringMatching(/SQLITE_FULL/) });
  } finally {
    stop();
    storage.stop();
  }
});
