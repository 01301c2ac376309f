import { afterAll, beforeAll, expect, it } from 'vitest';
import { pairPanel, startSecurityRoom } from './api-surface.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
let meetingA = '';
let meetingB = '';
let codeA = '';
const get = async (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => {
  const res = await fetch(`${room.baseUrl}${path}`, { method, headers });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') || text.startsWith('[') ? (JSON.parse(text) as Record<string, unknown>) : {} };
};
beforeAll(async () => {
  room = await startSecurityRoom();
  const bearer = { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' };
  const book = async (body: unknown) =>
    ((await (await fetch(`${room.baseUrl}/api/v1/bookings`, { method: 'POST', headers: bearer, body: JSON.stringify(body) })).json()) as { id: string }).id;
  const attendees = [{ name: 'Bob', email: 'bob@example.com', badge: 'B-7731', required: true }];
  meetingA = await book({ minutes: 30, title: 'Budget', attendees });
  meetingB = await book({ minutes: 30, start: new Date(Date.now() + 3 * 3_600_000).toISOString(), title: 'Reorg', attendees });
  codeA = String((await get(`/api/v1/meetings/${meetingA}/access`, { authorization: `Bearer ${room.token}` })).json.code);
  await fetch(`${room.baseUrl}/api/v1/help`, { method: 'POST', headers: bearer, body: JSON.stringify({ message: 'No picture' }) });
  await fetch(`${room.baseUrl}/api/v1/selftests`, { method: 'POST', headers: { authorization: `Bearer ${room.token}` } });
});
afterAll(async () => room?.close());

const PERSONAL = () => [
  '/api/v1/meetings',
  '/api/v1/room/now',
  '/api/v1/help',
  '/api/v1/figures',
  '/api/v1/calendar',
  '/api/v1/selftests/latest',
  `/api/v1/meetings/${meetingA}`,
  `/api/v1/meetings/${meetingA}/agenda`,
  `/api/v1/meetings/${meetingA}/minutes.json`,
];

it('gives meetings, attendees, help calls, figures, the calendar and the self-test to nobody without a credential (GET nor HEAD)', async () => {
  for (const path of PERSONAL()) {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await get(path, {}, method);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.text, `${method} ${path}`).not.toMatch(/B-7731|bob@example\.com|Budget|No picture/);
    }
    expect((await get(path, { authorization: 'Bearer not-a-token-of-this-room' })).status, `${path} with a wrong token`).toBe(401);
  }
});

it('gives them to the room token and to a paired panel', async () => {
  const panel = await pairPanel(room.baseUrl, 'K7QM-4XPA');
  for (const credential of [room.token, panel.token]) {
    for (const path of PERSONAL()) expect((await get(path, { authorization: `Bearer ${credential}` })).status, path).toBe(200);
  }
  expect(JSON.stringify((await get('/api/v1/meetings', { authorization: `Bearer ${panel.token}` })).json)).toContain('B-7731');
});

it("gives a meeting's code that meeting only: not another meeting, nor the room's lists", async () => {
  const phone = { 'x-meeting-code': codeA };
  expect((await get(`/api/v1/meetings/${meetingA}`, phone)).json).toMatchObject({ id: meetingA, title: 'Budget' });
  expect((await get(`/api/v1/meetings/${meetingA}/agenda`, phone)).status).toBe(200);
  expect((await get(`/api/v1/meetings/${meetingA}?code=${codeA}`)).status).toBe(200);
  for (const path of [
    `/api/v1/meetings/${meetingB}`,
    `/api/v1/meetings/${meetingB}/agenda`,
    `/api/v1/meetings/${meetingB}/minutes.json`,
    '/api/v1/meetings',
    '/api/v1/room/now',
    '/api/v1/help',
    '/api/v1/figures',
    '/api/v1/selftests/latest',
    `/api/v1/meetings/${meetingA}/checkins`,
  ]) {
    const res = await get(path, phone);
    expect(res.status, path).toBe(401);
    expect(res.text).not.toMatch(/Reorg|B-7731/);
  }
});

it('gives a door code free and busy without titles, attendees or badges', async () => {
  const { code } = (await get('/api/v1/door/access', { authorization: `Bearer ${room.token}` })).json as { code: string };
  const schedule = await get('/api/v1/door/schedule', { 'x-door-code': code });
  expect(schedule.status).toBe(200);
  expect(schedule.text).not.toMatch(/B-7731|bob@example\.com|Bob/);
  for (const path of ['/api/v1/meetings', `/api/v1/meetings/${meetingA}`, '/api/v1/room/now'])
    expect((await get(path, { 'x-door-code': code })).status, path).toBe(401);
});

it('leaves room health open by default, and closes it too with api.openReads: false', async () => {
  for (const path of ['/api/v1/status', '/api/v1/devices', '/metrics']) expect((await get(path)).status, path).toBe(200);
  const closed = await startSecurityRoom({ configure: (config) => void (config.api.openReads = false) });
  try {
    for (const path of ['/api/v1/status', '/api/v1/devices', '/api/v1/devices/cam-front', '/api/v1/room/mute', '/metrics']) {
      expect((await fetch(`${closed.baseUrl}${path}`)).status, path).toBe(401);
      expect((await fetch(`${closed.baseUrl}${path}`, { headers: { authorization: `Bearer ${closed.token}` } })).status, path).toBe(200);
    }
    // The panel's page, its handshake and the API's documents stay open: a panel must load to pair.
    for (const path of ['/api/v1/panel/info', '/openapi.json']) expect((await fetch(`${closed.baseUrl}${path}`)).status, path).toBe(200);
  } finally {
    await closed.close();
  }
});
