import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { MdcDriver } from './mdc-driver.js';
import { startMdcSimulator, type RunningMdcSimulator } from './mdc-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningMdcSimulator | undefined;
let driver: MdcDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  await pair?.close();
});

it('pulling the RS-232 adapter loses the link; plugging it back lets connect succeed again', async () => {
  pair = await createPtyPair();
  sim = await startMdcSimulator({ serialPath: pair.simulatorPath });
  const ctx = createTestContext('display');
  driver = new MdcDriver({ serialPort: pair.devicePath, replyTimeoutMs: 300 }, ctx);
  await driver.connect();

  await pair.unplug();
  await waitFor(() => ctx.lost.length === 1, 3000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await pair.replug();
  // The simulator polls for its port; the driver's next connect is what the host's backoff does.
  let connected = false;
  for (let i = 0; i < 60 && !connected; i++) {
    connected = await driver.connect().then(
      () => true,
      () => false,
    );
    if (!connected) await new Promise((r) => setTimeout(r, 50));
  }
  expect(connected).toBe(true);
  await expect(driver.execute('status', {})).resolves.toMatchObject({ power: 'standby' });
});
