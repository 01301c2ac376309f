import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestRoom, waitFor, type TestRoom } from '../../../tests/helpers/test-room.js';
import type { StreamMessage } from '../api-types.js';

let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom();
});
afterAll(() => room?.close());

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary JSON bodies
type Json = Record<string, any>;
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${room.token}` },
): Promise<{ status: number; body: Json }> {
  const r = await fetch(`${room.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Json };
}

it('a phone raises a hand and votes once with the meeting code; the panel gives the floor, counts the room and closes the poll; bad bodies get coded 400s', async () => {
  const meeting = (
    await call('POST', '/api/v1/bookings', { minutes: 30, title: 'Budget', attendees: [{ name: 'Ann', email: 'ann@example.com', required: true }] })
  ).body;
  const id = meeting.id as string;
  const { code } = (await call('GET', `/api/v1/meetings/${id}/access`)).body;
  const phone = { 'x-meeting-code': String(code) };
  await call('POST', `/api/v1/meetings/${id}/checkins`, { name: 'Ann' }, phone);
  expect((await call('POST', `/api/v1/meetings/${id}/hands`, { name: 'Ann' }, phone)).body.code).toBe('ROOMCTL_E_MEETING_STATE');
  await call('POST', `/api/v1/meetings/${id}/start`);

  const socket = new WebSocket(`${room.baseUrl.replace('http', 'ws')}/api/v1/stream?token=${room.token}`);
  const messages: StreamMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));

  expect((await call('POST', `/api/v1/meetings/${id}/hands`, { name: 'Ann' }, {})).status).toBe(401);
  expect((await call('POST', `/api/v1/meetings/${id}/hands`, { name: 'Ann' }, { 'x-meeting-code': 'WRONG1' })).status).toBe(401);
  expect((await call('POST', `/api/v1/meetings/${id}/hands`, { name: 'Zed' }, phone)).body.code).toBe('ROOMCTL_E_NOT_CHECKED_IN');
  const hand = await call('POST', `/api/v1/meetings/${id}/hands`, { email: 'ANN@example.com' }, phone);
  expect(hand).toMatchObject({ status: 201, body: { name: 'Ann', room: expect.stringMatching(/\//) } });
  await waitFor(
    () => messages.some((m) => m.type === 'meeting' && m.now.current?.floor.queue.some((h) => h.handId === hand.body.handId)),
    5000,
    'the hand on the stream',
  );

  const floor = await call('POST', `/api/v1/meetings/${id}/floor`, { handId: hand.body.handId });
  expect(floor.body).toMatchObject({ queue: [], speaking: { name: 'Ann', handId: hand.body.handId, minutes: 3 } });

  const poll = await call('POST', `/api/v1/meetings/${id}/polls`, { question: 'Approve the budget?' }, phone);
  expect(poll).toMatchObject({ status: 201, body: { options: ['yes', 'no', 'abstain'], status: 'open' } });
  const pollId = poll.body.pollId as string;
  expect((await call('POST', `/api/v1/polls/${pollId}/votes`, { option: 'yes', voter: { name: 'Ann' } }, phone)).body.counts).toEqual({
    yes: 1,
    no: 0,
    abstain: 0,
  });
  const again = await call('POST', `/api/v1/polls/${pollId}/votes`, { option: 'no', voter: { name: 'Ann' } }, phone);
  expect(again).toMatchObject({ status: 409, body: { code: 'ROOMCTL_E_ALREADY_VOTED' } });
  expect((await call('POST', `/api/v1/polls/${pollId}/counts`, { counts: { yes: 2 } }, phone)).status).toBe(401);
  expect((await call('POST', `/api/v1/polls/${pollId}/counts`, { counts: { no: 2, abstain: 1 } })).body.counts).toEqual({ yes: 1, no: 2, abstain: 1 });
  const closed = await call('POST', `/api/v1/polls/${pollId}/close`);
  expect(closed.body).toMatchObject({ status: 'closed', outcome: 'Rejected 1–2, 1 abstained' });
  expect((await call('POST', `/api/v1/polls/${pollId}/votes`, { option: 'yes', voter: { name: 'Ann' } }, phone)).body.code).toBe('ROOMCTL_E_POLL_CLOSED');
  expect((await call('POST', '/api/v1/polls/nope/close')).status).toBe(404);
  expect((await call('GET', `/api/v1/meetings/${id}`, undefined, phone)).body.polls).toEqual([
    expect.objectContaining({ pollId, outcome: 'Rejected 1–2, 1 abstained' }),
  ]);

  const bad: [string, string, unknown][] = [
    ['POST', `/api/v1/meetings/${id}/hands`, {}],
    ['POST', `/api/v1/meetings/${id}/hands`, { name: 'Ann', colour: 'red' }],
    ['POST', `/api/v1/meetings/${id}/floor`, {}],
    ['POST', `/api/v1/meetings/${id}/floor`, { next: false }],
    ['POST', `/api/v1/meetings/${id}/floor`, { handId: 'x', next: true }],
    ['POST', `/api/v1/meetings/${id}/polls`, { question: '' }],
    ['POST', `/api/v1/meetings/${id}/polls`, { question: 'One?', options: ['only'] }],
    ['POST', `/api/v1/meetings/${id}/polls`, { question: 'Twice?', options: ['a', 'a'] }],
    ['POST', `/api/v1/polls/${pollId}/votes`, { option: 'yes' }],
    ['POST', `/api/v1/polls/${pollId}/counts`, { counts: { yes: -1 } }],
    ['PUT', `/api/v1/meetings/${id}/agenda`, { items: [{ title: 'Reports', minutes: 10, speakers: [{ name: 'Lin' }] }] }],
  ];
  for (const [method, path, body] of bad) {
    const r = await call(method, path, body);
    expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, 'ROOMCTL_E_BAD_REQUEST']);
  }
  // Agenda items name their speakers, in order, with their time.
  expect(
    (
      await call('PUT', `/api/v1/meetings/${id}/agenda`, {
        items: [
          {
            title: 'Reports',
            minutes: 10,
            speakers: [
              { name: 'Lin', minutes: 4 },
              { name: 'Omar', minutes: 3 },
            ],
          },
        ],
      })
    ).status,
  ).toBe(200);
  expect((await call('GET', `/api/v1/meetings/${id}/agenda`, undefined, phone)).body.items[0].speakers).toEqual([
    { name: 'Lin', minutes: 4 },
    { name: 'Omar', minutes: 3 },
  ]);
  socket.close();
});
