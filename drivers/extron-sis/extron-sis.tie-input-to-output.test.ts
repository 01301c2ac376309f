import { expect, it } from 'vitest';
import { useSwitcher } from './test-setup.js';

const switcher = useSwitcher();

it('connects: banner, verbose mode 3, then Q, N and I; a tie is `1*2!` → `Out2 In1 All`, an input to all `2!` → `In2 All`', async () => {
  const { sim, driver, ctx } = await switcher({ inputs: 4, outputs: 2 });
  await driver.connect();
  expect(sim.received).toEqual(['\x1b3CV', 'Q', 'N', 'I']);
  expect(ctx.state).toMatchObject({ model: 'DXP 44 HDMI', verbose: true, firmware: '1.23', partNumber: '60-1234-01', size: { inputs: 4, outputs: 2 } });

  await expect(driver.execute('tie', { input: 1, output: 2 })).resolves.toEqual({ output: 2, input: 1 });
  expect(sim.received.at(-1)).toBe('1*2!');
  expect(sim.switcher.ties).toEqual([1, 1]);
  expect(ctx.state.ties).toEqual({ 2: 1 });

  await expect(driver.execute('input', { input: '3' })).resolves.toEqual({ input: '3' });
  expect(sim.received.at(-1)).toBe('3!');
  expect(sim.switcher.ties).toEqual([3, 3]);
  expect(ctx.state).toMatchObject({ input: '3', ties: { 1: 3, 2: 3 } });
  expect(ctx.lost).toEqual([]);
});
