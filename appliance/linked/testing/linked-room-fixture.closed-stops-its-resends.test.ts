import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { RoomFixture } from '../../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './linked-room-fixture.js';

/**
 * Another room's join schedules a re-send of this room's records 500 ms later. A test that
 * closes its rooms within that time must not leave the re-send to read a closed database
 * (an uncaught "database connection is not open" in whatever test runs next).
 */
it('closing a linked room with a re-send still waiting leaves nothing to run on its closed database', async () => {
  const fixtures: RoomFixture[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.prependListener('uncaughtException', onUncaught);
  try {
    const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites' });
    lab.exchange();
    lab.exchange();
    for (const fx of fixtures.splice(0)) await fx.close();
    await sleep(800);
    expect(uncaught).toEqual([]);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
  }
});
