import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useDisplay();

it('the display drops an idle session; the next command reconnects without reporting a lost link', async () => {
  const { sim, driver, ctx } = await start({ idleTimeoutMs: 150, password: 'pw' }, { password: 'pw' });
  await driver.connect();
  expect(sim.connectionCount).toBe(1);

  await waitFor(() => sim.openConnections === 0, 2000, 'the idle drop');
  await new Promise((resolve) => setTimeout(resolve, 20));

  await expect(driver.execute('power', { on: true })).resolves.toMatchObject({ power: 'warming' });

  expect(sim.connectionCount).toBe(2);
  // The new session authenticated again with its own CLSS ? before the command.
  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?', '%1CLSS ?', '%1POWR 1', '%1POWR ?']);
  expect(ctx.lost).toEqual([]);
});

it('a session the driver has left idle too long is replaced before sending, not raced', async () => {
  const { sim, driver, ctx } = await start({}, { idleRecycleMs: 50 });
  await driver.connect();
  await new Promise((resolve) => setTimeout(resolve, 80));

  await driver.execute('power', { on: true });

  expect(sim.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});

it('a display that drops every session at once (dropConnections) is reached again on the next command', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  sim.dropConnections();
  await waitFor(() => sim.openConnections === 0, 2000);
  await driver.probe();

  expect(sim.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});
