import { expect, it } from 'vitest';
import { useLgDisplay } from './test-setup.js';

const start = useLgDisplay();

it('connect asks the power state (ka 01 ff) and, with the set in standby, nothing else', async () => {
  const { sim, driver, ctx } = await start();

  await driver.connect();

  expect(sim.display.received).toEqual(['ka 01 ff']);
  expect(ctx.state).toEqual({ power: 'standby' });
});
