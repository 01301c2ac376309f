import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';
import { waitFor } from '../../../tests/helpers/test-room.js';
import type { StreamMessage } from '../api-types.js';

let room: ClockedRoom;
let socket: WebSocket | undefined;
afterEach(async () => {
  socket?.close();
  await room?.close();
});

it('a booking from the door is an ad-hoc booking like any: room state, stream, audit, its own phone page, check-in, auto-release', async () => {
  room = await startClockedRoom({ start: '2026-04-01T08:00:00Z' });
  socket = new WebSocket(`${room.baseUrl.replace('http', 'ws')}/api/v1/stream?token=${room.token}`);
  const messages: StreamMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));
  await waitFor(() => messages.some((m) => m.type === 'meeting'), 5000, 'the meeting snapshot');

  const { code } = (await room.call('GET', '/api/v1/door/access')).body as { code: string };
  const phone = { 'x-door-code': code };
  const booked = await room.call(
    'POST',
    '/api/v1/door/bookings',
    { minutes: 30, title: 'Design review', organiser: { name: 'Grace Hopper', email: 'grace@example.com' } },
    phone,
  );
  expect(booked.status).toBe(201);
  const meeting = booked.body.meeting as { id: string; checkInOpensAt: string; autoReleaseAt: string };
  expect(meeting).toMatchObject({ checkInOpensAt: '2026-04-01T07:50:00.000Z', autoReleaseAt: '2026-04-01T08:10:00.000Z' });

  expect((await room.call('GET', '/api/v1/room/now')).body).toMatchObject({ state: 'booked', current: { id: meeting.id, title: 'Design review' } });
  await waitFor(
    () => messages.some((m) => m.type === 'meeting' && m.now.state === 'booked' && m.now.current?.id === meeting.id),
    5000,
    'the booking on the stream',
  );

  const audit = (await room.call('GET', `/api/v1/meetings/${meeting.id}/audit`)).body as { action: string; via: string; who: string; detail: string }[];
  expect(audit).toEqual([
    expect.objectContaining({ action: 'book', via: 'door-code', who: 'grace@example.com', detail: expect.stringMatching(/^door code of window \d+$/) }),
  ]);
  expect(audit[0]!.detail).not.toContain(code);

  // The link it answers with is the meeting's own page; its code checks the person in from the phone.
  const meetingUrl = new URL(booked.body.meetingUrl as string);
  expect(meetingUrl.pathname).toBe(`/meeting/${meeting.id}`);
  const checkIn = await room.call(
    'POST',
    `/api/v1/meetings/${meeting.id}/checkins`,
    { name: 'Grace Hopper', walkIn: true },
    { 'x-meeting-code': meetingUrl.searchParams.get('code')! },
  );
  expect(checkIn.status).toBe(200);
  // The door code is not a meeting code.
  expect((await room.call('POST', `/api/v1/meetings/${meeting.id}/checkins`, { name: 'Mallory', walkIn: true }, { 'x-meeting-code': code })).status).toBe(401);

  // A later booking nobody comes to is released by the rule, as any booking is.
  const later = await room.call(
    'POST',
    '/api/v1/door/bookings',
    { minutes: 15, start: '2026-04-01T10:00:00Z', title: 'No-show', organiser: { name: 'Bob' } },
    phone,
  );
  expect(later.status).toBe(201);
  await room.clock.advanceTo('2026-04-01T10:11:00Z');
  expect((await room.call('GET', `/api/v1/meetings/${later.body.meeting.id}`)).body.status).toBe('released');
});
