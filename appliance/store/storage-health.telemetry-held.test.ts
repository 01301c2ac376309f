import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { StorageHealth, TELEMETRY_HELD } from './storage-health.js';

const dir = await mkdtemp(join(tmpdir(), 'roomctl-storage-health-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it("says telemetry is held, coded, over a refused write of its own, and the refused write's code once telemetry writes again", () => {
  // The probe keeps failing: the refused write stands until space is back (here: never).
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const storage = new StorageHealth(dir, {
    reserveBytes: 0,
    checkMs: 60_000,
    probe: () => {
      throw full;
    },
  });
  const changes: Array<string | null> = [];
  storage.on('change', (view) => changes.push(view.code));
  try {
    expect(storage.view()).toMatchObject({ state: 'ok', code: null });
    storage.noteFailure(full);
    storage.noteTelemetryHeld('The data folder is full: telemetry is held in memory');
    expect(storage.view()).toMatchObject({ state: 'full', code: TELEMETRY_HELD, detail: 'The data folder is full: telemetry is held in memory' });
    storage.noteTelemetryHeld(null);
    expect(storage.refresh()).toMatchObject({ state: 'full', code: 'ROOMCTL_E_STORAGE', detail: expect.stringMatching(/SQLITE_FULL/) });
    expect(changes).toEqual(['ROOMCTL_E_STORAGE', TELEMETRY_HELD, 'ROOMCTL_E_STORAGE']);
  } finally {
    storage.stop();
  }
});
