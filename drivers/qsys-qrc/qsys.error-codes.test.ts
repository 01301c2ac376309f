import { expect, it } from 'vitest';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('QRC error codes become coded errors and the session stays up', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('component.get', { name: 'Nope', controls: ['gain'] })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { qrcCode: 7 },
  });
  await expect(driver.execute('component.set', { name: 'Gain1', controls: [{ name: 'treble', value: 1 }] })).rejects.toMatchObject({ details: { qrcCode: 8 } });
  await expect(driver.call('Snapshot.Load', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });

  sim.core.standby = true;
  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_BUSY' });
  await driver.probe();
  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'the Core is on standby' });

  expect(sim.connectionCount).toBe(1);
  expect(ctx.lost).toEqual([]);
});
