/**
 * The disk under the fleet's database fills up while the fleet runs. A write an operator asks
 * for is refused in the fleet's words, 507 with ROOMCTL_E_FLEET_STORAGE naming its database
 * file and what to check there, never the room's storage.dir; the fleet keeps serving.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../drivers/core/errors.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { mountSmallDisk } from '../helpers/small-disk.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

const disk = await mountSmallDisk('2m');
if (disk) cleanups.push(() => disk.unmount());

it.skipIf(!disk)(
  "a running fleet whose database's disk is full refuses a write with its own code, naming its database, not a room's",
  async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.close());
    const dataDir = join(disk!.dir, 'fleet');
    const fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'full-disk-fleet' }, dataDir });
    cleanups.push(() => fleet.close());
    const addOperator = (i: number) =>
      fetch(`${fleet.url}/api/fleet/operators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FLEET_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Operator ${i}` }),
      });
    expect((await addOperator(0)).status).toBe(201);

    disk!.fill();
    // The write-ahead log reuses the room it already has: writes go through until it must grow.
    let refused: Response | undefined;
    for (let i = 1; i <= 2000 && !refused; i++) {
      const answer = await addOperator(i);
      if (answer.status !== 201) refused = answer;
    }

    expect(refused?.status).toBe(507);
    const body = (await refused!.json()) as { code: string; message: string; hint: string };
    expect(body.code).toBe('ROOMCTL_E_FLEET_STORAGE');
    expect(body.message).toMatch(
      new RegExp(`^Not saved: the fleet database ${join(dataDir, 'fleet.sqlite')} is full \\(SQLITE_FULL: .+\\)\\. The fleet keeps running\\.$`),
    );
    expect(body.hint).toBe(ERROR_CATALOG.ROOMCTL_E_FLEET_STORAGE.hint);
    expect(`${body.message} ${body.hint}`).not.toMatch(/storage\.dir|\broom\b/);
    // It keeps serving what it has.
    expect((await fetch(`${fleet.url}/api/fleet/stats`)).status).toBe(200);
  },
  60_000,
);
