import { afterEach } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { LgDriver, type LgDriverOptions } from './lg-driver.js';
import { startLgSimulator, type RunningLgSimulator } from './lg-simulator.js';

/** A socat PTY pair, the LG simulator on one end and a driver on the other, all closed after the test. */
export function useLgDisplay() {
  let pair: PtyPair | undefined;
  let sim: RunningLgSimulator | undefined;
  let driver: LgDriver | undefined;
  afterEach(async () => {
    await driver?.disconnect();
    await sim?.close();
    await pair?.close();
    pair = sim = driver = undefined;
  });
  return async (driverOptions: Partial<LgDriverOptions> = {}, setId = 1) => {
    pair = await createPtyPair();
    sim = await startLgSimulator({ path: pair.simulatorPath, setId });
    const ctx: TestContext = createTestContext('display');
    driver = new LgDriver({ port: pair.devicePath, ...driverOptions }, ctx);
    return { pair, sim, driver, ctx };
  };
}
