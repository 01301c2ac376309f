/**
 * Changes made with a meeting's code come at a bounded pace per address: a phone page that
 * turned into a script (correcting one note again and again, each correction an audit line)
 * is slowed with a coded 429, while its reads, other phones and the panel go on. What reaches
 * facilities from the room — calls for help, ratings and problem reports — comes at a bounded
 * pace for the whole room, whoever sends it.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiLimits } from '../../appliance/http/connection-limits.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

const { meetingCodeWritesPerMinute: PER_MINUTE, helpCallsPerMinute, feedbackPerMinute, selfTestsPerMinute } = apiLimits(undefined);
let room: ClockedRoom;
let id: string;
let phone: Record<string, string>;

beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z' });
  id = (await room.call('POST', '/api/v1/bookings', { minutes: 60, title: 'Planning' })).body.id;
  phone = { 'x-meeting-code': (await room.call('GET', `/api/v1/meetings/${id}/access`)).body.code };
});
afterAll(() => room?.close());

/** A POST from another loopback address (any 127.x is this host). */
function postFrom(localAddress: string, path: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(room.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: 'POST', localAddress, agent: false, headers: { ...headers, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

it(`takes ${PER_MINUTE} changes a minute with a meeting's code from one address, refuses the next with a coded 429, and serves reads, other phones and the panel`, async () => {
  const note = await room.call('POST', `/api/v1/meetings/${id}/notes`, { text: 'Draft' }, phone);
  expect(note.status).toBe(201);
  for (let i = 1; i < PER_MINUTE; i++) {
    const corrected = await room.call('PATCH', `/api/v1/meetings/${id}/notes/${note.body.id}`, { text: `Draft ${i}` }, phone);
    expect(corrected.status, `change ${i}: ${corrected.body?.code}`).toBe(200);
  }
  const over = await room.call('PATCH', `/api/v1/meetings/${id}/notes/${note.body.id}`, { text: 'One more' }, phone);
  expect(over).toMatchObject({ status: 429, body: { code: 'ROOMCTL_E_RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
  // Another code does not reset the count: it is the address's.
  expect((await room.call('POST', `/api/v1/meetings/${id}/notes`, { text: 'x' }, { 'x-meeting-code': 'AAAAAAAA' })).status).toBe(429);

  expect((await room.call('GET', `/api/v1/meetings/${id}`, undefined, phone)).status).toBe(200);
  expect(await postFrom('127.0.0.2', `/api/v1/meetings/${id}/notes`, { text: 'From the next phone' }, phone)).toBe(201);
  expect((await room.call('POST', `/api/v1/meetings/${id}/notes`, { text: 'From the panel' })).status).toBe(201);
});

it(`takes ${helpCallsPerMinute} calls for help and ${feedbackPerMinute} ratings and problem reports a minute from the room, refuses the next with a coded 429 and keeps nothing of it`, async () => {
  // A guest without a credential is refused before the count: it cannot use up the room's help button.
  for (let i = 0; i < helpCallsPerMinute; i++) expect((await room.call('POST', '/api/v1/help', { message: 'spam' }, {})).status).toBe(401);
  for (let i = 0; i < helpCallsPerMinute; i++) expect((await room.call('POST', '/api/v1/help', { message: `No sound ${i}` })).status).toBe(201);
  const help = await room.call('POST', '/api/v1/help', { message: 'One more' });
  expect(help).toMatchObject({ status: 429, body: { code: 'ROOMCTL_E_RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
  expect(help.body.message).toMatch(/calls for help from this room/);
  const kept = (await room.call('GET', '/api/v1/help')).body as Array<{ message: string }>;
  expect(kept.map((r) => r.message)).toEqual(Array.from({ length: helpCallsPerMinute }, (_, i) => `No sound ${i}`));

  // A meeting's feedback (its one rating, then problems told with it) and problem reports outside one count together.
  for (let i = 0; i < feedbackPerMinute; i++) {
    const onMeeting = i === 0 ? { rating: 4 } : { problems: ['audio'] };
    const sent = i % 2 ? room.call('POST', '/api/v1/problems', { problems: ['display'] }) : room.call('POST', `/api/v1/meetings/${id}/feedback`, onMeeting);
    expect((await sent).status, `feedback ${i}`).toBe(201);
  }
  expect((await room.call('POST', '/api/v1/problems', { problems: ['audio'], comment: 'One more' })).body.code).toBe('ROOMCTL_E_RATE_LIMITED');
  expect((await room.call('POST', `/api/v1/meetings/${id}/feedback`, { problems: ['display'] })).status).toBe(429);
});

it(`runs ${selfTestsPerMinute} self-tests a minute on request, whoever asks, and refuses the next with a coded 429`, async () => {
  const ids = new Set<string>();
  for (let i = 0; i < selfTestsPerMinute; i++) ids.add((await room.call('POST', '/api/v1/selftests')).body.id);
  expect(ids.size).toBe(selfTestsPerMinute);
  const over = await room.call('POST', '/api/v1/selftests');
  expect(over).toMatchObject({ status: 429, body: { code: 'ROOMCTL_E_RATE_LIMITED', message: expect.stringMatching(/self-tests from this room/) } });
  expect((await room.call('GET', '/api/v1/selftests/latest')).body.id).toBe([...ids].at(-1));
});
