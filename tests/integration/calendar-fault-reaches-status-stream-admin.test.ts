/**
 * A calendar feed that breaks is seen where people look: in GET /api/v1/status, on the
 * stream (a status message), and in the admin view's data — not only on the internal bus.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamMessage } from '../../appliance/api/api-types.js';
import { startFeedServer, type FeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const PIN = '246810';
let room: TestRoom;
let feed: FeedServer;

// biome-ignore lint/suspicious/noExplicitAny: each call reads the fields of the route it asked; the routes' schemas are checked by the server
async function get(path: string, headers: Record<string, string> = {}): Promise<any> {
  return (await fetch(room.baseUrl + path, { headers: { authorization: `Bearer ${room.token}`, ...headers } })).json();
}

beforeAll(async () => {
  feed = await startFeedServer();
  const soon = new Date(Date.now() + 3_600_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const later = new Date(Date.now() + 2 * 3_600_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  feed.routes.set('/room.ics', { body: calendarOf([['UID:review@example.com', `DTSTART:${soon}`, `DTEND:${later}`, 'SUMMARY:Review']]) });
  room = await startTestRoom({
    configure: (c) => {
      c.calendar = { url: `${feed.url}/room.ics`, refreshMinutes: 60 };
      c.panel = { ...c.panel, adminPin: PIN };
    },
  });
});
afterAll(async () => {
  await room?.close();
  await feed?.close();
});

it('a feed turned into a sign-in page shows as failing in /status, on the stream and in the admin view', async () => {
  await waitFor(async () => (await get('/api/v1/status')).calendar?.state === 'ok', 10_000, 'the first good read');
  const socket = new WebSocket(`${room.baseUrl.replace('http', 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${room.token}` } });
  const messages: StreamMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));
  await waitFor(() => messages.some((m) => m.type === 'snapshot'), 5000, 'snapshot');

  feed.routes.set('/room.ics', { body: '<html>Sign in to Outlook</html>', headers: { 'content-type': 'text/html' } });
  const refreshed = await fetch(`${room.baseUrl}/api/v1/calendar/refresh`, { method: 'POST', headers: { authorization: `Bearer ${room.token}` } });
  expect(await refreshed.json()).toMatchObject({ ok: false });

  const status = await get('/api/v1/status');
  expect(status.calendar).toMatchObject({ state: 'failing', detail: expect.stringContaining('not valid iCalendar') });
  expect(status.calendar.detail).toContain('keeping the last good schedule');
  const streamed = await waitFor(
    () => messages.find((m) => m.type === 'status' && m.status.calendar?.state === 'failing'),
    5000,
    'a status message with the failing feed',
  );
  expect(streamed.type === 'status' && streamed.status.calendar?.detail).toContain('not valid iCalendar');

  const session = (await (
    await fetch(`${room.baseUrl}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: PIN }) })
  ).json()) as { session: string };
  const overview = await get('/api/v1/admin/overview', { 'x-roomctl-admin': session.session });
  expect(overview.calendar).toMatchObject({ state: 'failing', detail: expect.stringContaining('not valid iCalendar') });
  const calendar = await get('/api/v1/calendar');
  expect(calendar).toMatchObject({ health: { state: 'failing' }, lastError: expect.stringContaining('ROOMCTL_E_CALENDAR_FEED'), shown: [], skipped: [] });
  // The schedule stayed: the review is still booked.
  const meetings = await get('/api/v1/meetings');
  expect(JSON.stringify(meetings)).toContain('Review');
  socket.close();
});
