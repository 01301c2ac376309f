import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor } from './schema-arbitrary.js';
import { fillPath, MUTATING, servedRoutes, startSecurityRoom, toOpenApiPath, type Operation } from './api-surface.js';

/**
 * Mutations anyone may try, each guarded on its own (pairing codes, the PIN and its lock-out).
 * A route that joins this list is a decision, made here in review, not an accident.
 */
const PUBLIC_MUTATIONS = new Set([
  'POST /api/v1/panels/pair',
  'POST /api/v1/panels/pair/claim',
  'POST /api/v1/panels/pair/approve',
  'POST /api/v1/admin/session',
]);

/** Reads anyone may make: room health (closed too with api.openReads: false) and the panel's handshake. Reviewed here, like the mutations. */
const OPEN_READS = new Set([
  'GET /api/v1/status',
  'GET /api/v1/devices',
  'GET /api/v1/devices/{id}',
  'GET /api/v1/room/mute',
  'GET /api/v1/media',
  'GET /api/v1/panel/info',
]);

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
let meetingId: string;
let actionItemId: string;
beforeAll(async () => {
  room = await startSecurityRoom();
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${room.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
        body: JSON.stringify(body),
      })
    ).json()) as { id: string };
  meetingId = (await post('/api/v1/bookings', { minutes: 30, title: 'Auth probe' })).id;
  actionItemId = (await post(`/api/v1/meetings/${meetingId}/action-items`, { text: 'probe', owner: 'Ops' })).id;
});

/** Path values that reach the handler: the meeting and action item made above, else one valid by the parameter's schema. */
function pathValues(op: Operation): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of op.params.filter((p) => p.in === 'path')) {
    values[p.name] =
      op.path.startsWith('/api/v1/meetings/{id}') && p.name === 'id'
        ? meetingId
        : op.path.startsWith('/api/v1/action-items/{id}')
          ? actionItemId
          : p.schema
            ? String(fc.sample(arbitraryFor(p.schema), { numRuns: 1, seed: 7 })[0])
            : 'x';
  }
  return values;
}
afterAll(async () => room?.close());

/** One well-formed request for `op` (so a refusal can only be about who is asking), with these headers. */
async function send(op: Operation, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  const url = fillPath(op.path, pathValues(op));
  const body = op.body ? JSON.stringify(fc.sample(arbitraryFor(op.body, room.resolve), { numRuns: 1, seed: 42 })[0]) : undefined;
  const res = await fetch(`${room.baseUrl}${url}`, {
    method: op.method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body,
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

const refused = (r: { status: number; code?: string }) => (r.status === 401 || r.status === 403) && /^ROOMCTL_E_(UNAUTHORIZED|FORBIDDEN)$/.test(r.code ?? '');

/** The panel's files, the phone's pages and the API's documents: they hold nothing of the room. */
const ASSETS = /^\/(docs(\/.*)?|openapi\.json|\*|meeting\/:id|book)?$/;

describe('authentication, route by route from the OpenAPI document', () => {
  it('walks every route the server registered: each declares who may call it, and those anyone may call are the reviewed ones', () => {
    const server = room.demo.appliance.server;
    const levels = server.routeLevels.filter((r) => r.method !== 'HEAD');
    const declared = new Set(levels.map((r) => `${r.method} ${r.url}`));
    // The router's listing spells a plugin's trailing-slash and wildcard twins of the routes it declared (all under /docs).
    const served = servedRoutes(server)
      .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'))
      // The listing prints the panel's catch-all (a built panel's files) as `*`.
      .map((r) => ({ ...r, url: r.url.startsWith('/') ? r.url : `/${r.url}` }));
    expect(served.filter((r) => !declared.has(`${r.method} ${r.url}`))).toEqual([]);
    expect(levels.length).toBeGreaterThan(90);
    const anyone = levels.filter((r) => r.access === 'open' || r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(anyone.sort()).toEqual([...OPEN_READS, ...PUBLIC_MUTATIONS, 'GET /metrics'].map((r) => r.replace(/\{(\w+)\}/g, ':$1')).sort());
    expect(levels.filter((r) => r.access === 'asset' && (r.method !== 'GET' || !ASSETS.test(r.url)))).toEqual([]);
  });

  it('documents every mutation the server serves (none hides from this test)', () => {
    const documented = new Set(room.operations.map((op) => `${op.method} ${op.path}`));
    const served = servedRoutes(room.demo.appliance.server).filter((r) => MUTATING.has(r.method));
    const undocumented = served.map((r) => `${r.method} ${toOpenApiPath(r.url)}`).filter((key) => !documented.has(key));
    expect(undocumented).toEqual([]);
    expect(served.length).toBeGreaterThan(30);
  });

  it('declares a security requirement on every mutation except the reviewed public ones', () => {
    const open = room.operations.filter((op) => MUTATING.has(op.method) && !op.security?.length).map((op) => `${op.method} ${op.path}`);
    expect(open.sort()).toEqual([...PUBLIC_MUTATIONS].sort());
  });

  it('refuses every protected mutation with no credentials, and with a wrong token', async () => {
    const protectedOps = room.operations.filter((op) => MUTATING.has(op.method) && !PUBLIC_MUTATIONS.has(`${op.method} ${op.path}`));
    expect(protectedOps.length).toBeGreaterThan(25);
    for (const op of protectedOps) {
      expect(refused(await send(op, {})), `${op.method} ${op.path} without credentials`).toBe(true);
      expect(refused(await send(op, { authorization: 'Bearer not-the-token-of-this-room' })), `${op.method} ${op.path} with a wrong token`).toBe(true);
    }
  });

  it('refuses the meeting-code routes given neither token nor code, and given a wrong code', async () => {
    const phoneOps = room.operations.filter((op) => op.meetingCode);
    expect(phoneOps.length).toBeGreaterThan(5);
    for (const op of phoneOps) {
      expect(refused(await send(op, {})), `${op.method} ${op.path} with neither token nor code`).toBe(true);
      expect(refused(await send(op, { 'x-meeting-code': 'ZZZZ-ZZZZ' })), `${op.method} ${op.path} with a wrong code`).toBe(true);
    }
  });

  it('refuses the door-code routes given neither token nor code, and given a made-up code', async () => {
    const doorOps = room.operations.filter((op) => op.doorCode);
    expect(doorOps.map((op) => `${op.method} ${op.path}`).sort()).toEqual(['GET /api/v1/door/schedule', 'POST /api/v1/door/bookings']);
    for (const op of doorOps) {
      expect(refused(await send(op, {})), `${op.method} ${op.path} with neither token nor code`).toBe(true);
      expect(refused(await send(op, { 'x-door-code': 'ZZZZ-ZZZZZZZZZZ' })), `${op.method} ${op.path} with a made-up code`).toBe(true);
    }
  });

  it('opens the admin views and admin actions only with an admin session: the room token is not enough', async () => {
    const adminOps = room.operations.filter((op) => op.adminSession || op.path.startsWith('/api/v1/admin/'));
    expect(adminOps.filter((op) => op.method === 'GET').length).toBeGreaterThanOrEqual(2);
    for (const op of adminOps.filter((o) => !PUBLIC_MUTATIONS.has(`${o.method} ${o.path}`))) {
      expect(refused(await send(op, {})), `${op.method} ${op.path} without a session`).toBe(true);
      expect(refused(await send(op, { authorization: `Bearer ${room.token}` })), `${op.method} ${op.path} with the room token`).toBe(true);
      expect(refused(await send(op, { 'x-roomctl-admin': 'a-session-that-was-never-opened' })), `${op.method} ${op.path} with a made-up session`).toBe(true);
    }
  });

  it('declares a requirement on every read except the reviewed open ones, and the open ones are all that answer anyone', async () => {
    const reads = room.operations.filter((op) => op.method === 'GET');
    const open = reads.filter((op) => !op.security?.length).map((op) => `${op.method} ${op.path}`);
    expect(open.sort()).toEqual([...OPEN_READS].sort());
    for (const op of reads.filter((o) => !OPEN_READS.has(`${o.method} ${o.path}`) && !o.path.includes('preview.mjpeg'))) {
      expect(refused(await send(op, {})), `GET ${op.path} without credentials`).toBe(true);
    }
  });

  it('refuses the reads that declare a requirement (meeting codes, recordings, notifications) without one', async () => {
    const guardedReads = room.operations.filter((op) => op.method === 'GET' && op.security?.length && !op.meetingCode && !op.path.includes('preview.mjpeg'));
    expect(guardedReads.length).toBeGreaterThan(5);
    for (const op of guardedReads) expect(refused(await send(op, {})), `GET ${op.path} without credentials`).toBe(true);
  });
}, 60_000);
