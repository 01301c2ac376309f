/**
 * Ten minutes before a meeting with an online call the self-test also checks the call: the
 * service's host answers (DNS, then TCP — here a loopback port, the name answered with
 * 127.0.0.1) and the call's browser starts. A failure fails the self-test (the panel shows
 * it) and the organiser gets the link and dial-in to join another way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HEADLESS_CALL_BROWSER } from '../../tests/helpers/provider-page.js';
import { waitFor } from '../../tests/helpers/test-room.js';
import type { RoomConfig } from '../config/config-schema.js';
import { book } from '../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';
import { freePort } from '../notify/testing/http-receiver.js';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/testing/smtp-recorder.js';
import { callCheckFor } from './call-wiring.js';

const ZOOM = 'https://us06web.zoom.us/j/85012345678?pwd=aBcD.1';
let fx: RoomFixture;
let smtp: SmtpRecorder;
let dir: string;
let service: Server;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-call-check-'));
  smtp = await startSmtpRecorder();
  service = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await fx?.close();
  await smtp.close();
  await new Promise<void>((resolve) => service.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const config = () => ({ calls: { browser: HEADLESS_CALL_BROWSER }, storage: { dir } }) as unknown as RoomConfig;
const roomWith = (port: number) =>
  roomFixture({
    start: '2026-04-01T08:00:00.000Z',
    notifications: { email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' } },
    callCheck: callCheckFor(config(), { lookup: async () => ['127.0.0.1'], port }),
  });
const meeting = () =>
  book(fx.room.ctx, {
    start: '2026-04-01T08:30:00.000Z',
    minutes: 30,
    title: 'Budget review',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    description: 'Video system: sip:8001@vc.acme.cn',
    online: { url: ZOOM },
  });

it('passes when the service answers and the browser starts', async () => {
  fx = roomWith((service.address() as { port: number }).port);
  meeting();
  await fx.advanceTo('2026-04-01T08:20:00.000Z');
  const [result] = fx.eventsOf('selftest.result');
  expect(result!.results.filter((r) => r.deviceId === 'call')).toEqual([
    expect.objectContaining({ check: 'call-host', ok: true, detail: expect.stringContaining('us06web.zoom.us answers on port') }),
    expect.objectContaining({ check: 'call-browser', ok: true, detail: expect.stringMatching(/Chrome/) }),
  ]);
  expect(result!.passed).toBe(true);
});

it("fails when the service's host does not answer: the panel sees it and the organiser gets the link and dial-in", async () => {
  fx = roomWith(await freePort());
  meeting();
  await fx.advanceTo('2026-04-01T08:20:00.000Z');
  const [result] = fx.eventsOf('selftest.result');
  expect(result!.passed).toBe(false);
  expect(result!.results.find((r) => r.check === 'call-host')).toMatchObject({
    ok: false,
    advice: 'call-unreachable',
    detail: expect.stringContaining('ECONNREFUSED'),
  });
  expect(fx.room.streamMessage().now.selfTest).toMatchObject({ passed: false, failed: ['call'] });
  await fx.advance(5_000);
  const toOrganiser = await waitFor(
    () => smtp.messages.find((mail) => mail.to.includes('alice@example.com') && mail.data.includes('may not join')),
    8000,
    'the organiser told',
  );
  expect(toOrganiser.data).toContain('https://us06web.zoom.us/j/85012345678');
  expect(toOrganiser.data).toContain('meeting ID 85012345678');
  expect(toOrganiser.data).toContain('sip:8001@vc.acme.cn');
});
