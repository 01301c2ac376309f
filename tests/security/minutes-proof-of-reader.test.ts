/**
 * Confidential minutes used to open to anyone who typed a participant's address into
 * X-Roomctl-Reader, and the meeting code kept adding decisions after the minutes went out.
 * Now a reader proves who they are with the personal link their minutes email carries, and
 * once the minutes are sent only the organiser amends them — through their own link, audited.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
beforeAll(async () => {
  // Email to a closed port: the minutes stay in the outbox, where the test reads each recipient's email.
  room = await startTestRoom({ configure: (c) => void (c.notifications = { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } }) });
});
afterAll(async () => room?.close());

// biome-ignore lint/suspicious/noExplicitAny: each call reads the fields of the route it called; the routes' schemas are checked by the server
async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${room.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}
const linkIn = (text: string) => /[?&]reader=([A-Za-z0-9_.-]+)/.exec(text)?.[1];

it('reads confidential minutes only with a personal link, and closes them to all but the organiser once sent', async () => {
  const token = { authorization: `Bearer ${room.token}` };
  const booked = await call(
    'POST',
    '/api/v1/bookings',
    {
      minutes: 30,
      title: 'Reorg',
      confidentiality: 'confidential',
      organiser: { email: 'ceo@example.com' },
      attendees: [{ email: 'hr@example.com', badge: 'HR-1', required: true }],
    },
    token,
  );
  expect(booked.status).toBe(201);
  const id = booked.body.id as string;
  const meetings = room.demo.appliance.core.meetings!;
  const phone = { 'x-meeting-code': meetings.ctx.meetings.get(id)!.code };
  expect((await call('POST', `/api/v1/meetings/${id}/start`, undefined, token)).status).toBe(200);
  expect((await call('POST', '/api/v1/checkins', { badge: 'HR-1' }, token)).status).toBe(200);
  expect((await call('POST', `/api/v1/meetings/${id}/decisions`, { text: 'Merge teams A and B' }, phone)).status).toBe(201);
  expect((await call('POST', `/api/v1/meetings/${id}/end`, undefined, token)).status).toBe(200);
  // Held for review after the end; sent now rather than in ten minutes.
  expect((await call('POST', `/api/v1/meetings/${id}/minutes/send`, undefined, token)).status).toBe(200);

  const mails = meetings.outbox.list().filter((e) => e.kind === 'minutes' && e.meetingId === id);
  const mailTo = (email: string) => mails.find((e) => e.recipients.includes(email))!.message.text;
  const hr = linkIn(mailTo('hr@example.com'))!;
  const ceo = linkIn(mailTo('ceo@example.com'))!;
  expect(hr).not.toBe(ceo);

  // A claimed address is no proof, with the code or the room's token.
  for (const headers of [
    { ...phone, 'x-roomctl-reader': 'ceo@example.com' },
    { ...token, 'x-roomctl-reader': 'ceo@example.com' },
  ]) {
    expect((await call('GET', `/api/v1/meetings/${id}/minutes.json`, undefined, headers)).body.code).toBe('ROOMCTL_E_FORBIDDEN');
  }
  // A forged link (another person's name on hr's signature) is refused.
  const forged = `${Buffer.from('intern@example.com').toString('base64url')}.${hr.split('.')[1]}`;
  expect((await call('GET', `/api/v1/meetings/${id}/minutes.json`, undefined, { 'x-minutes-reader': forged })).status).toBe(401);
  const read = await call('GET', `/api/v1/meetings/${id}/minutes.md`, undefined, { 'x-minutes-reader': hr });
  expect(read.status).toBe(200);
  expect(read.body).toContain('Merge teams A and B');

  // Sent: the meeting code adds nothing, nor does an attendee's link; the organiser's does, audited.
  expect((await call('POST', `/api/v1/meetings/${id}/decisions`, { text: 'Cancel the merger', author: 'ceo@example.com' }, phone)).body.code).toBe(
    'ROOMCTL_E_MINUTES_SENT',
  );
  expect((await call('POST', `/api/v1/meetings/${id}/action-items`, { text: 'Wire money', owner: 'Mallory' }, phone)).body.code).toBe('ROOMCTL_E_MINUTES_SENT');
  expect((await call('POST', `/api/v1/meetings/${id}/notes`, { text: 'x' }, { 'x-minutes-reader': hr })).body.code).toBe('ROOMCTL_E_MINUTES_SENT');
  expect((await call('POST', `/api/v1/meetings/${id}/decisions`, { text: 'Announce on Monday' }, { 'x-minutes-reader': ceo })).status).toBe(201);
  const decisions = (await call('GET', `/api/v1/meetings/${id}/minutes.json`, undefined, { 'x-minutes-reader': hr })).body.minutes.decisions as {
    text: string;
  }[];
  expect(decisions.map((d) => d.text)).toEqual(['Merge teams A and B', 'Announce on Monday']);
  const audit = (await call('GET', `/api/v1/meetings/${id}/audit`, undefined, token)).body as { action: string; who: string | null; via: string }[];
  expect(audit.filter((a) => a.action.startsWith('amend.'))).toEqual([
    expect.objectContaining({ action: 'amend.decision', who: 'ceo@example.com', via: 'reader-link' }),
  ]);
});
