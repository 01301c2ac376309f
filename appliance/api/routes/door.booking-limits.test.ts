import { afterEach, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
afterEach(() => room?.close());

/** A phone at the door: the current door code, as the QR code carries it. */
async function phone(r: ClockedRoom) {
  const { code } = (await r.call('GET', '/api/v1/door/access')).body as { code: string };
  return {
    book: (body: unknown) => r.call('POST', '/api/v1/door/bookings', body, { 'x-door-code': code }),
    schedule: () => r.call('GET', '/api/v1/door/schedule', undefined, { 'x-door-code': code }),
  };
}
const ada = { name: 'Ada Lovelace' };

it('refuses what a door QR code should not allow: the past, tomorrow, too long, odd lengths, bad fields — each with its field', async () => {
  // 15:00 in Berlin.
  room = await startClockedRoom({ start: '2026-04-01T13:00:00Z' });
  const { book } = await phone(room);
  const cases: Array<[string, unknown, string]> = [
    ['in the past', { minutes: 30, start: '2026-04-01T12:00:00Z', title: 'Retro', organiser: ada }, 'body.start'],
    ['tomorrow', { minutes: 30, start: '2026-04-02T07:00:00Z', title: 'Retro', organiser: ada }, 'body.start'],
    ['over midnight', { minutes: 60, start: '2026-04-01T21:30:00Z', title: 'Late', organiser: ada }, 'body.start'],
    ['longer than the longest offered', { minutes: 90, title: 'Workshop', organiser: ada }, 'body.minutes'],
    ['a length the room does not offer', { minutes: 45, title: 'Workshop', organiser: ada }, 'body.minutes'],
    ['no title', { minutes: 30, organiser: ada }, 'body.title'],
    ['a blank title', { minutes: 30, title: '   ', organiser: ada }, 'body.title'],
    ['no organiser name', { minutes: 30, title: 'Retro', organiser: {} }, 'body.organiser.name'],
    ['a bad email', { minutes: 30, title: 'Retro', organiser: { name: 'Ada', email: 'ada-at-example' } }, 'body.organiser.email'],
    ['a field the route does not know', { minutes: 30, title: 'Retro', organiser: ada, confidentiality: 'confidential' }, 'body.confidentiality'],
  ];
  for (const [what, body, path] of cases) {
    const r = await book(body);
    expect(r.status, what).toBe(400);
    expect(r.body.code, what).toBe('ROOMCTL_E_BAD_REQUEST');
    expect(
      (r.body.details.issues as { path: string }[]).map((i) => i.path),
      what,
    ).toContain(path);
  }
  expect((await book({ minutes: 45, title: 'Workshop', organiser: ada })).body.details.issues[0]).toMatchObject({ allowed: '15, 30, 60' });
  // Nothing of it was booked.
  expect((await room.call('GET', '/api/v1/meetings')).body).toEqual([]);
  // The last slot of the day is fine.
  expect((await book({ minutes: 60, start: '2026-04-01T21:00:00Z', title: 'Late', organiser: ada })).status).toBe(201);
});

it('refuses a taken slot with the conflict named, and stops a door code after three bookings', async () => {
  room = await startClockedRoom({ start: '2026-04-01T07:00:00Z' });
  const { book, schedule } = await phone(room);
  const first = await book({ minutes: 30, title: 'Stand-up', organiser: ada });
  expect(first.status).toBe(201);
  expect(first.body.meeting).toMatchObject({
    title: 'Stand-up',
    source: 'adhoc',
    status: 'booked',
    organiser: ada,
    start: '2026-04-01T07:00:00.000Z',
    end: '2026-04-01T07:30:00.000Z',
  });
  const clash = await book({ minutes: 15, start: '2026-04-01T07:15:00Z', title: 'Overlap', organiser: ada });
  expect(clash.status).toBe(409);
  expect(clash.body).toMatchObject({ code: 'ROOMCTL_E_BOOKING_CONFLICT', details: { conflicts: [{ id: first.body.meeting.id }] } });

  expect((await book({ minutes: 15, start: '2026-04-01T09:00:00Z', title: 'Two', organiser: ada })).status).toBe(201);
  expect((await schedule()).body.bookingsLeft).toBe(1);
  expect((await book({ minutes: 15, start: '2026-04-01T10:00:00Z', title: 'Three', organiser: ada })).status).toBe(201);
  const fourth = await book({ minutes: 15, start: '2026-04-01T11:00:00Z', title: 'Four', organiser: ada });
  expect(fourth.status).toBe(429);
  expect(fourth.body).toMatchObject({ code: 'ROOMCTL_E_DOOR_CODE_USED_UP', details: { limit: 3 } });

  // A fresh scan (the next window's code) books again; the API token is not counted.
  await room.clock.advance(5 * 60_000);
  expect((await (await phone(room)).book({ minutes: 15, start: '2026-04-01T11:00:00Z', title: 'Four', organiser: ada })).status).toBe(201);
  for (const hour of [12, 13, 14, 15]) {
    expect(
      (await room.call('POST', '/api/v1/door/bookings', { minutes: 15, start: `2026-04-01T${hour}:00:00Z`, title: 'By token', organiser: ada })).status,
    ).toBe(201);
  }
});

it('takes no booking from the door in a room that offers no lengths', async () => {
  room = await startClockedRoom({ start: '2026-04-01T07:00:00Z', configure: (c) => void (c.meetings = { adHocMinutes: [] }) });
  const { book, schedule } = await phone(room);
  expect((await schedule()).body.durations).toEqual([]);
  const refused = await book({ minutes: 30, title: 'Stand-up', organiser: ada });
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ code: 'ROOMCTL_E_FORBIDDEN', message: expect.stringContaining('adHocMinutes') });
});
