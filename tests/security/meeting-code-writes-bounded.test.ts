/**
 * A meeting's code is on the phone page anyone in the room can scan. With it, a script adds
 * walk-ins (each one gets the minutes by email), notes, action items, polls and raised hands;
 * each meets its bound per meeting with a coded 409, over the real API. The plain run puts all
 * but the last ten notes and raised hands in beforehand (notes into the store, hands as a linked
 * room's records: each one over HTTP costs more as the meeting grows); ROOMCTL_FULL=1 sends
 * every one of them over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MEETING_LIMITS } from '../../appliance/meetings/meeting-limits.js';
import { MinutesRepository } from '../../appliance/meetings/minutes-repository.js';
import { FULL } from '../faults/fault-scale.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

let room: ClockedRoom;
let id: string;
let phone: Record<string, string>;
/** Notes and raised hands already in the store when the test starts sending. */
const PREFILLED = FULL ? 0 : { entries: MEETING_LIMITS.entries - 10, hands: MEETING_LIMITS.hands - 10 };
const prefilled = (what: 'entries' | 'hands') => (PREFILLED === 0 ? 0 : PREFILLED[what]);

/** Notes in the store, and hands raised and lowered again as records (the entry a linked room's records take). */
function prefill(): void {
  const at = new Date('2026-04-01T08:00:00Z');
  const minutes = new MinutesRepository(room.appliance.db);
  for (let i = 0; i < prefilled('entries'); i++) minutes.addEntry(id, 'note', `Earlier point ${i}`, undefined, at);
  const conversation = room.appliance.core.meetings!.ctx.conversation;
  for (let i = 0; i < prefilled('hands'); i++) {
    const handId = randomUUID();
    const stamp = (ms: number) => new Date(at.getTime() + 2 * i + ms).toISOString();
    conversation.apply({
      id: randomUUID(),
      meetingId: id,
      room: 'hq/aurora',
      at: stamp(0),
      kind: 'hand.raised',
      handId,
      who: { name: 'Earlier', key: 'earlier' },
    });
    conversation.apply({ id: randomUUID(), meetingId: id, room: 'hq/aurora', at: stamp(1), kind: 'hand.lowered', handId });
  }
}

beforeAll(async () => {
  // The pace of a code's changes has its own test (meeting-code-writes-paced): here only the counts.
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z', configure: (c) => void (c.api.limits = { meetingCodeWritesPerMinute: 100_000 }) });
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 60, title: 'Planning', attendees: [{ name: 'Ann', email: 'ann@example.com' }] });
  id = booked.body.id;
  prefill();
  expect((await room.call('POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);
  phone = { 'x-meeting-code': (await room.call('GET', `/api/v1/meetings/${id}/access`)).body.code };
});
afterAll(() => room?.close());

/** `count` requests made `inFlight` at a time (each worker one after another), each answered 2xx. */
async function fill(count: number, request: (i: number, worker: number) => Promise<{ status: number; body: { code?: string } }>, inFlight = 8): Promise<void> {
  let next = 0;
  const worker = async (w: number) => {
    while (next < count) {
      const i = next++;
      const answer = await request(i, w);
      expect(answer.status, `request ${i}: ${answer.body?.code}`).toBeLessThan(300);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
}

const refusedAt = (limit: number, what: string) => ({ status: 409, body: { code: 'ROOMCTL_E_MEETING_LIMIT', details: { limit, what } } });

it(`checks in ${MEETING_LIMITS.walkIns} walk-ins with the code, refuses the next, and still takes the invited and those already in`, async () => {
  const walkIn = (i: number) =>
    room.call('POST', `/api/v1/meetings/${id}/checkins`, { name: `Guest ${i}`, email: `guest${i}@example.com`, walkIn: true }, phone);
  await fill(MEETING_LIMITS.walkIns, walkIn);
  expect(await walkIn(MEETING_LIMITS.walkIns)).toMatchObject(refusedAt(MEETING_LIMITS.walkIns, 'walkIns'));
  expect((await walkIn(0)).status).toBe(200);
  expect((await room.call('POST', `/api/v1/meetings/${id}/checkins`, { email: 'ann@example.com' }, phone)).status).toBe(200);
  const checkIns = (await room.call('GET', `/api/v1/meetings/${id}/checkins`)).body as unknown[];
  expect(checkIns).toHaveLength(MEETING_LIMITS.walkIns + 1);
});

it(`takes ${MEETING_LIMITS.entries} notes and decisions and ${MEETING_LIMITS.actionItems} action items, then refuses more of each`, async () => {
  await fill(MEETING_LIMITS.entries - prefilled('entries'), (i) =>
    room.call('POST', `/api/v1/meetings/${id}/${i % 2 ? 'notes' : 'decisions'}`, { text: `Point ${i}` }, phone),
  );
  expect(await room.call('POST', `/api/v1/meetings/${id}/notes`, { text: 'One more' }, phone)).toMatchObject(refusedAt(MEETING_LIMITS.entries, 'entries'));
  // The room's own token is held to the same bound: the minutes are assembled from all of them.
  expect(await room.call('POST', `/api/v1/meetings/${id}/decisions`, { text: 'One more' })).toMatchObject(refusedAt(MEETING_LIMITS.entries, 'entries'));

  const action = (i: number) => room.call('POST', `/api/v1/meetings/${id}/action-items`, { text: `Task ${i}`, owner: 'Ann' }, phone);
  await fill(MEETING_LIMITS.actionItems, action);
  expect(await action(MEETING_LIMITS.actionItems)).toMatchObject(refusedAt(MEETING_LIMITS.actionItems, 'actionItems'));
});

it(`opens ${MEETING_LIMITS.polls} polls and takes ${MEETING_LIMITS.hands} raised hands, then refuses more of each`, async () => {
  const poll = (i: number) => room.call('POST', `/api/v1/meetings/${id}/polls`, { question: `Question ${i}?` }, phone);
  await fill(MEETING_LIMITS.polls, poll);
  expect(await poll(MEETING_LIMITS.polls)).toMatchObject(refusedAt(MEETING_LIMITS.polls, 'polls'));

  // Eight people raising and lowering a hand again and again: each raise is a record of its own.
  const raise = (person: number) => room.call('POST', `/api/v1/meetings/${id}/hands`, { name: `Guest ${person}` }, phone);
  await fill(MEETING_LIMITS.hands - prefilled('hands'), async (_i, worker) => {
    const hand = await raise(worker);
    if (hand.status !== 201) return hand;
    return room.call('DELETE', `/api/v1/meetings/${id}/hands/${hand.body.handId}`, undefined, phone);
  });
  expect(await raise(0)).toMatchObject(refusedAt(MEETING_LIMITS.hands, 'hands'));
});
