import { expect, it } from 'vitest';
import { useSerialCamera } from './test-setup.js';
import { hex } from '../testing/hex.js';

const start = useSerialCamera();

it('recalls preset 5: 81 01 04 3F 02 05 FF, and the camera travels to where 5 was saved', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  sim.camera.presets.set(5, { pan: 300, tilt: -100, zoom: 0x1000, focus: 0x2000 });

  await driver.execute('preset.recall', { preset: 5 });

  expect(sim.received.map(hex)).toContain('81 01 04 3F 02 05 FF');
  // The driver returns on completion, which the camera sends once it has arrived.
  expect(sim.camera.reported).toEqual({ pan: 300, tilt: -100, zoom: 0x1000, focus: 0x2000 });
  expect(ctx.state).toMatchObject({ lastPreset: 5 });
});

it('saves a preset where the camera is and reads it back with inquire', async () => {
  const { sim, driver } = await start({ camera: { model: 'sony' } }, { baudRate: 9600, model: 'sony' });
  await driver.connect();

  await driver.execute('position.absolute', { pan: -400, tilt: 200 });
  await driver.execute('preset.save', { preset: 200 });
  await driver.execute('home', {});
  await driver.execute('preset.recall', { preset: 200 });

  expect(sim.received.map(hex)).toContain('81 01 04 3F 01 C8 FF');
  expect(await driver.execute('inquire', {})).toMatchObject({ power: 'on', pan: -400, tilt: 200 });
});

it('refuses a preset beyond the model with the allowed range', async () => {
  const { sim, driver } = await start({}, { baudRate: 9600, model: 'lumens' });
  await driver.connect();

  await expect(driver.execute('preset.recall', { preset: 200 })).rejects.toMatchObject({
    code: 'ROOMCTL_E_ACTION_PARAMS',
    message: 'preset 200 is out of range for model lumens',
    details: { allowed: '0..127' },
  });
  expect(sim.received.map(hex)).not.toContain('81 01 04 3F 02 C8 FF');
});
