import { afterEach } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { TesiraDriver, type TesiraDriverOptions } from './tesira-driver.js';
import { startTesiraSimulator, type RunningTesiraSimulator, type TesiraSimulatorOptions } from './tesira-simulator.js';

/** One simulated Tesira (telnet) and one driver per test, both closed after it. */
export function useTesira() {
  let sim: RunningTesiraSimulator | undefined;
  const drivers: TesiraDriver[] = [];
  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.disconnect();
    await sim?.close();
    sim = undefined;
  });
  return async (driverOptions: Partial<TesiraDriverOptions> = {}, simOptions: TesiraSimulatorOptions = {}) => {
    sim = await startTesiraSimulator({ port: 0, ...simOptions });
    const ctx: TestContext = createTestContext('dsp');
    const endpoint = sim.endpoint as { host: string; port: number };
    const driver = new TesiraDriver({ host: endpoint.host, port: endpoint.port, muteBlock: { instanceTag: 'MicMute', channel: 1 }, ...driverOptions }, ctx);
    drivers.push(driver);
    return { sim, driver, ctx };
  };
}
