/**
 * The switcher sends its banner at once, but the room's own process is held up past the banner
 * wait (a loaded room PC): the banner waits in the socket, and the room takes it when it runs
 * again instead of calling the switcher no Extron. A switcher that really sends nothing (its
 * thread frozen) still fails the connect. The switcher runs in a worker thread
 * (drivers/testing/room-held-up.ts), so it answers while the room's thread is busy.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { holdUpTheRoom, startDeviceWorker } from '../testing/room-held-up.js';
import { createTestContext } from '../testing/test-context.js';
import { ExtronSisDriver } from './extron-sis-driver.js';

const devices = startDeviceWorker();
afterAll(() => devices.close());
let driver: ExtronSisDriver | undefined;
afterEach(() => driver?.disconnect());

it('takes a banner that came while the room was held up; a frozen switcher sends none in time', async () => {
  const switcher = await devices.start(new URL('./extron-sis-simulator.ts', import.meta.url), 'startExtronSisSimulator', { host: '127.0.0.1', port: 0 });
  const connectTo = () => new ExtronSisDriver({ host: '127.0.0.1', port: switcher.port, replyTimeoutMs: 300 }, createTestContext());

  driver = connectTo();
  const heldUp = holdUpTheRoom(switcher.port, 'connect', 800);
  const connected = driver.connect();
  await heldUp;
  await expect(connected).resolves.toBeUndefined();
  await driver.disconnect();

  const frozen = await devices.freeze();
  driver = connectTo();
  await expect(driver.connect()).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_TIMEOUT',
    message: expect.stringContaining('sent no Extron banner within 300 ms'),
  });
  frozen.thaw();
});
