import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  driver = sim = undefined;
});

it('a lamp error in ERST makes the display degraded at the next probe, and clears when fixed', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);
  await driver.connect();
  expect(ctx.conditions).toEqual([{ degraded: false }]);
  // One question per probe: a round of four asks ERST once.
  const probeRound = async () => {
    for (let i = 0; i < 4; i++) await driver!.probe();
  };

  sim.setErrorStatus({ lamp: 'error' });
  await probeRound();
  await probeRound(); // no change: not reported again
  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'lamp error' });

  sim.setErrorStatus({ filter: 'warning' });
  await probeRound();
  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'lamp error, filter warning' });

  sim.setErrorStatus('000000');
  await probeRound();
  expect(ctx.conditions).toEqual([
    { degraded: false },
    { degraded: true, detail: 'lamp error' },
    { degraded: true, detail: 'lamp error, filter warning' },
    { degraded: false },
  ]);
  expect(sim.display.received.filter((l) => l === '%1ERST ?')).toHaveLength(5);
});
