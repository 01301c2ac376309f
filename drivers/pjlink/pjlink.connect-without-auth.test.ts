import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';

const start = useDisplay();

it('connects to a display without a password: greeting, CLSS ?, POWR ?, ERST ?, and learns class 2', async () => {
  const { sim, driver, ctx } = await start();

  await driver.connect();

  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
  expect(driver.pjlinkClass).toBe(2);
  expect(ctx.state).toEqual({ power: 'standby' });
  expect(ctx.conditions).toEqual([{ degraded: false }]);
  expect(ctx.lost).toEqual([]);
});
