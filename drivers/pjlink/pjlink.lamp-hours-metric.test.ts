import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';

const start = useDisplay();

it('each round of four watchdog probes reads LAMP ? once and publishes lampHours, a number the health view takes as a metric', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  for (let i = 0; i < 4; i++) await driver.probe();

  // One question per probe, so a slow display is timed per reply.
  expect(sim.display.received.slice(-4)).toEqual(['%1POWR ?', '%1ERST ?', '%1POWR ?', '%1LAMP ?']);
  expect(ctx.state.lampHours).toBe(1234);
});
