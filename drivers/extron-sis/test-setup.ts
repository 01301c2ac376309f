import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { ExtronSisDriver, type ExtronSisDriverOptions } from './extron-sis-driver.js';
import { startExtronSisSimulator, type ExtronSisSimulatorOptions, type RunningExtronSisSimulator } from './extron-sis-simulator.js';

/** A switcher simulator on loopback and a driver connected to it, closed after each test. */
export function useSwitcher() {
  return useSimulatedDevice(
    async (
      simulator: ExtronSisSimulatorOptions = {},
      options: Partial<ExtronSisDriverOptions> = {},
    ): Promise<{ sim: RunningExtronSisSimulator; driver: ExtronSisDriver; ctx: TestContext }> => {
      const sim = await startExtronSisSimulator({ port: 0, ...simulator });
      const ctx = createTestContext('switcher');
      const driver = new ExtronSisDriver({ ...sim.endpoint, outputs: sim.switcher.outputs, ...options }, ctx);
      return { sim, driver, ctx };
    },
  );
}
