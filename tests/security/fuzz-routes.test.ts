import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { repetitions } from '../faults/fault-scale.js';
import { ADMIN_PIN, fillPath, startSecurityRoom, type Operation } from './api-surface.js';
import { pathSpellings } from './path-spellings.js';
import { arbitraryFor, mutatedBody, nastyValue, pathParam, type JsonSchema } from './schema-arbitrary.js';

const REQUESTS = repetitions(10_000, 1_000);
const SEED = Number(process.env.ROOMCTL_FUZZ_SEED ?? 20_260_301);
/** Long-lived responses a request/response fuzzer cannot wait for; the WebSocket has its own tests. */
const STREAMING = new Set(['GET /api/v1/stream', 'GET /api/v1/media/preview.mjpeg']);

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
const real: Record<string, string[]> = { meeting: [], actionItem: [] };
let adminSession = '';
let devices: DeviceView[] = [];
beforeAll(async () => {
  room = await startSecurityRoom();
  const post = async (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${room.token}` }) =>
    (await (
      await fetch(`${room.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    ).json()) as Record<string, string>;
  for (const minutes of [30, 60]) {
    const id = (await post('/api/v1/bookings', { minutes, title: 'Fuzzed', start: new Date(Date.now() + (minutes - 30) * 120_000).toISOString() })).id!;
    real.meeting!.push(id);
    real.actionItem!.push((await post(`/api/v1/meetings/${id}/action-items`, { text: 'probe', owner: 'Ops' })).id!);
  }
  adminSession = (await post('/api/v1/admin/session', { pin: ADMIN_PIN }, {})).session!;
  devices = (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as DeviceView[];
});
afterAll(async () => room?.close());

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Sent without a credential the route takes (none, or a wrong bearer, on a guarded route). */
  anonymous: boolean;
}

/** Routes anyone may call, each guarded on its own; every other route must refuse an anonymous request. */
const OPEN = new Set([
  'GET /api/v1/panel/info',
  'POST /api/v1/panels/pair',
  'POST /api/v1/panels/pair/claim',
  'POST /api/v1/panels/pair/approve',
  'POST /api/v1/admin/session',
]);

/** One request for `op`: path values real or hostile, a valid-then-bent body, and a credential or not. */
function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const isAction = op.path === '/api/v1/devices/{id}/actions/{action}';
  const target = isAction
    ? fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(...devices.flatMap((d) => d.actions.map((a) => ({ values: { id: d.id, action: a.name }, body: a.params as JsonSchema })))),
        },
        { weight: 1, arbitrary: fc.record({ values: fc.record({ id: pathParam, action: pathParam }), body: fc.constant<JsonSchema>({ type: 'object' }) }) },
      )
    : fc.record({
        values: fc.record(
          Object.fromEntries(
            op.params
              .filter((p) => p.in === 'path')
              .map((p) => {
                const known = op.path.startsWith('/api/v1/meetings/{id}') ? real.meeting! : op.path.startsWith('/api/v1/action-items/') ? real.actionItem! : [];
                const valid = p.schema ? arbitraryFor(p.schema, room.resolve).map(String) : pathParam;
                return [p.name, known.length ? fc.oneof(fc.constantFrom(...known), valid, pathParam) : fc.oneof(valid, pathParam)];
              }),
          ),
        ),
        body: fc.constant<JsonSchema | undefined>(op.body),
      });
  const query = op.params.filter((p) => p.in === 'query');
  const queryArb = fc.record(
    Object.fromEntries(
      query.map((p) => [p.name, fc.option(fc.oneof(p.schema ? arbitraryFor(p.schema, room.resolve) : fc.string(), nastyValue), { nil: undefined })]),
    ),
    { requiredKeys: [] },
  );
  return fc.tuple(target, queryArb, fc.nat(99), fc.nat(99), fc.nat(), fc.nat(99)).chain(([t, q, authRoll, typeRoll, seed, spellRoll]) =>
    (t.body ? mutatedBody(arbitraryFor(t.body, room.resolve)) : fc.option(nastyValue, { nil: undefined, freq: 3 })).map((body) => {
      const search = new URLSearchParams(
        Object.entries(q)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
      const headers: Record<string, string> = {};
      // Mostly the room's token (so the handlers run), sometimes none or a wrong one.
      if (authRoll < 85) headers.authorization = `Bearer ${room.token}`;
      else if (authRoll < 92) headers.authorization = `Bearer wrong-${seed}`;
      if (op.adminSession && op.method !== 'DELETE' && authRoll % 3 !== 0) headers['x-roomctl-admin'] = adminSession;
      if (op.meetingCode && authRoll % 5 === 0) headers['x-meeting-code'] = String(seed % 100_000).padStart(8, 'A');
      let payload: string | undefined = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined) {
        // Mostly JSON; also the wrong content type, broken JSON, and a bare string.
        if (typeRoll < 88) headers['content-type'] = 'application/json';
        else if (typeRoll < 93) headers['content-type'] = 'text/plain';
        else if (typeRoll < 97) (headers['content-type'] = 'application/json'), (payload = payload.slice(0, Math.max(0, payload.length - 1)));
        else headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      // One in five paths respelled (a letter percent-encoded, %2F, dots, doubled slashes, case):
      // the route that matches must still ask for its credential.
      let path = fillPath(op.path, t.values as Record<string, string>);
      if (spellRoll < 20) {
        const spellings = pathSpellings(path, false);
        path = spellings[seed % spellings.length]!;
      }
      const url = `${path}${search.size ? `?${search}` : ''}`;
      const guarded = !OPEN.has(`${op.method} ${op.path}`) && !(op.method === 'GET' && !op.security?.length);
      const anonymous = guarded && authRoll >= 85 && !headers['x-roomctl-admin'] && !headers['x-meeting-code'];
      return { method: op.method, url, headers, payload, anonymous };
    }),
  );
}

/**
 * Every route in the OpenAPI document, fed schema-aware random requests — valid bodies from
 * the JSON Schemas, then mutated (fields dropped, wrong types, strangers, hostile strings,
 * broken JSON, wrong content types) and paths respelled — through the whole Fastify pipeline.
 * Nothing answers 500, every refusal is coded, nothing guarded answers a request without its
 * credential, and the room still serves afterwards.
 */
it(`${REQUESTS} schema-aware random requests over every route: no 500, every error coded, no crash`, async () => {
  const ops = room.operations.filter((op) => !STREAMING.has(`${op.method} ${op.path}`));
  expect(ops.length).toBeGreaterThan(50);
  const requests = fc.sample(fc.constantFrom(...ops).chain(requestFor), { numRuns: REQUESTS, seed: SEED });
  const app = room.demo.appliance.server;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const covered = new Set<string>();
  for (const req of requests) {
    const res = await app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, payload: req.payload });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    covered.add(`${req.method} ${req.url.split('?')[0]!.split('/').slice(0, 4).join('/')}`);
    const json = res.headers['content-type']?.toString().includes('json') ? (JSON.parse(res.body || 'null') as { code?: string } | null) : null;
    const uncoded = res.statusCode >= 400 && !/^ROOMCTL_E_[A-Z_]+$/.test(json?.code ?? '');
    if (res.statusCode === 500 || json?.code === 'ROOMCTL_E_INTERNAL' || uncoded || (req.anonymous && res.statusCode < 300)) {
      failures.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${req.payload?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
  }
  expect(failures.slice(0, 5), `${failures.length} bad answers (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries(statuses))}`).toEqual([]);
  // The fuzzer reached the handlers, not only the validators: successes and refusals of every kind.
  expect([...statuses.keys()].filter((s) => s >= 200 && s < 300).length).toBeGreaterThan(0);
  expect(statuses.get(400)).toBeGreaterThan(REQUESTS / 10);
  const status = await fetch(`${room.baseUrl}/api/v1/status`);
  expect(status.status).toBe(200);
}, 300_000);
