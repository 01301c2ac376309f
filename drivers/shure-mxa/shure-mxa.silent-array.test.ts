import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('an array that goes silent makes the request time out without losing the link', async () => {
  const { sim, driver, ctx } = await start({}, { replyTimeoutMs: 200 });
  await driver.connect();
  sim.array.handle = () => []; // the array stops answering

  await expect(driver.probe()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
  expect(ctx.lost).toEqual([]);
});
