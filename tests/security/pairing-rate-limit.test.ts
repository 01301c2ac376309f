/**
 * Pairing takes requests from anyone; one client must not be able to fill the table of
 * waiting requests. Twenty requests from one address used to block every real panel for the
 * fifteen minutes a request waits; now that client is slowed down and nobody else is. A
 * client holds at most its share of waiting requests: its newest replaces its oldest, so a
 * kiosk browser that shows a new code after each restart can still be paired.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PENDING_PER_CLIENT, PAIR_REQUESTS_PER_MINUTE } from '../../appliance/panel/panel-pairing.js';
import { ADMIN_PIN, startSecurityRoom } from './api-surface.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
beforeAll(async () => {
  room = await startSecurityRoom();
});
afterAll(async () => room?.close());

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const codeNo = (i: number) => `FLD${ALPHABET[i % 23]}-${ALPHABET[Math.floor(i / 23) % 23]}234`;

async function approve(code: string): Promise<{ status: number; code?: string }> {
  const res = await room.demo.appliance.server.inject({ method: 'POST', url: '/api/v1/panels/pair/approve', payload: { code, pin: ADMIN_PIN } });
  return { status: res.statusCode, code: (res.json() as { code?: string }).code };
}

async function pair(from: string, code: string): Promise<{ status: number; code?: string; retryAfterSeconds?: number }> {
  const res = await room.demo.appliance.server.inject({ method: 'POST', url: '/api/v1/panels/pair', payload: { code }, remoteAddress: from });
  const body = res.json() as { status?: string; code?: string; details?: { retryAfterSeconds?: number } };
  return { status: res.statusCode, code: body.code, retryAfterSeconds: body.details?.retryAfterSeconds };
}

it('20 requests from one client leave pairing open to every other client', async () => {
  const answers = [];
  for (let i = 0; i < 20; i++) answers.push(await pair('10.30.0.66', codeNo(i)));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(PAIR_REQUESTS_PER_MINUTE);
  expect(answers.slice(PAIR_REQUESTS_PER_MINUTE).every((a) => a.status === 429 && a.code === 'ROOMCTL_E_RATE_LIMITED' && a.retryAfterSeconds! > 0)).toBe(true);
  // Of the ten it was answered, the client holds only its newest share: the older ones are gone.
  const kept = PAIR_REQUESTS_PER_MINUTE - MAX_PENDING_PER_CLIENT;
  expect(await approve(codeNo(kept - 1))).toMatchObject({ status: 404, code: 'ROOMCTL_E_NOT_FOUND' });
  expect(await approve(codeNo(kept))).toMatchObject({ status: 200 });

  expect(await pair('10.30.0.5', 'REAL-2345')).toMatchObject({ status: 200 });
});

it('counts requests per client per minute, whatever codes they carry', async () => {
  const from = '10.30.0.77';
  const answers = [];
  // The same code again and again: each replaces the last, so only the per-minute count stops it.
  for (let i = 0; i <= PAIR_REQUESTS_PER_MINUTE; i++) answers.push(await pair(from, 'SAME-2345'));
  expect(answers.slice(0, PAIR_REQUESTS_PER_MINUTE).every((a) => a.status === 200)).toBe(true);
  expect(answers[PAIR_REQUESTS_PER_MINUTE]).toMatchObject({ status: 429, code: 'ROOMCTL_E_RATE_LIMITED' });
  expect(await pair('10.30.0.78', 'OTHR-2345')).toMatchObject({ status: 200 });
});

it('a kiosk that restarts with a new code each time can still be paired', async () => {
  const kiosk = '10.30.0.90';
  for (const code of ['KSKA-2345', 'KSKB-2345', 'KSKC-2345']) expect(await pair(kiosk, code)).toMatchObject({ status: 200 });
  expect(await approve('KSKC-2345')).toMatchObject({ status: 200 });
  expect(await approve('KSKA-2345')).toMatchObject({ status: 404, code: 'ROOMCTL_E_NOT_FOUND' });
});
