import { expect, it } from 'vitest';
import { useSwitcher } from './test-setup.js';

const switcher = useSwitcher();

it('in verbose mode a tie made at the front panel arrives unasked (`Out1 In4 All`) and reaches the room', async () => {
  const { sim, driver, ctx } = await switcher({ outputs: 2 });
  await driver.connect();
  sim.pressFrontPanel(4, 1);
  await expect.poll(() => ctx.state.ties).toEqual({ 1: 4 });
  // The next command is still matched to its own answer.
  await expect(driver.execute('tie', { input: 2, output: 2 })).resolves.toEqual({ output: 2, input: 2 });
  expect(ctx.state.ties).toEqual({ 1: 4, 2: 2 });
});
