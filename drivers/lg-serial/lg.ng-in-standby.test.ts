import { expect, it } from 'vitest';
import { useLgDisplay } from './test-setup.js';

const start = useLgDisplay();

it('NG (volume while in standby) is a coded refusal; the link stays', async () => {
  const { driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('volume', { level: 40 })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', message: expect.stringContaining('NG') });
  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
  expect(ctx.lost).toEqual([]);
});
