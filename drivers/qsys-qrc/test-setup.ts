import { afterEach } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { QsysDriver, type QsysDriverOptions } from './qsys-driver.js';
import { startQsysSimulator, type QsysSimulatorOptions, type RunningQsysSimulator } from './qsys-simulator.js';

/** One simulated Core and one driver per test, both closed after it. */
export function useQsysCore() {
  let sim: RunningQsysSimulator | undefined;
  let driver: QsysDriver | undefined;
  afterEach(async () => {
    await driver?.disconnect();
    await sim?.close();
    driver = sim = undefined;
  });
  return async (driverOptions: Partial<QsysDriverOptions> = {}, simOptions: QsysSimulatorOptions = {}) => {
    sim = await startQsysSimulator({ port: 0, ...simOptions });
    const ctx: TestContext = createTestContext('dsp');
    driver = new QsysDriver({ ...sim.endpoint, muteControl: { component: 'MicMute', control: 'mute' }, pollRateMs: 50, ...driverOptions }, ctx);
    return { sim, driver, ctx };
  };
}
