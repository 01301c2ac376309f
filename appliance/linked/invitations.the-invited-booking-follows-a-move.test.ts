import { afterEach, expect, it, vi } from 'vitest';
import { book } from '../meetings/meeting-lifecycle.js';
import type { BookingDraft } from '../meetings/meeting-types.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { syncCalendarBookings } from '../schedule/booking-sync.js';
import { invitedOccurrenceKey, linkKeyOf } from './link-key.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fx of fixtures.splice(0)) await fx.close();
});

type Room = ReturnType<typeof linkedRoomFixture>;
const FROM = new Date('2026-04-01T00:00:00.000Z');
const TO = new Date('2026-04-03T00:00:00.000Z');
const invite = (start: string, end: string): BookingDraft => ({
  source: 'calendar',
  seriesKey: null,
  occurrenceKey: 'board@example.com',
  title: 'Board',
  organiser: { name: 'Alice', email: 'alice@example.com' },
  attendees: [{ name: 'Bob', email: 'bob@example.com', required: true }],
  description: '',
  agenda: [],
  start,
  end,
  confidentiality: 'normal',
});
/** Aurora's calendar holds the invite as `draft` says (a read of its feed). */
const auroraReads = (aurora: Room, draft: BookingDraft) =>
  syncCalendarBookings(aurora.ctx.meetings, aurora.ctx.agenda, [draft], FROM, TO, aurora.ctx.clock.now());
/** Aurora tells what changed; Hudson gets each invitation twice (the broker may deliver one again). */
const invitationsReachHudson = (aurora: Room, hudson: Room) => {
  aurora.rooms.sync();
  for (const { invitation } of aurora.invitationsSent()) for (const _ of [1, 2]) hudson.rooms.invited(invitation);
};
const hudsonsBookings = (hudson: Room) =>
  hudson.ctx.meetings.between(FROM.toISOString(), TO.toISOString(), ['booked', 'in_progress']).map((m) => [m.title, m.start, m.end]);

/**
 * Aurora's calendar holds the invite (09:00–10:00); its organiser links Hudson, which books the
 * meeting from Aurora's invitation. The organiser moves the invite to 14:00–15:30: Aurora's next
 * read of its calendar moves its booking, and it invites Hudson again; Hudson's booking moves too.
 */
async function linkedThenMoved(hudsonAlsoBooks?: { start: string; minutes: number }) {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures);
  const hudson = linkedRoomFixture('ny/hudson', 'Hudson', fixtures, { acceptFrom: ['hq/aurora'] });
  auroraReads(aurora, invite('2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z'));
  const inAurora = aurora.ctx.meetings.byOccurrence('board@example.com')!;
  aurora.rooms.link(inAurora.id, ['ny/hudson']);
  invitationsReachHudson(aurora, hudson);
  const inHudson = hudson.ctx.meetings.byOccurrence(invitedOccurrenceKey(linkKeyOf(inAurora.occurrenceKey)))!;
  expect(hudsonsBookings(hudson)).toEqual([['Board', '2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z']]);
  if (hudsonAlsoBooks) book(hudson.ctx, { ...hudsonAlsoBooks, title: 'Interviews' });

  await Promise.all([aurora.fx.advance(60_000), hudson.fx.advance(60_000)]);
  const warn = vi.spyOn(hudson.ctx.log, 'warn');
  auroraReads(aurora, invite('2026-04-01T14:00:00.000Z', '2026-04-01T15:30:00.000Z'));
  invitationsReachHudson(aurora, hudson);
  // Nothing changed since: no invitation goes again.
  aurora.rooms.sync();
  expect(aurora.invitationsSent()).toEqual([]);
  return { hudson, inHudson, warn };
}

it("the invited room's booking moves with the organiser's invite, its people with it", async () => {
  const { hudson, inHudson } = await linkedThenMoved();
  expect(hudsonsBookings(hudson)).toEqual([['Board', '2026-04-01T14:00:00.000Z', '2026-04-01T15:30:00.000Z']]);
  expect(hudson.ctx.meetings.get(inHudson.id)?.attendees).toEqual([{ name: 'Bob', email: 'bob@example.com', required: true }]);
});

it('an invite moved to a time the invited room is booked for: its booking stays where it was, the other too, with one coded warning', async () => {
  const { hudson, warn } = await linkedThenMoved({ start: '2026-04-01T15:00:00.000Z', minutes: 60 });
  expect(hudsonsBookings(hudson)).toEqual([
    ['Board', '2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z'],
    ['Interviews', '2026-04-01T15:00:00.000Z', '2026-04-01T16:00:00.000Z'],
  ]);
  const conflicts = warn.mock.calls.filter(([fields]) => (fields as { code?: string }).code === 'ROOMCTL_E_LINK_CONFLICT');
  expect(conflicts).toEqual([[expect.objectContaining({ from: 'hq/aurora', start: '2026-04-01T14:00:00.000Z' }), expect.any(String)]]);
});
