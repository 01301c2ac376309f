import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { PjlinkDriver, type PjlinkDriverOptions } from './pjlink-driver.js';
import { startPjlinkSimulator, type PjlinkSimulatorOptions, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { startScriptedDisplay, type ScriptedAnswer, type ScriptedDisplay } from './testing/scripted-display.js';

/** A display simulator on loopback and a driver for it (not yet connected), closed after each test. */
export function useDisplay() {
  return useSimulatedDevice(
    async (
      simulator: PjlinkSimulatorOptions = {},
      options: Partial<PjlinkDriverOptions> = {},
    ): Promise<{ sim: RunningPjlinkSimulator; driver: PjlinkDriver; ctx: TestContext }> => {
      const sim = await startPjlinkSimulator({ port: 0, ...simulator });
      const ctx = createTestContext();
      const driver = new PjlinkDriver({ ...sim.endpoint, ...options }, ctx);
      return { sim, driver, ctx };
    },
  );
}

/**
 * A display played from a script (`answer`, line by line) on loopback and a driver for it (not
 * yet connected), closed after each test: for what the simulator never does by itself.
 */
export function useScriptedDisplay() {
  return useSimulatedDevice(
    async (
      answer: (line: string, index: number) => ScriptedAnswer,
      options: Partial<PjlinkDriverOptions> = {},
      greeting?: string,
    ): Promise<{ sim: ScriptedDisplay; driver: PjlinkDriver; ctx: TestContext }> => {
      const sim = await startScriptedDisplay(answer, greeting);
      const ctx = createTestContext();
      const driver = new PjlinkDriver({ host: '127.0.0.1', port: sim.port, ...options }, ctx);
      return { sim, driver, ctx };
    },
  );
}
