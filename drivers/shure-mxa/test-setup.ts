import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { ShureMxaDriver, type ShureMxaDriverOptions } from './shure-mxa-driver.js';
import { startShureMxaSimulator, type ShureMxaSimulatorOptions } from './shure-mxa-simulator.js';

/** One simulated array and one driver per test, both closed after it. */
export function useShureArray() {
  return useSimulatedDevice(async (simOptions: ShureMxaSimulatorOptions = {}, driverOptions: Partial<ShureMxaDriverOptions> = {}) => {
    const sim = await startShureMxaSimulator({ port: 0, ...simOptions });
    const ctx: TestContext = createTestContext('ceiling-mic');
    const driver = new ShureMxaDriver({ ...sim.endpoint, ...driverOptions }, ctx);
    return { sim, driver, ctx };
  });
}
