import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { LinkChange, LinkRecord } from '../../contract/link-records.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { auroraAndHudsonHoldTheInvite } from '../../tests/helpers/two-sites-one-invite.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** A room of Aurora's own site, whose invitations Aurora takes (its default `acceptFrom`), whose broker login was stolen. */
const THIEF = 'hq/thief';

/**
 * Taking a room's invitations is not letting it into every meeting: the thief, of Aurora's own
 * site, read the link of Aurora and Hudson's meeting on the broker, joins it and takes the timer.
 * It shows no proof that it holds the invite, so Aurora drops
 * its records as Hudson does; Aurora still keeps the time.
 */
it("a room of the host's own site that does not hold the invite joins nothing by default: its records are dropped in every room", async () => {
  const { aurora, hudson, inAurora, inHudson, auroraStarts } = auroraAndHudsonHoldTheInvite(fixtures, { minutes: 60, title: 'Quarterly review' });
  const [heard] = await auroraStarts();
  const at = new Date(aurora.ctx.clock.now().getTime() + 60_000).toISOString();
  const fromThief = (change: LinkChange) => ({ id: randomUUID(), link: heard!.link, room: THIEF, at, ...change }) as LinkRecord;
  const records = [fromThief({ kind: 'room.joined', name: 'Aurora (spare)' }), fromThief({ kind: 'host.set', host: THIEF, reason: 'handover' })];

  for (const r of records) for (const room of [aurora, hudson]) room.rooms.receive(r);

  for (const [room, id] of [
    [aurora, inAurora],
    [hudson, inHudson],
  ] as const) {
    expect(room.rooms.rooms(id).map((r) => `${r.site}/${r.room}${r.host ? ' (host)' : ''}`)).toEqual(['hq/aurora (host)', 'ny/hudson']);
    expect(room.ctx.db.prepare('SELECT COUNT(*) FROM linked_records WHERE room = ?').pluck().get(THIEF)).toBe(0);
    expect(room.rooms.refused).toBe(records.length);
  }
});
