import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('-ERR replies become coded errors: a bad value is ACTION_PARAMS, a wrong attribute NOT_SUPPORTED', async () => {
  const { driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('mute.toggle', { instanceTag: 'Level1', channel: 9 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS' });
  await expect(driver.execute('level.get', { instanceTag: 'Mute1', channel: 1 })).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });
  expect(ctx.lost).toEqual([]);
});
