import { afterEach } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { ShureMxaDriver, type ShureMxaDriverOptions } from './shure-mxa-driver.js';
import { startShureMxaSimulator, type RunningShureMxaSimulator, type ShureMxaSimulatorOptions } from './shure-mxa-simulator.js';

/** One simulated array and one driver per test, both closed after it. */
export function useShureArray() {
  let sim: RunningShureMxaSimulator | undefined;
  let driver: ShureMxaDriver | undefined;
  afterEach(async () => {
    await driver?.disconnect();
    await sim?.close();
    driver = sim = undefined;
  });
  return async (simOptions: ShureMxaSimulatorOptions = {}, driverOptions: Partial<ShureMxaDriverOptions> = {}) => {
    sim = await startShureMxaSimulator({ port: 0, ...simOptions });
    const ctx: TestContext = createTestContext('ceiling-mic');
    driver = new ShureMxaDriver({ ...sim.endpoint, ...driverOptions }, ctx);
    return { sim, driver, ctx };
  };
}
