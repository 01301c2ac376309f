import { expect, it } from 'vitest';
import { useSwitcher } from './test-setup.js';

const switcher = useSwitcher();

it('`5*1!` on a four-input switcher is answered E01: refused with its meaning, and the link goes on', async () => {
  const { sim, driver, ctx } = await switcher({ inputs: 4, outputs: 1 });
  await driver.connect();

  await expect(driver.execute('tie', { input: 5, output: 1 })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('E01 (invalid input number)'),
  });
  await expect(driver.execute('tie', { input: 2, output: 1 })).resolves.toEqual({ output: 1, input: 2 });
  expect(ctx.lost).toEqual([]);
  expect(sim.connectionCount).toBe(1);
});

it('a tie to an output the config does not give is refused before anything is sent', async () => {
  const { sim, driver } = await switcher({ outputs: 1 });
  await driver.connect();
  const sent = sim.received.length;
  await expect(driver.execute('tie', { input: 1, output: 3 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '1..1' } });
  expect(sim.received.length).toBe(sent);
});

it('bytes that are no SIS line drop the link, to be reconnected clean', async () => {
  const { sim, driver, ctx } = await switcher();
  await driver.connect();
  sim.broadcast('\x00\x13\x37garbage\r\n');
  await expect.poll(() => ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
  await driver.connect();
  await expect(driver.execute('input', { input: '2' })).resolves.toEqual({ input: '2' });
});
