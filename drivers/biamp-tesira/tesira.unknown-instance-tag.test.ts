import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('-ERR address not found names the unknown instance tag, and the link stays up', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  const failure = driver.execute('level.set', { instanceTag: 'Levle1', channel: 1, level: 0 });

  await expect(failure).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { instanceTag: 'Levle1' } });
  await expect(failure).rejects.toThrow(/no block with instance tag "Levle1"/);
  await expect(driver.execute('level.get', { instanceTag: 'Level1', channel: 1 })).resolves.toEqual({ level: 0 });
  expect(sim.connectionCount).toBe(1);
  expect(ctx.lost).toEqual([]);
});
