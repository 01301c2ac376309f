import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';

const start = useCamera();

it('a preset name with XML in it reaches the camera as text, never as markup', async () => {
  const { sim, driver } = await start({ events: false });
  await driver.connect();

  const { token } = (await driver.execute('preset.set', { name: 'Q&A <stage>' })) as { token: string };

  expect(sim.ptz.presets.get(token)?.name).toBe('Q&A <stage>');
  await driver.execute('preset.goto', { token });
  await expect(driver.execute('preset.goto', { token: '1</PresetToken><x>' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { fault: 'ter:InvalidArgVal/ter:NoToken' },
  });
});
