/**
 * Two people edit one meeting's agenda: the table panel (the room's credential) and a phone
 * (the meeting's code). Each read carries the agenda's revision; a save that sends the
 * revision it started from is refused once the other person has saved since, and changes
 * nothing; a save from the current revision, or one that sends none (a script), goes through.
 * The revision is kept in the room's store: after a restart a stale save is still refused.
 */
import { afterEach, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
afterEach(() => room?.close());

const items = (...titles: string[]) => titles.map((title) => ({ title, minutes: 10 }));
const titlesOf = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

it('refuses a save started from an older agenda, takes a fresh one and one without a revision, and keeps the revision over a restart', async () => {
  room = await startClockedRoom({ start: '2026-04-01T08:00:00Z' });
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 60, title: 'Budget review', agenda: items('Budget') });
  const id = booked.body.id as string;
  const { code } = (await room.call('GET', `/api/v1/meetings/${id}/access`)).body as { code: string };
  const path = `/api/v1/meetings/${id}/agenda`;
  const panel = (method: string, body?: unknown) => room.call(method, path, body);
  const phone = (method: string, body?: unknown) => room.call(method, path, body, { 'x-meeting-code': code });

  // Both open the editor on the same agenda.
  const read = (await panel('GET')).body;
  expect((await phone('GET')).body.revision).toBe(read.revision);
  expect(titlesOf(read)).toEqual(['Budget']);

  // The phone saves first, from what it read.
  const phoneSaved = await phone('PUT', { items: items('Budget', 'Hiring'), ifRevision: read.revision });
  expect(phoneSaved.status).toBe(200);
  expect(phoneSaved.body.revision).toBeGreaterThan(read.revision);

  // The panel saves from the agenda it read before that: refused, with the revision there is now, and nothing changed.
  const stale = await panel('PUT', { items: items('Budget', 'Rollout'), ifRevision: read.revision });
  expect(stale.status).toBe(409);
  expect(stale.body).toMatchObject({ code: 'ROOMCTL_E_AGENDA_CHANGED', details: { revision: phoneSaved.body.revision } });
  const after = (await panel('GET')).body;
  expect(titlesOf(after)).toEqual(['Budget', 'Hiring']);
  expect(after.revision).toBe(phoneSaved.body.revision);

  // Having seen the phone's agenda, the panel saves over it knowingly.
  const fresh = await panel('PUT', { items: items('Budget', 'Hiring', 'Rollout'), ifRevision: after.revision });
  expect(fresh.status).toBe(200);
  expect(titlesOf(fresh.body)).toEqual(['Budget', 'Hiring', 'Rollout']);

  // The same items again change nothing, so no one is told of a change.
  expect((await panel('PUT', { items: items('Budget', 'Hiring', 'Rollout'), ifRevision: fresh.body.revision })).body.revision).toBe(fresh.body.revision);

  // A script that sends no revision replaces the agenda as before.
  const script = await room.call('PUT', path, { items: items('Budget only') });
  expect(script.status).toBe(200);
  expect(titlesOf(script.body)).toEqual(['Budget only']);
  expect(script.body.revision).toBeGreaterThan(fresh.body.revision);

  // The meeting running through its items is no change of the agenda: an editor's revision still holds.
  expect((await room.call('POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);
  expect((await room.call('POST', `/api/v1/meetings/${id}/agenda/next`)).body.revision).toBe(script.body.revision);

  // A bad revision is a bad request, not a conflict.
  expect((await panel('PUT', { items: items('Budget'), ifRevision: -1 })).body.code).toBe('ROOMCTL_E_BAD_REQUEST');

  await room.restart();
  const reread = (await phone('GET')).body;
  expect(reread.revision).toBe(script.body.revision);
  expect((await phone('PUT', { items: items('Budget', 'Hiring'), ifRevision: fresh.body.revision })).status).toBe(409);
  expect((await phone('PUT', { items: items('Budget', 'Hiring'), ifRevision: reread.revision })).status).toBe(200);
});
