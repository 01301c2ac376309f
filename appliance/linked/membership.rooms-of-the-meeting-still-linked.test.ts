import { afterEach, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { auroraAndHudsonHoldTheInvite } from '../../tests/helpers/two-sites-one-invite.js';
import { holdingTheInvite, linkedRoomFixture } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const booking = { minutes: 60, title: 'Quarterly review' };
type Room = ReturnType<typeof linkedRoomFixture>;

/** The rooms a room lists for its meeting, each with whether it was heard from (its name) or is only expected. */
const listed = (room: Room, meetingId: string) => room.rooms.rooms(meetingId).map((r) => `${r.site}/${r.room}${r.expected ? ' (expected)' : ''}`);
const deliver = (records: LinkRecord[], ...to: Room[]) => {
  for (const room of to) for (const r of records) room.rooms.receive(r);
};
/** A room's re-send of its records after another room joined (half a second later): until its own join, which ends it. */
async function resent(room: Room): Promise<LinkRecord[]> {
  const records: LinkRecord[] = [];
  await vi.waitFor(
    () => {
      records.push(...room.sent());
      expect(records.some((r) => r.kind === 'room.joined')).toBe(true);
    },
    { timeout: 10_000 },
  );
  return records;
}
/** What a room of an earlier release sends: its records without a proof that it holds the meeting. */
const asEarlierRelease = (records: LinkRecord[]) => records.map(({ proof: _proof, ...r }) => r as LinkRecord);

it('a room of a third site whose calendar gets the invite while the meeting runs is heard in both rooms: it shows it holds the invite', async () => {
  const { aurora, hudson, inAurora, inHudson, auroraStarts } = auroraAndHudsonHoldTheInvite(fixtures, booking);
  await auroraStarts();
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'ny/hudson']);

  // The organiser adds Shenzhen to the invite: its calendar has it now. No room takes invitations from its site.
  const lotus = holdingTheInvite(fixtures, booking, ['sz/lotus', 'Shenzhen']);
  lotus.rooms.sync();
  deliver(lotus.sent(), aurora, hudson);
  deliver([...(await resent(aurora)), ...(await resent(hudson))], lotus);

  for (const [room, id] of [
    [aurora, inAurora],
    [hudson, inHudson],
    [lotus, lotus.meeting],
  ] as const) {
    expect(listed(room, id)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus']);
    expect(room.rooms.refused).toBe(0);
  }
  expect(lotus.ctx.meetings.get(lotus.meeting)?.status).toBe('in_progress');
});

it('a room of an earlier release that the organiser links late is heard also in a room that refused it before: that room asks for its records again', async () => {
  const { aurora, hudson, inAurora, inHudson, aSecondLater } = auroraAndHudsonHoldTheInvite(fixtures, booking);
  await aSecondLater();

  // Aurora's organiser links Shenzhen, which takes Aurora's invitations and books the meeting; its release sends no proof.
  const lotus = linkedRoomFixture('sz/lotus', 'Shenzhen', fixtures, { acceptFrom: ['hq/*'] });
  aurora.rooms.link(inAurora, ['sz/lotus']);
  const [invitation] = aurora.invitationsSent();
  expect(invitation?.to).toBe('sz/lotus');
  lotus.rooms.invited(invitation!.invitation);
  lotus.rooms.sync();
  const fromLotus = asEarlierRelease(lotus.sent());

  // Shenzhen's records reach Hudson before Aurora's naming it does: Hudson does not know it yet.
  deliver(fromLotus, hudson);
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'ny/hudson']);
  expect(hudson.rooms.refused).toBe(fromLotus.length);

  // Aurora's records, its naming Shenzhen among them, arrive: Hudson joins again, so every room re-sends it what it missed.
  aurora.rooms.sync();
  const fromAurora = aurora.sent();
  expect(fromAurora.find((r) => r.kind === 'links.set')).toMatchObject({ rooms: ['hq/aurora', 'sz/lotus'] });
  deliver(fromAurora, hudson);
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus (expected)']);
  hudson.rooms.sync();
  expect(hudson.sent().filter((r) => r.kind === 'room.joined')).toHaveLength(1);

  // Shenzhen's re-send: heard now, in Hudson as in Aurora.
  deliver(fromLotus, aurora, hudson);
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus']);
  expect(listed(aurora, inAurora)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus']);
  expect([aurora.rooms.refused, hudson.rooms.refused]).toEqual([0, fromLotus.length]);
});

it('a room of an earlier release is heard by the rooms that let it in without proof (withoutProof), not by the others: not by a room of its own site either', async () => {
  // Aurora takes Borealis's invitations (its own site, by default); Hudson lets it in without proof while the sites upgrade.
  const { aurora, hudson, inAurora, inHudson } = auroraAndHudsonHoldTheInvite(fixtures, booking, [{}, { withoutProof: ['hq/borealis'] }]);

  const borealis = holdingTheInvite(fixtures, booking, ['hq/borealis', 'Borealis']);
  borealis.rooms.sync();
  const fromBorealis = asEarlierRelease(borealis.sent());
  deliver(fromBorealis, aurora, hudson);

  expect(listed(aurora, inAurora)).toEqual(['hq/aurora', 'ny/hudson']);
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'hq/borealis', 'ny/hudson']);
  expect([aurora.rooms.refused, hudson.rooms.refused]).toEqual([fromBorealis.length, 0]);
});
