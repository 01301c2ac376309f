import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { startOnvifSimulator, type OnvifSimulatorOptions, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver, type OnvifConfig, type OnvifDriverOptions } from './onvif-driver.js';

/** A camera simulator on loopback and a driver for it (not yet connected: `config` adds to its address), closed after each test. */
export function useCamera() {
  return useSimulatedDevice(
    async (
      simulator: OnvifSimulatorOptions = {},
      config: Partial<OnvifConfig> = {},
      options: OnvifDriverOptions = {},
    ): Promise<{ sim: RunningOnvifSimulator; driver: OnvifDriver; ctx: TestContext }> => {
      const sim = await startOnvifSimulator(simulator);
      const ctx = createTestContext();
      const driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, ...config }, ctx, options);
      return { sim, driver, ctx };
    },
  );
}
