import { afterEach, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { auroraAndHudsonHoldTheInvite } from '../../tests/helpers/two-sites-one-invite.js';
import { linkKeyOf, memberProof } from './link-key.js';
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

it('a room the organiser links is heard in every room of the meeting by the proof its invitation gave it; one that proves nothing is not, named or not', async () => {
  const { aurora, hudson, inAurora, inHudson, aSecondLater } = auroraAndHudsonHoldTheInvite(fixtures, booking);
  await aSecondLater();

  // Aurora's organiser links Shenzhen, which takes Aurora's invitations and books the meeting.
  const lotus = linkedRoomFixture('sz/lotus', 'Shenzhen', fixtures, { acceptFrom: ['hq/*'] });
  aurora.rooms.link(inAurora, ['sz/lotus']);
  const [invitation] = aurora.invitationsSent();
  expect(invitation?.to).toBe('sz/lotus');
  lotus.rooms.invited(invitation!.invitation);
  lotus.rooms.sync();
  const fromLotus = lotus.sent();

  // Hudson, whose calendar holds the invite, hears Shenzhen before Aurora's naming it: Shenzhen's proof is enough.
  const fromAurora = aurora.sent();
  deliver(fromLotus, hudson);
  deliver(fromAurora, hudson);
  expect(listed(hudson, inHudson)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus']);
  expect(hudson.rooms.refused).toBe(0);

  // The same records from a room of an earlier release, which sends no proof: named by the organiser, still not heard.
  const earlier = holdingTheInvite(fixtures, booking, ['ny/hudson', 'Hudson']);
  earlier.rooms.sync();
  deliver(fromAurora, earlier);
  deliver(asEarlierRelease(fromLotus), earlier);
  expect(listed(earlier, earlier.meeting)).toEqual(['hq/aurora', 'ny/hudson', 'sz/lotus (expected)']);
  expect(earlier.rooms.refused).toBe(fromLotus.length);
});

it("a room of the meeting naming a room the organiser did not invite does not let it in: the named room's records are refused", async () => {
  const { aurora, hudson, inAurora, inHudson } = auroraAndHudsonHoldTheInvite(fixtures, booking);
  // Hudson (or its login, with its proof read off the broker) names sz/thief, a room that holds no part in the meeting.
  const link = linkKeyOf(hudson.ctx.meetings.get(inHudson)!.occurrenceKey);
  const at = hudson.ctx.clock.now().toISOString();
  const proof = memberProof(hudson.ctx.meetings.get(inHudson)!.occurrenceKey, link, 'ny/hudson');
  const naming: LinkRecord = { id: 'hudson-names-the-thief', link, room: 'ny/hudson', at, proof, kind: 'links.set', rooms: ['ny/hudson', 'sz/thief'] };
  const thief = linkedRoomFixture('sz/thief', 'Thief', fixtures);
  const fromThief: LinkRecord[] = [
    { id: 'thief-joins', link: link, room: 'sz/thief', at, kind: 'room.joined', name: 'Thief' },
    { id: 'thief-checks-in', link: link, room: 'sz/thief', at, kind: 'checkin', person: 'f00d', name: 'Mallory' },
  ];
  const refusedBefore = aurora.rooms.refused;
  deliver([naming, ...fromThief], aurora);
  expect(aurora.rooms.refused - refusedBefore).toBe(fromThief.length);
  expect(aurora.rooms.rooms(inAurora).find((r) => r.room === 'thief')).toMatchObject({ expected: true, present: 0 });
  expect(thief.rooms.refused).toBe(0);
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
