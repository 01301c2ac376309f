import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';

const start = useDisplay();

it('the first watchdog probe after the connect reads LAMP ? and publishes lampHours, a number the health view takes as a metric; then once every four probes', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  // The connect read the class, the power and the error status, not the lamp.
  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
  expect(ctx.state.lampHours).toBeUndefined();

  await driver.probe();
  expect(sim.display.received.slice(-1)).toEqual(['%1LAMP ?']);
  expect(ctx.state.lampHours).toBe(1234);

  for (let i = 0; i < 4; i++) await driver.probe();
  // One question per probe, so a slow display is timed per reply.
  expect(sim.display.received.slice(-4)).toEqual(['%1POWR ?', '%1ERST ?', '%1POWR ?', '%1LAMP ?']);
});
