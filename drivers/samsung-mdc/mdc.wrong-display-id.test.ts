import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { MdcDriver } from './mdc-driver.js';
import { startMdcSimulator, type RunningMdcSimulator } from './mdc-simulator.js';

let sim: RunningMdcSimulator | undefined;
afterEach(async () => sim?.close());

it('a wrong display ID gets no answer: connect times out and says so', async () => {
  sim = await startMdcSimulator({ port: 0, id: 5 });
  const driver = new MdcDriver({ ...(sim.endpoint as { host: string; port: number }), displayId: 1, replyTimeoutMs: 200 }, createTestContext());

  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
});
