import { afterAll, beforeAll, expect, it } from 'vitest';
import { FULL } from '../faults/fault-scale.js';
import { ADMIN_PIN, fillPath, startSecurityRoom, type Operation } from './api-surface.js';
import { pathSpellings, rawRequest } from './path-spellings.js';

/** Mutations and reads anyone may try, each guarded on its own (pairing, the PIN, the panel's handshake). */
const PUBLIC = new Set([
  'GET /api/v1/panel/info',
  'POST /api/v1/panels/pair',
  'POST /api/v1/panels/pair/claim',
  'POST /api/v1/panels/pair/approve',
  'POST /api/v1/admin/session',
]);
/** A person's own rating: only their personal link from the minutes email is that person, not the room's token. */
const PERSONAL_LINK = new Set(['GET /api/v1/meetings/{id}/feedback/mine', 'POST /api/v1/meetings/{id}/feedback/mine']);
/** Answers that never end; with a credential they are not asked (without one they are refused at once). */
const STREAMING = new Set(['GET /api/v1/stream', 'GET /api/v1/media/preview.mjpeg']);

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
const values: Record<string, string> = {};
let session = '';
beforeAll(async () => {
  // openReads: false, so the health reads are guarded too and every route has something to refuse.
  room = await startSecurityRoom({ configure: (config) => void (config.api.openReads = false) });
  const post = async (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${room.token}` }) =>
    (await (
      await fetch(`${room.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    ).json()) as Record<string, string>;
  values.meeting = (await post('/api/v1/bookings', { minutes: 30, title: 'Spelling probe', organiser: { name: 'Probe', email: 'probe@example.com' } })).id!;
  values.personalLink = room.demo.appliance.core.meetings!.ctx.readerLinks.tokenFor(values.meeting, 'probe@example.com');
  values.actionItem = (await post(`/api/v1/meetings/${values.meeting}/action-items`, { text: 'probe', owner: 'Ops' })).id!;
  session = (await post('/api/v1/admin/session', { pin: ADMIN_PIN }, {})).session!;
});
afterAll(async () => room?.close());

function urlOf(op: Operation): string {
  return fillPath(
    op.path,
    Object.fromEntries(
      op.params
        .filter((p) => p.in === 'path')
        .map((p) => {
          if (op.path.startsWith('/api/v1/meetings/{id}')) return [p.name, values.meeting!];
          if (op.path.startsWith('/api/v1/action-items/')) return [p.name, values.actionItem!];
          if (p.name === 'preset') return [p.name, '1'];
          return [p.name, op.path.includes('/devices/') ? 'cam-front' : 'x1'];
        }),
    ),
  );
}

const key = (op: Operation) => `${op.method} ${op.path}`;
/** The router found no route (404 "No route") or refused the URL itself: nothing of the room ran. */
const unrouted = (r: { status: number; body: string }) =>
  (r.status === 404 && r.body.includes('No route')) || (r.status === 400 && r.body.includes('FST_ERR_'));
const refused = (r: { status: number; body: string }) => (r.status === 401 || r.status === 403) && /"code":"ROOMCTL_E_(UNAUTHORIZED|FORBIDDEN)"/.test(r.body);

/**
 * Every route of the document, every spelling of its path (a letter percent-encoded, `%2F`,
 * `/./`, `/../`, `//`, upper case, a trailing slash): without a credential each is refused
 * or not routed at all — never served. The router decodes `%61` to `a`, so the encoded
 * spelling with the credential must reach the route: the check is on the route, not the URL.
 */
it('no spelling of any guarded route runs without its credential; the encoded spelling with it reaches the route', async () => {
  const ops = room.operations.filter((op) => !PUBLIC.has(key(op)));
  expect(ops.length).toBeGreaterThan(60);
  const served: string[] = [];
  let tried = 0;
  for (const op of ops) {
    const url = urlOf(op);
    const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? '{}' : undefined;
    for (const spelling of [url, ...pathSpellings(url, FULL)]) {
      const res = await rawRequest(room.baseUrl, op.method, spelling, {}, body);
      tried++;
      if (!refused(res) && !unrouted(res)) served.push(`${op.method} ${spelling} → ${res.status} ${res.body.slice(0, 120)}`);
    }
  }
  expect(served, `${served.length} of ${tried} requests ran without a credential`).toEqual([]);

  // Admin session last-but-one: closing it would make the admin routes after it refuse.
  const withCredential = ops
    .filter((op) => !STREAMING.has(key(op)))
    .sort((a, b) => Number(key(a) === 'DELETE /api/v1/admin/session') - Number(key(b) === 'DELETE /api/v1/admin/session'));
  const notReached: string[] = [];
  for (const op of withCredential) {
    const url = urlOf(op).replace(/^\/api\//, '/%61pi/');
    const headers: Record<string, string> = PERSONAL_LINK.has(key(op))
      ? { 'x-minutes-reader': values.personalLink! }
      : { authorization: `Bearer ${room.token}`, 'x-roomctl-admin': session };
    const res = await rawRequest(room.baseUrl, op.method, url, headers, ['POST', 'PUT', 'PATCH'].includes(op.method) ? '{}' : undefined);
    if (unrouted(res) || refused(res)) notReached.push(`${op.method} ${url} → ${res.status} ${res.body.slice(0, 120)}`);
  }
  expect(notReached).toEqual([]);
}, 120_000);

it('the WebSocket stream refuses every spelling of its path without a credential; no other route takes an upgrade', async () => {
  for (const spelling of ['/api/v1/stream', ...pathSpellings('/api/v1/stream', FULL)]) {
    const res = await rawRequest(room.baseUrl, 'GET', spelling, {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    expect(refused(res) || unrouted(res), `${spelling} → ${res.status} ${res.body.slice(0, 80)}`).toBe(true);
  }
  // With the token too: a spelling that lands on another route (the panel's files) is not upgraded there.
  for (const path of ['/%2Fapi/v1/stream', '/api/v1/status', '/index.html']) {
    const res = await rawRequest(room.baseUrl, 'GET', `${path}?token=${room.token}`, {
      authorization: `Bearer ${room.token}`,
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    expect(res.status, path).toBe(404);
  }
});
