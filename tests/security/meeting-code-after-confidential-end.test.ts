/**
 * A meeting's code is on the phone page and in every photo of the panel: it proves a phone in the room
 * while the meeting runs. Once a confidential meeting has ended, the code reads nothing of its minutes
 * (the agenda is part of them) and cannot send them short of their review: a non-participant who kept
 * the code is refused, coded, as for its notes. A normal meeting's code still does both (the phone page).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

let room: ClockedRoom;
afterAll(() => room?.close());
beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z' });
});

/** A meeting with a one-item agenda, run with one check-in from the phone and ended; its code. */
async function endedMeeting(confidentiality: 'confidential' | 'normal', title: string): Promise<{ id: string; phone: Record<string, string> }> {
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 30, title, confidentiality, attendees: [{ name: 'Ann', email: 'ann@example.com' }] });
  const id: string = booked.body.id;
  expect((await room.call('POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);
  expect((await room.call('PUT', `/api/v1/meetings/${id}/agenda`, { items: [{ title: 'The merger with Contoso', minutes: 10 }] })).status).toBe(200);
  const phone = { 'x-meeting-code': (await room.call('GET', `/api/v1/meetings/${id}/access`)).body.code };
  expect((await room.call('POST', `/api/v1/meetings/${id}/checkins`, { email: 'ann@example.com' }, phone)).status).toBe(200);
  // In the room while it runs, the code reads the agenda.
  expect((await room.call('GET', `/api/v1/meetings/${id}/agenda`, undefined, phone)).body.items[0].title).toBe('The merger with Contoso');
  expect((await room.call('POST', `/api/v1/meetings/${id}/end`)).status).toBe(200);
  return { id, phone };
}

const forbidden = { status: 403, body: { code: 'ROOMCTL_E_FORBIDDEN' } };

it("refuses a confidential meeting's code its agenda and the sending of its minutes once the meeting has ended", async () => {
  const { id, phone } = await endedMeeting('confidential', 'Board');
  const agenda = await room.call('GET', `/api/v1/meetings/${id}/agenda`, undefined, phone);
  expect(agenda).toMatchObject(forbidden);
  expect(agenda.text).not.toContain('Contoso');
  expect(await room.call('POST', `/api/v1/meetings/${id}/minutes/send`, undefined, phone)).toMatchObject(forbidden);

  // Still held for review: the room sends them, once (a second send says when).
  const sent = await room.call('POST', `/api/v1/meetings/${id}/minutes/send`);
  expect(sent.status).toBe(200);
  const audit = (await room.call('GET', `/api/v1/meetings/${id}/audit`)).body as { action: string; via: string }[];
  expect(audit.filter((a) => a.action === 'denied' && a.via === 'meeting-code')).toHaveLength(1);
  expect(audit.filter((a) => a.action === 'send')).toEqual([expect.objectContaining({ via: 'token' })]);
});

it("lets a normal meeting's code read its agenda and send its minutes after the end, as the phone page does", async () => {
  const { id, phone } = await endedMeeting('normal', 'Planning');
  expect((await room.call('GET', `/api/v1/meetings/${id}/agenda`, undefined, phone)).body.items[0].title).toBe('The merger with Contoso');
  expect((await room.call('POST', `/api/v1/meetings/${id}/minutes/send`, undefined, phone)).status).toBe(200);
});
