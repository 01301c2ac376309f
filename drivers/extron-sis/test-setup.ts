import { afterEach } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { ExtronSisDriver, type ExtronSisDriverOptions } from './extron-sis-driver.js';
import { startExtronSisSimulator, type ExtronSisSimulatorOptions, type RunningExtronSisSimulator } from './extron-sis-simulator.js';

/** A switcher simulator on loopback and a driver connected to it, closed after each test. */
export function useSwitcher() {
  let sim: RunningExtronSisSimulator | undefined;
  let driver: ExtronSisDriver | undefined;
  afterEach(async () => {
    await driver?.disconnect();
    await sim?.close();
    driver = sim = undefined;
  });
  return async (
    simulator: ExtronSisSimulatorOptions = {},
    options: Partial<ExtronSisDriverOptions> = {},
  ): Promise<{ sim: RunningExtronSisSimulator; driver: ExtronSisDriver; ctx: TestContext }> => {
    sim = await startExtronSisSimulator({ port: 0, ...simulator });
    const ctx = createTestContext('switcher');
    driver = new ExtronSisDriver({ ...sim.endpoint, outputs: sim.switcher.outputs, ...options }, ctx);
    return { sim, driver, ctx };
  };
}
