/**
 * A fleet upgraded in place knows the zone of every room that sent its retained state before
 * the upgrade (migration 14 reads it from the stored state), so its exports give local times at
 * once; a state without a zone leaves it empty. On both databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, sharedPostgres } from '../tests/helpers/fleet-databases.js';
import { openFleetSql } from './fleet-database.js';
import { FLEET_MIGRATIONS } from './fleet-migrations.js';

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  it("takes each room's zone from the state it stored before", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-'));
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    try {
      const before = await openFleetSql(
        { dataDir, database },
        FLEET_MIGRATIONS.filter((m) => m.version < 14),
      );
      const state = (room: object) => JSON.stringify({ room, roomState: 'idle' });
      await before.run('INSERT INTO fleet_rooms (site, room, state, updated_at) VALUES (?, ?, ?, 0), (?, ?, ?, 0), (?, ?, NULL, 0)', [
        'hq',
        'aurora',
        state({ id: 'aurora', timezone: 'Asia/Shanghai' }),
        'hq',
        'lotus',
        state({ id: 'lotus' }),
        'hq',
        'quiet',
      ]);
      await before.close();
      const after = await openFleetSql({ dataDir, database });
      const rooms = await after.query<{ room: string; timezone: string | null; heldBack: number | string }>(
        'SELECT room, timezone, events_held_back AS "heldBack" FROM fleet_rooms ORDER BY room',
      );
      expect(rooms.map((r) => [r.room, r.timezone, Number(r.heldBack)])).toEqual([
        ['aurora', 'Asia/Shanghai', 0],
        ['lotus', null, 0],
        ['quiet', null, 0],
      ]);
      await after.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
