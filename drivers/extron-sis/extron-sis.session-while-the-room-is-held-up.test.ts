/**
 * The switcher sends its banner, and its password prompt, at once, but the room's own process is
 * held up past the wait for it (a loaded room PC): what it sent waits in the socket, and the room
 * takes it when it runs again, instead of calling the switcher no Extron or going on without a
 * login. A switcher without a password still goes on without one after the prompt's grace, and
 * one that really sends nothing (its thread frozen) still fails the connect. The switcher runs in
 * a worker thread (drivers/testing/room-held-up.ts), so it answers while the room's thread is busy.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { holdUpTheRoom, startDeviceWorker } from '../testing/room-held-up.js';
import { createTestContext } from '../testing/test-context.js';
import { ExtronSisDriver } from './extron-sis-driver.js';

/** The room is held up this long, well past the banner's wait. */
const HELD_UP_MS = 800;
const WAIT_MS = 300;

const devices = startDeviceWorker();
afterAll(() => devices.close());
let driver: ExtronSisDriver | undefined;
afterEach(() => driver?.disconnect());

const startSwitcher = (options: object) =>
  devices.start(new URL('./extron-sis-simulator.ts', import.meta.url), 'startExtronSisSimulator', { host: '127.0.0.1', port: 0, ...options });
const GRACE_MS = 100;
const connectTo = (port: number, ctx = createTestContext(), password?: string) =>
  (driver = new ExtronSisDriver({ host: '127.0.0.1', port, password, replyTimeoutMs: WAIT_MS, promptGraceMs: GRACE_MS }, ctx));
/** Held up right after reading the banner's clock line: the prompt's grace falls due meanwhile. */
const afterTheClockLine = (port: number) => holdUpTheRoom(port, 'data', 4 * GRACE_MS, /\d\d:\d\d:\d\d/);

it('takes a banner, and a password prompt, that came while the room was held up', async () => {
  const open = await startSwitcher({});
  // A real switcher's prompt may come a moment after its clock line, in a read of its own.
  const locked = await startSwitcher({ password: 'extron-admin', promptDelayMs: 50 });

  const bannerHeldUp = holdUpTheRoom(open.port, 'connect', HELD_UP_MS);
  const connected = connectTo(open.port).connect();
  await bannerHeldUp;
  await expect(connected).resolves.toBeUndefined();
  await driver!.disconnect();

  const prompted = createTestContext();
  const promptHeldUp = afterTheClockLine(locked.port);
  const loggedIn = connectTo(locked.port, prompted, 'extron-admin').connect();
  await promptHeldUp;
  await expect(loggedIn).resolves.toBeUndefined();
  expect(prompted.state).toMatchObject({ login: 'administrator', verbose: true });
});

it('a switcher with no password, held up past the grace, still goes on without a login; a frozen one sends no banner in time', async () => {
  const open = await startSwitcher({});
  const session = createTestContext();
  const graceHeldUp = afterTheClockLine(open.port);
  const connected = connectTo(open.port, session).connect();
  await graceHeldUp;
  await expect(connected).resolves.toBeUndefined();
  expect(session.state).toMatchObject({ verbose: true, firmware: '1.23' });
  expect(session.state.login).toBeUndefined();
  await driver!.disconnect();

  const frozen = await devices.freeze();
  await expect(connectTo(open.port).connect()).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_TIMEOUT',
    message: expect.stringContaining(`sent no Extron banner within ${WAIT_MS} ms`),
  });
  frozen.thaw();
});
