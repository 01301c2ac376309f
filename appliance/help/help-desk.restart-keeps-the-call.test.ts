/**
 * A call for help must not vanish when the appliance restarts between the call and the
 * answer: the panel still says "on its way" after the restart, the acknowledgement from
 * facilities still finds the call, and a second acknowledgement changes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomEventBus } from '../model/room-events.js';
import { openDatabase } from '../store/database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { HelpDesk } from './help-desk.js';
import { HelpRepository } from './help-repository.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-help-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function openDesk(dir: string): { desk: HelpDesk; changes: unknown[]; close(): void } {
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const desk = new HelpDesk(new RoomEventBus(), new HelpRepository(db));
  const changes: unknown[] = [];
  desk.on('change', (r) => changes.push(r));
  return { desk, changes, close: () => (desk.close(), db.close()) };
}

describe('help desk across a restart', () => {
  it('keeps the call, takes the answer after the restart, and the first answer wins', async () => {
    const dir = await dataDir();
    const before = openDesk(dir);
    const call = before.desk.request('Display');
    expect(before.changes).toEqual([call]);
    before.close();

    const after = openDesk(dir);
    expect(after.desk.get(call.id)).toEqual({ ...call, acknowledgedAt: null, acknowledgedBy: null });
    const seen = after.desk.acknowledge(call.id, 'Li Wei (facilities)');
    expect(seen).toMatchObject({ id: call.id, message: 'Display', acknowledgedBy: 'Li Wei (facilities)' });
    expect(seen.acknowledgedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after.changes).toEqual([seen]);

    const again = after.desk.acknowledge(call.id, 'someone else');
    expect(again.acknowledgedBy).toBe('Li Wei (facilities)');
    expect(after.changes).toHaveLength(1);
    after.close();
    const third = openDesk(dir);
    expect(third.desk.recent()).toEqual([seen]);
    third.close();
  });

  it('keeps the newest 200 calls, oldest first', async () => {
    const { desk, close } = openDesk(await dataDir());
    const ids = Array.from({ length: 205 }, (_, i) => desk.request(`call ${i}`).id);
    const recent = desk.recent();
    expect(recent).toHaveLength(50);
    expect(recent.at(-1)!.id).toBe(ids.at(-1));
    expect(() => desk.get(ids[0]!)).toThrow(/No help request/);
    expect(desk.get(ids[5]!).message).toBe('call 5');
    close();
  });
});
