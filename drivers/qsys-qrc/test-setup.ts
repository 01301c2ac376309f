import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { QsysDriver, type QsysDriverOptions } from './qsys-driver.js';
import { startQsysSimulator, type QsysSimulatorOptions } from './qsys-simulator.js';

/** One simulated Core and one driver per test, both closed after it. */
export function useQsysCore() {
  return useSimulatedDevice(async (driverOptions: Partial<QsysDriverOptions> = {}, simOptions: QsysSimulatorOptions = {}) => {
    const sim = await startQsysSimulator({ port: 0, ...simOptions });
    const ctx: TestContext = createTestContext('dsp');
    const driver = new QsysDriver({ ...sim.endpoint, muteControl: { component: 'MicMute', control: 'mute' }, pollRateMs: 50, ...driverOptions }, ctx);
    return { sim, driver, ctx };
  });
}
