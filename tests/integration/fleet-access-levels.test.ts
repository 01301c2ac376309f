/**
 * Every fleet route declares who may call it, and the check holds on the route Fastify
 * matched: without a token every non-open route answers 401; an operator's token cannot
 * manage operators (403); the record names whoever the token belongs to, whatever a body says.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

let broker: RunningMosquitto;
let fleet: Awaited<ReturnType<typeof startTestFleet>>;
let ana: string;

/** A concrete URL for a route pattern (its parameters filled with plausible values). */
const concrete = (url: string) => url.replace(':site', 'hq').replace(':room', 'aurora').replace(':id', 'help-1').replace(':name', 'Ana');
const call = (method: string, url: string, token?: string, body?: unknown) =>
  fetch(`${fleet.url}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url } });
  ana = await fleet.operators.add('Ana Lima', 'operator');
  await fleet.store.apply([
    {
      kind: 'event',
      site: 'hq',
      room: 'aurora',
      event: { id: 'e1', at: new Date().toISOString(), type: 'help.requested', deviceId: null, body: { requestId: 'help-1', message: 'No sound' } },
    },
  ]);
}, 30_000);

afterAll(async () => {
  await fleet?.close();
  await broker?.close();
});

it('declares a level on every route, and answers 401 without a token on every route that is not open', async () => {
  const routes = fleet.routes.filter((r) => r.method !== 'HEAD');
  expect(routes.length).toBeGreaterThan(15);
  const open = routes.filter((r) => r.access === 'open').map((r) => `${r.method} ${r.url}`);
  expect(open.sort()).toEqual(
    ['GET /', 'GET /*', 'GET /api/fleet/rooms', 'GET /api/fleet/stats', 'GET /metrics'].filter((r) => routes.some((x) => `${x.method} ${x.url}` === r)).sort(),
  );
  for (const r of routes.filter((x) => x.access !== 'open')) {
    const response = await call(r.method, concrete(r.url), undefined, r.method === 'POST' ? {} : undefined);
    expect({ route: `${r.method} ${r.url}`, status: response.status }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
    const wrong = await call(r.method, concrete(r.url), 'not-a-token-of-this-fleet', r.method === 'POST' ? {} : undefined);
    expect({ route: `${r.method} ${r.url}`, status: wrong.status }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
  }
});

it("refuses an operator's token on the admin routes, and takes the admin's", async () => {
  for (const r of fleet.routes.filter((x) => x.access === 'admin')) {
    const response = await call(r.method, concrete(r.url), ana, r.method === 'POST' ? { name: 'Mallory', role: 'admin' } : undefined);
    expect({ route: `${r.method} ${r.url}`, status: response.status }).toEqual({ route: `${r.method} ${r.url}`, status: 403 });
  }
  const made = await call('POST', '/api/fleet/operators', FLEET_TOKEN, { name: 'Bo Chen' });
  expect(made.status).toBe(201);
  const { token } = (await made.json()) as { token: string };
  expect(await (await call('GET', '/api/fleet/me', token)).json()).toEqual({ name: 'Bo Chen', role: 'operator' });
  expect((await call('GET', '/api/fleet/operators', FLEET_TOKEN)).status).toBe(200);
  // Names only, to every operator: they give issues to each other.
  expect(await (await call('GET', '/api/fleet/operators/names', ana)).json()).toEqual(['Ana Lima', 'Bo Chen']);
  expect((await call('DELETE', '/api/fleet/operators/Bo%20Chen', FLEET_TOKEN)).status).toBe(204);
  expect((await call('GET', '/api/fleet/me', token)).status).toBe(401);
});

it('records who did it from the token, never from the body', async () => {
  const acked = await call('POST', '/api/fleet/issues/help-1/acknowledge', ana, { by: 'Mallory' });
  expect(acked.status).toBe(200);
  expect(await acked.json()).toMatchObject({ id: 'help-1', state: 'acknowledged', acknowledgedBy: 'Ana Lima' });
  const { log } = (await (await call('GET', '/api/fleet/issues/help-1', ana)).json()) as { log: Array<{ action: string; actor: string }> };
  expect(log.map((e) => [e.action, e.actor])).toEqual([['acknowledged', 'Ana Lima']]);
});

it('keeps only a hash of each token', async () => {
  const stored = (await fleet.sql.query<{ token_hash: string }>('SELECT token_hash FROM fleet_operators')).map((r) => r.token_hash);
  expect(stored.join()).not.toContain(ana);
  expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
});
