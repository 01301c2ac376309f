import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';

const start = useCamera();

it('SOAP faults become coded errors that name the fault, and the link stays up', async () => {
  // A ceiling mount: the head cannot tilt above the horizon.
  const { driver, ctx } = await start({ events: false, ptz: { limits: { tilt: { min: -1, max: 0 } } } });
  await driver.connect();

  await expect(driver.execute('preset.goto', { token: 'no-such-preset' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('No token'),
    details: { operation: 'GotoPreset', fault: 'ter:InvalidArgVal/ter:NoToken', reason: 'No token' },
  });
  await expect(driver.execute('position.absolute', { pan: 0, tilt: 0.5 })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { operation: 'AbsoluteMove', fault: 'ter:InvalidArgVal/ter:InvalidPosition', reason: 'Invalid position' },
  });

  await driver.probe();
  expect(ctx.lost).toEqual([]);
});
