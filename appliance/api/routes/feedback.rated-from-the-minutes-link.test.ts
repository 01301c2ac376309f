/**
 * A person rates the meeting from the personal link of their minutes email: once each, besides
 * the panel's one rating, counted in the room's figures and sent out as the panel's; a problem
 * told with it reaches facilities. Only that link rates: not the meeting's code, not the room's
 * token, not a link of another meeting, not a made-up one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RoomEventEnvelope } from '../../model/room-events.js';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
const events: RoomEventEnvelope[] = [];
beforeAll(async () => {
  room = await startClockedRoom({
    start: '2026-04-01T08:00:00.000Z',
    // Email to a closed port: the minutes and facilities' messages stay in the outbox, where the test reads them.
    configure: (c) => void (c.notifications = { facilities: ['facilities@example.com'], email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } }),
  });
  room.appliance.events.on('event', (e: RoomEventEnvelope) => events.push(e));
});
afterAll(async () => room?.close());

const outbox = () => room.appliance.core.meetings!.outbox.list();
const reader = (header: string) => ({ 'x-minutes-reader': header });

/** A meeting of Alice's with Bob and Carol, held and ended, its minutes sent: each person's mail text. */
async function heldMeeting(title: string): Promise<{ id: string; code: string; mailTo: (email: string) => string }> {
  const booked = await room.call('POST', '/api/v1/bookings', {
    minutes: 30,
    title,
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob', email: 'bob@example.com', required: true },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ],
  });
  const id = booked.body.id as string;
  for (const step of ['start', 'end', 'minutes/send']) expect((await room.call('POST', `/api/v1/meetings/${id}/${step}`)).status, step).toBe(200);
  const code = room.appliance.core.meetings!.ctx.meetings.get(id)!.code;
  const mailTo = (email: string) => outbox().find((e) => e.kind === 'minutes' && e.meetingId === id && e.recipients.includes(email))!.message.text;
  return { id, code, mailTo };
}

/** The link the mail gives for rating, and the personal token in it. */
function ratingLink(text: string): { url: string; token: string } {
  const url = /How was the room\? Rate it and tell us what did not work, from your phone: (\S+)/.exec(text)?.[1] ?? '';
  return { url, token: /[?&]reader=([A-Za-z0-9_.-]+)/.exec(url)?.[1] ?? '' };
}

it("takes each person's rating once from their link, besides the panel's one; both count in the figures and go out alike", async () => {
  const { id, mailTo } = await heldMeeting('Budget review');
  const bob = ratingLink(mailTo('bob@example.com'));
  const carol = ratingLink(mailTo('carol@example.com'));
  expect(bob.url).toMatch(new RegExp(`/meeting/${id}\\?code=[^&]+&reader=[^#]+#rate$`));
  const mine = (token: string, body: unknown) => room.call('POST', `/api/v1/meetings/${id}/feedback/mine`, body, reader(token));

  expect(await mine(bob.token, { rating: 5 })).toMatchObject({ status: 201, body: { meetingId: id, rating: 5 } });
  expect(await mine(bob.token, { rating: 1 })).toMatchObject({ status: 409, body: { code: 'ROOMCTL_E_FEEDBACK_GIVEN' } });
  // The panel's own rating is the room's, taken once as before.
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback`, { rating: 3 })).status).toBe(201);
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback`, { rating: 4 })).body.code).toBe('ROOMCTL_E_FEEDBACK_GIVEN');
  expect(await mine(carol.token, { problems: ['display'], comment: 'x'.repeat(2001) })).toMatchObject({ status: 400, body: { code: 'ROOMCTL_E_BAD_REQUEST' } });
  expect((await mine(carol.token, { rating: 1, problems: ['display'], comment: 'The screen flickered' })).status).toBe(201);

  const told = events.map((e) => e.event);
  // Each says where it came from: Bob's phone, the room's panel, Carol's phone.
  expect(told.filter((e) => e.type === 'feedback')).toEqual(
    (
      [
        [5, 'phone'],
        [3, 'panel'],
        [1, 'phone'],
      ] as const
    ).map(([rating, via]) => ({ type: 'feedback', meetingId: id, rating, via })),
  );
  expect(told.find((e) => e.type === 'problem.reported')).toMatchObject({
    categories: ['display'],
    comment: 'The screen flickered',
    meetingId: id,
    rating: 1,
    via: 'phone',
  });
  expect(outbox().find((e) => e.kind === 'problem')).toMatchObject({
    recipients: ['facilities@example.com'],
    message: { title: 'Problem reported in Aurora: display' },
  });
  await room.clock.advance(60_000);
  expect((await room.call('GET', '/api/v1/figures')).body).toMatchObject({ ratings: 3, ratingAverage: 3 });
});

it("tells a person their own rating from their link, and nobody else's", async () => {
  const { id, mailTo } = await heldMeeting('Reading back');
  const [bob, carol] = ['bob@example.com', 'carol@example.com'].map((email) => ratingLink(mailTo(email)).token) as [string, string];
  const mine = (token: string) => room.call('GET', `/api/v1/meetings/${id}/feedback/mine`, undefined, reader(token));

  expect(await mine(bob)).toMatchObject({ status: 200, body: { given: false, rating: null, at: null } });
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback/mine`, { rating: 4 }, reader(bob))).status).toBe(201);
  // The panel's rating is the room's, not Bob's nor Carol's.
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback`, { rating: 2 })).status).toBe(201);
  expect((await mine(bob)).body).toEqual({ given: true, rating: 4, at: expect.stringMatching(/^2026-04-01T/) });
  expect((await mine(carol)).body).toEqual({ given: false, rating: null, at: null });
  // A problem told without a rating: given, no rating.
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback/mine`, { problems: ['audio'] }, reader(carol))).status).toBe(201);
  expect((await mine(carol)).body).toMatchObject({ given: true, rating: null });
});

it("rates and reads a rating only with the person's own link for that meeting: not with a code, the room's token, another meeting's link or a guessed one", async () => {
  const a = await heldMeeting('Meeting A');
  const b = await heldMeeting('Meeting B');
  const bobOfA = ratingLink(a.mailTo('bob@example.com')).token;
  expect(
    (await room.call('POST', `/api/v1/meetings/${b.id}/feedback/mine`, { rating: 3 }, reader(ratingLink(b.mailTo('carol@example.com')).token))).status,
  ).toBe(201);
  const [name, mac] = bobOfA.split('.') as [string, string];
  const guessed = `${name}.${Buffer.from(Buffer.from(mac, 'base64url').map((byte) => byte ^ 1)).toString('base64url')}`;
  const someoneElse = `${Buffer.from('mallory@example.com').toString('base64url')}.${mac}`;
  for (const method of ['POST', 'GET']) {
    const askB = (headers: Record<string, string>) =>
      room.call(method, `/api/v1/meetings/${b.id}/feedback/mine`, method === 'POST' ? { rating: 1 } : undefined, headers);
    const refusals: Array<[Record<string, string>, string]> = [
      [reader(bobOfA), 'ROOMCTL_E_UNAUTHORIZED'],
      ...[guessed, someoneElse, 'bob@example.com'].map((token): [Record<string, string>, string] => [reader(token), 'ROOMCTL_E_UNAUTHORIZED']),
      [{ 'x-meeting-code': b.code }, 'ROOMCTL_E_FORBIDDEN'],
      [{ authorization: `Bearer ${room.token}` }, 'ROOMCTL_E_FORBIDDEN'],
      [{}, 'ROOMCTL_E_UNAUTHORIZED'],
    ];
    for (const [headers, code] of refusals) {
      const answer = await askB(headers);
      expect(answer.body.code, `${method} ${JSON.stringify(headers)}`).toBe(code);
      // Carol's rating of B is hers: no refusal carries it.
      expect(answer.text).not.toMatch(/"rating"|carol/);
    }
  }
  const kept = room.appliance.db.prepare('SELECT count(*) AS n FROM feedback WHERE meeting_id = ?').get(b.id);
  expect(kept).toEqual({ n: 1 });
  // Bob's own link for B rates B.
  const bobOfB = reader(ratingLink(b.mailTo('bob@example.com')).token);
  expect((await room.call('POST', `/api/v1/meetings/${b.id}/feedback/mine`, { rating: 1 }, bobOfB)).status).toBe(201);
});
