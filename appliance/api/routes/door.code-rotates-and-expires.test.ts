import { afterEach, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
afterEach(() => room?.close());

const withCode = (code: string) => ({ 'x-door-code': code });

it('takes the door code in its own window and the next, refuses it after with DOOR_CODE_EXPIRED, and refuses a wrong one', async () => {
  // 10:04:30 in Berlin: the code's window (5 min) ends at 10:05.
  room = await startClockedRoom({ start: '2026-04-01T08:04:30Z' });
  expect((await room.call('GET', '/api/v1/door/access', undefined, {})).status).toBe(401);
  const access = await room.call('GET', '/api/v1/door/access');
  expect(access.status).toBe(200);
  const { code, url, expiresAt, refreshInSeconds } = access.body as { code: string; url: string; expiresAt: string; refreshInSeconds: number };
  expect(url).toBe(`${room.baseUrl}/book#code=${code}`);
  expect(refreshInSeconds).toBe(30);
  expect(expiresAt).toBe('2026-04-01T08:10:00.000Z');

  const schedule = await room.call('GET', '/api/v1/door/schedule', undefined, withCode(code));
  expect(schedule.status).toBe(200);
  expect(schedule.body).toMatchObject({
    room: { name: 'Aurora', timezone: 'Europe/Berlin' },
    durations: [15, 30, 60],
    bookingsLeft: 3,
    codeExpiresAt: expiresAt,
    dayEnd: '2026-04-01T22:00:00.000Z',
  });

  // The panel shows the next code from 10:05; a phone that scanned the old one just before still books.
  await room.clock.advanceTo('2026-04-01T08:05:01Z');
  const next = (await room.call('GET', '/api/v1/door/access')).body as { code: string; refreshInSeconds: number };
  expect(next.code).not.toBe(code);
  expect(next.refreshInSeconds).toBe(299);
  const booked = await room.call('POST', '/api/v1/door/bookings', { minutes: 15, title: 'Quick sync', organiser: { name: 'Ada' } }, withCode(code));
  expect(booked.status).toBe(201);

  // Two windows on, it is refused, with words that tell the person what to do.
  await room.clock.advanceTo('2026-04-01T08:10:00Z');
  for (const [method, path, body] of [
    ['GET', '/api/v1/door/schedule', undefined],
    ['POST', '/api/v1/door/bookings', { minutes: 15, start: '2026-04-01T12:00:00Z', title: 'Late', organiser: { name: 'Ada' } }],
  ] as const) {
    const old = await room.call(method, path, body, withCode(code));
    expect(old.status, `${method} ${path}`).toBe(401);
    expect(old.body).toMatchObject({
      code: 'ROOMCTL_E_DOOR_CODE_EXPIRED',
      message: expect.stringContaining('scan the QR code'),
      details: { expiredAt: '2026-04-01T08:10:00.000Z' },
    });
  }
  expect((await room.call('GET', '/api/v1/door/schedule', undefined, withCode(next.code))).status).toBe(200);

  // Wrong codes: one letter off, another shape, one from a window still to come, none at all.
  const oneOff = next.code.slice(0, -1) + (next.code.endsWith('A') ? 'B' : 'A');
  const future = room.appliance.core.meetings!.doorCodes.codeFor((room.appliance.core.meetings!.doorCodes.windowOf(next.code) ?? 0) + 3);
  for (const wrong of [oneOff, 'ZZZZ-ZZZZ', future, next.code + 'X']) {
    const refused = await room.call('POST', '/api/v1/door/bookings', { minutes: 15, title: 'Guess', organiser: { name: 'Mallory' } }, withCode(wrong));
    expect(refused.status, wrong).toBe(401);
    expect(refused.body.code, wrong).toBe('ROOMCTL_E_UNAUTHORIZED');
  }
  const none = await room.call('POST', '/api/v1/door/bookings', { minutes: 15, title: 'Guess', organiser: { name: 'Mallory' } }, {});
  expect(none.body).toMatchObject({ code: 'ROOMCTL_E_UNAUTHORIZED', message: expect.stringContaining('X-Door-Code') });
  // The code is case-insensitive, as a person might type it.
  expect((await room.call('GET', '/api/v1/door/schedule', undefined, withCode(next.code.toLowerCase()))).status).toBe(200);
});

it('draws the QR code only for the panel, and only of a code the room still takes', async () => {
  room = await startClockedRoom({ start: '2026-04-01T08:00:00Z' });
  const { code } = (await room.call('GET', '/api/v1/door/access')).body as { code: string };
  expect((await room.call('GET', '/api/v1/door/qr.svg', undefined, withCode(code))).status).toBe(401);
  const svg = await room.call('GET', `/api/v1/door/qr.svg?code=${code}`);
  expect(svg.status).toBe(200);
  expect(svg.text).toMatch(/^<svg[^>]*viewBox/);
  expect((await room.call('GET', '/api/v1/door/qr.svg')).status).toBe(200);
  expect((await room.call('GET', '/api/v1/door/qr.svg?code=ZZZZ-ZZZZ')).body.code).toBe('ROOMCTL_E_UNAUTHORIZED');
  await room.clock.advance(10 * 60_000);
  expect((await room.call('GET', `/api/v1/door/qr.svg?code=${code}`)).body.code).toBe('ROOMCTL_E_DOOR_CODE_EXPIRED');
});
