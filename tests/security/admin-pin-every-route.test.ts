import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PIN, startSecurityRoom } from './api-surface.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
beforeAll(async () => {
  room = await startSecurityRoom();
});
afterAll(async () => room?.close());

async function post(path: string, body: unknown): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${room.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, code: ((await res.json()) as { code?: string }).code };
}

/**
 * The admin PIN is taken by two routes (open the admin view; approve a panel's pairing). An
 * attacker who spreads guesses over both gets no more than five in a row: they share one
 * count and one lock-out, and while it lasts the right PIN is refused on both as well.
 */
it('the PIN lock-out counts wrong PINs from every route that takes one, and holds on all of them', async () => {
  const approve = (pin: string) => post('/api/v1/panels/pair/approve', { code: 'K7QM-4XPA', pin });
  const session = (pin: string) => post('/api/v1/admin/session', { pin });
  expect(await session('000001')).toMatchObject({ status: 401, code: 'ROOMCTL_E_UNAUTHORIZED' });
  expect(await approve('000002')).toMatchObject({ status: 401, code: 'ROOMCTL_E_UNAUTHORIZED' });
  expect(await session('000003')).toMatchObject({ status: 401 });
  expect(await approve('000004')).toMatchObject({ status: 401 });
  expect(await session('000005')).toMatchObject({ status: 429, code: 'ROOMCTL_E_LOCKED_OUT' });
  expect(await session(ADMIN_PIN)).toMatchObject({ status: 429, code: 'ROOMCTL_E_LOCKED_OUT' });
  expect(await approve(ADMIN_PIN)).toMatchObject({ status: 429, code: 'ROOMCTL_E_LOCKED_OUT' });
  expect((await fetch(`${room.baseUrl}/api/v1/admin/overview`, { headers: { authorization: `Bearer ${room.token}` } })).status).toBe(403);
});
