import { afterEach, expect, it, vi } from 'vitest';
import type { LinkInvitation } from '../../contract/link-records.js';
import { checkIn } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { auroraAndHudsonHoldTheInvite } from '../../tests/helpers/two-sites-one-invite.js';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import { memberProof, verifyKeyOf } from './link-key.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** A room of Aurora's own site, whose invitations Aurora takes by default, and whose broker login was stolen. */
const THIEF = 'hq/thief';
const booking = { minutes: 60, title: 'Quarterly review' };
const everything = (room: { ctx: RoomFixture['room']['ctx'] }) => room.ctx.meetings.between('2026-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z');

/** Aurora and Hudson hold the same invite and run it; the thief read the link off the broker (Aurora's first record). Aurora's warnings are watched. */
async function auroraHeardByTheThief() {
  const scene = auroraAndHudsonHoldTheInvite(fixtures, booking);
  const [heard] = await scene.auroraStarts();
  return { ...scene, heard: heard!, warn: vi.spyOn(scene.aurora.ctx.log, 'warn') };
}

/**
 * The thief's invitation to Aurora under the link it read: `own` (its id, its key or proof, its
 * title) at `hoursLater` for an hour, delivered twice (the broker may). Aurora books and links
 * nothing, counts both, logs one line with `code`, and Hudson's next record still lands in
 * Aurora's meeting of the link.
 */
function refusedOnceAndTheMeetingGoesOn(
  { aurora, hudson, inAurora, inHudson, heard, warn }: Awaited<ReturnType<typeof auroraHeardByTheThief>>,
  own: Pick<LinkInvitation, 'id' | 'title' | 'occurrenceKey' | 'ticket' | 'verifyKey'>,
  hoursLater: number,
  code: string,
) {
  const start = aurora.ctx.clock.now().getTime() + hoursLater * 3_600_000;
  const forged: LinkInvitation = {
    ...own,
    link: heard.link,
    room: THIEF,
    at: aurora.ctx.clock.now().toISOString(),
    kind: 'invitation',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
    confidentiality: 'normal',
    rooms: [THIEF, 'hq/aurora'],
  };
  const meetingsBefore = everything(aurora).map((m) => m.id);
  aurora.rooms.invited(forged);
  aurora.rooms.invited(forged); // the broker delivers it again

  expect(everything(aurora).map((m) => m.id)).toEqual(meetingsBefore);
  expect(aurora.ctx.db.prepare('SELECT COUNT(*) FROM linked_meetings WHERE link = ?').pluck().get(heard.link)).toBe(0);
  expect(aurora.rooms.refused).toBe(2);
  const refusals = warn.mock.calls.filter(([fields]) => (fields as { code?: string }).code === code);
  expect(refusals).toEqual([[expect.objectContaining({ from: THIEF, invitation: forged.id, link: heard.link, alsoRefused: 0 }), expect.any(String)]]);

  checkIn(hudson.ctx, inHudson, { name: 'Bob', walkIn: true }, 'tap');
  hudson.rooms.sync();
  for (const r of hudson.sent()) aurora.rooms.receive(r);
  expect(aurora.rooms.rooms(inAurora).map((r) => [r.room, r.present])).toEqual([
    ['aurora', 0],
    ['hudson', 1],
  ]);
}

/**
 * An invitation carries the meeting's link and its occurrence key, and the link is a digest of
 * that key. The thief read the link of Aurora and Hudson's meeting on the broker (not its key)
 * and invites Aurora to a meeting of its own under that link: taken, it would join Aurora's
 * booking of the thief's meeting to the link, and Hudson's records would land in it. Aurora
 * refuses it (ROOMCTL_E_LINK_MISMATCH, counted, one log line), books nothing, and its meeting
 * with Hudson goes on as before.
 */
it("an invitation naming another meeting's link under a key of its own links nothing: refused and logged, the meeting of that link unchanged", async () => {
  const scene = await auroraHeardByTheThief();
  const forged = { id: 'forged-1', occurrenceKey: 'made-up@thief.example.com', title: 'Quarterly review (moved)' };
  refusedOnceAndTheMeetingGoesOn(scene, forged, 1, 'ROOMCTL_E_LINK_MISMATCH');
});

/**
 * The thief read the link of Aurora and Hudson's meeting on the broker and invites Aurora to it, at
 * another time, with Aurora's "proof" under a signing key of its own. Taken, it would book the meeting
 * a second time in Aurora, and the booking's proof and key would become the link's there: Aurora could
 * link no room to its own meeting, and would hear only the thief. Aurora refuses it
 * (ROOMCTL_E_LINK_OWN_MEETING, counted, one log line), books nothing, and its meeting goes on.
 */
it("an invitation naming this room's own meeting at another time books nothing: refused and logged, the meeting still this room's", async () => {
  const scene = await auroraHeardByTheThief();
  const forged = {
    id: 'forged-own',
    ticket: memberProof('the-thiefs-own-key', scene.heard.link, 'hq/aurora'),
    verifyKey: verifyKeyOf('the-thiefs-own-key'),
    title: 'Quarterly review',
  };
  refusedOnceAndTheMeetingGoesOn(scene, forged, 3, 'ROOMCTL_E_LINK_OWN_MEETING');
  expect(scene.aurora.rooms.linksRooms(scene.inAurora)).toBe(true);
});

it("the organiser's invitation, with the invited room's proof, links the invited room to the meeting", () => {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures);
  const lotus = linkedRoomFixture('sz/lotus', 'Shenzhen', fixtures, { acceptFrom: ['hq/*'] });
  const inAurora = aurora.ctx.meetings.insert(
    {
      source: 'adhoc',
      seriesKey: null,
      occurrenceKey: 'review@example.com',
      title: 'Quarterly review',
      organiser: {},
      attendees: [],
      description: '',
      agenda: [],
      start: '2026-04-01T09:00:00.000Z',
      end: '2026-04-01T10:00:00.000Z',
      confidentiality: 'normal',
    },
    aurora.ctx.clock.now(),
  );
  aurora.rooms.link(inAurora.id, ['sz/lotus']);
  const [sent] = aurora.invitationsSent();

  lotus.rooms.invited(sent!.invitation);

  // The invitation carries Shenzhen's proof, not the invite's key: the booking made for it is keyed by the link.
  expect(sent!.invitation.occurrenceKey).toBeUndefined();
  expect(everything(lotus).map((m) => [m.occurrenceKey, m.title])).toEqual([[`roomctl-invited:${sent!.invitation.link}`, 'Quarterly review']]);
  expect(lotus.ctx.db.prepare('SELECT link FROM linked_meetings').pluck().all()).toEqual([sent!.invitation.link]);
  expect(lotus.rooms.refused).toBe(0);

  // Shenzhen's calendar gets the invite too: the booking the invitation made is that invite's, not a second meeting at the same time.
  const draft = { ...inAurora, source: 'calendar' as const, title: 'Quarterly review (room booked)', agenda: [] };
  const synced = syncCalendarBookings(lotus.ctx.meetings, lotus.ctx.agenda, [draft], new Date(draft.start), new Date(draft.end), lotus.ctx.clock.now());
  expect(synced).toMatchObject({ added: 0, updated: 1 });
  expect(everything(lotus).map((m) => m.title)).toEqual(['Quarterly review (room booked)']);
});
