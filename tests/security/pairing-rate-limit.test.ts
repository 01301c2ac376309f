/**
 * Pairing takes requests from anyone; one client must not be able to fill the table of
 * waiting requests. Twenty requests from one address used to block every real panel for the
 * fifteen minutes a request waits; now that client is slowed down and nobody else is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PENDING_PER_CLIENT, PAIR_REQUESTS_PER_MINUTE } from '../../appliance/panel/panel-pairing.js';
import { startSecurityRoom } from './api-surface.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
beforeAll(async () => {
  room = await startSecurityRoom();
});
afterAll(async () => room?.close());

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const codeNo = (i: number) => `FLD${ALPHABET[i % 23]}-${ALPHABET[Math.floor(i / 23) % 23]}234`;

async function pair(from: string, code: string): Promise<{ status: number; code?: string; retryAfterSeconds?: number }> {
  const res = await room.demo.appliance.server.inject({ method: 'POST', url: '/api/v1/panels/pair', payload: { code }, remoteAddress: from });
  const body = res.json() as { status?: string; code?: string; details?: { retryAfterSeconds?: number } };
  return { status: res.statusCode, code: body.code, retryAfterSeconds: body.details?.retryAfterSeconds };
}

it('20 requests from one client leave pairing open to every other client', async () => {
  const answers = [];
  for (let i = 0; i < 20; i++) answers.push(await pair('10.30.0.66', codeNo(i)));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(MAX_PENDING_PER_CLIENT);
  expect(answers.slice(MAX_PENDING_PER_CLIENT).every((a) => a.status === 429 && a.code === 'ROOMCTL_E_RATE_LIMITED' && a.retryAfterSeconds! > 0)).toBe(true);

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
