import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('REP ERR becomes a coded rejection and the link stays up', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  // Preset 11 is past the array's range; the schema would stop it, the device must too.
  await expect(driver.execute('preset.recall', { preset: 11 })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED' });

  await expect(driver.execute('preset.recall', { preset: 4 })).resolves.toEqual({ preset: 4 });
  expect(sim.array.preset).toBe(4);
  expect(ctx.state.preset).toBe(4);
  expect(sim.connectionCount).toBe(1);
  expect(ctx.lost).toEqual([]);
});
